import nodemailer from "nodemailer";
import { Course } from "../models/course";
import { Member } from "../models/member";
import { Notice, type NoticeDoc } from "../models/notice";
import { runSoon } from "../jobs/jobRunner";
import { jobNames } from "../jobs/jobNames";
import type { JobDefinition } from "../jobs/jobDefinition";

// Whether notices told in this process are queued for e-mail: set once at start from SMTP_URL.
// One tool per process, like the database connection it writes through.
let isOn = false;

/** True when SMTP_URL is set, so tell() queues each new notice's e-mail with it. */
export function isNoticeEmailOn(): boolean {
  return isOn;
}

/** Asks the e-mail job to run now rather than at its next look; never fails the telling. */
export async function wakeNoticeEmail(): Promise<void> {
  await runSoon(jobNames.noticeEmail);
}

/** After this many tries an e-mail is given up (the notice itself stays in the tool). */
export const MAX_EMAIL_ATTEMPTS = 12;
/** How long one try holds a notice, so a run that outlived its lease cannot send it twice at once. */
const SENDING_HOLD_MS = 5 * 60_000;
const BATCH = 50;

/** Wait before the next try after `attempts` failed ones: 1 minute, doubling, at most 6 hours. */
export function emailRetryDelayMs(attempts: number): number {
  return Math.min(6 * 60 * 60_000, 60_000 * 2 ** Math.max(0, attempts - 1));
}

/** What sends one message; nodemailer's SMTP transport in the tool. */
export interface MailSender {
  sendMail(message: { from: string; to: string; subject: string; text: string }): Promise<unknown>;
}

/**
 * Sends the notices waiting for their e-mail, each at most once: a try first moves the notice's
 * next-try time forward (one conditional update, so one sender wins it), and only a sent message
 * marks it "sent". A failure leaves it pending with a backoff and, after MAX_EMAIL_ATTEMPTS, marks
 * it "failed"; one whose person has no e-mail address in the LMS is marked "no_address". Throws
 * after the batch if any try failed, so the job's run shows the failure and backs off too.
 */
export async function sendPendingNoticeEmails(p: {
  mailer: MailSender;
  from: string;
  now?: () => Date;
}): Promise<{ sent: number; failed: number; isMore: boolean }> {
  const now = p.now ?? (() => new Date());
  const due = await Notice.find({ emailState: "pending", emailNextAt: { $lte: now() } })
    .sort({ emailNextAt: 1 })
    .limit(BATCH)
    .lean<NoticeDoc[]>();
  let sent = 0;
  let failed = 0;
  let lastError = "";
  for (const notice of due) {
    const startedAt = now();
    const held = await Notice.updateOne(
      { _id: notice._id, emailState: "pending", emailNextAt: { $lte: startedAt } },
      { $set: { emailNextAt: new Date(startedAt.getTime() + SENDING_HOLD_MS) }, $inc: { emailAttempts: 1 } },
    );
    if (held.modifiedCount === 0) continue;
    const scope = { tenantId: notice.tenantId, contextId: notice.contextId };
    const member = await Member.findOne({ ...scope, userId: notice.mentorUserId }, { email: 1 }).lean();
    if (!member?.email) {
      await Notice.updateOne({ _id: notice._id }, { $set: { emailState: "no_address", emailNextAt: null } });
      continue;
    }
    try {
      const course = await Course.findOne(scope, { title: 1 }).lean();
      await p.mailer.sendMail({
        from: p.from,
        to: member.email,
        subject: notice.title,
        text: emailText(notice, course?.title ?? null),
      });
      await Notice.updateOne(
        { _id: notice._id },
        { $set: { emailState: "sent", emailSentAt: now(), emailNextAt: null, emailError: null } },
      );
      sent++;
    } catch (err) {
      failed++;
      lastError = err instanceof Error ? err.message : String(err);
      const attempts = (notice.emailAttempts ?? 0) + 1;
      const isGivenUp = attempts >= MAX_EMAIL_ATTEMPTS;
      await Notice.updateOne(
        { _id: notice._id },
        {
          $set: {
            emailState: isGivenUp ? "failed" : "pending",
            emailNextAt: isGivenUp ? null : new Date(now().getTime() + emailRetryDelayMs(attempts)),
            emailError: lastError.slice(0, 500),
          },
        },
      );
    }
  }
  if (failed > 0) {
    throw new Error(
      `${failed} notice e-mail${failed === 1 ? "" : "s"} could not be sent (${lastError}); each is tried again later.`,
    );
  }
  return { sent, failed, isMore: due.length === BATCH };
}

function emailText(notice: Pick<NoticeDoc, "body">, courseTitle: string | null): string {
  const where = courseTitle ? `your course "${courseTitle}"` : "your course";
  return `${notice.body}\n\nOpen Mentor Pathways from ${where} to read more and mark this as read.\n`;
}

/**
 * The job that e-mails notices, when SMTP_URL is set (and switches queueing on for this process);
 * null, with queueing off, when it is not. A slow or failing SMTP server only delays this job:
 * the notice is already in the tool.
 */
export function noticeEmailJob(p: { smtpUrl: string | undefined; from: string }): JobDefinition | null {
  isOn = Boolean(p.smtpUrl);
  if (!p.smtpUrl) return null;
  const transport = nodemailer.createTransport({
    url: p.smtpUrl,
    // An unanswering server must not hold the job for nodemailer's default minutes; the URL's own
    // settings (e.g. ?connectionTimeout=) win over these.
    connectionTimeout: 15_000,
    greetingTimeout: 15_000,
    socketTimeout: 30_000,
  });
  return {
    name: jobNames.noticeEmail,
    title: "E-mail each new notice to its person (SMTP_URL)",
    intervalMs: 60_000,
    leaseMs: 5 * 60_000,
    run: async () => {
      const { isMore } = await sendPendingNoticeEmails({ mailer: transport, from: p.from });
      return { again: isMore };
    },
  };
}
