import { Notice, type NoticeKind } from "../models/notice";
import { isNoticeEmailOn, wakeNoticeEmail } from "./emailNotice";

/** One thing to tell one person in a course; `key` names the event, once. */
export interface Telling {
  tenantId: string;
  contextId: string;
  /** Whom it tells. */
  userId: string;
  key: string;
  kind: NoticeKind;
  title: string;
  body: string;
  link?: string | null;
  at?: Date;
}

/**
 * Tells a person something: one notice on their home page and notifications list and, when
 * SMTP_URL is set, its e-mail queued in the same write (commands/emailNotice.ts sends it). `key`
 * names the event, so telling twice (a retry, a sweep) leaves one notice and one e-mail. Returns
 * whether this call made it.
 */
export async function tell(props: Telling): Promise<boolean> {
  const { tenantId, contextId, key } = props;
  const isEmailed = isNoticeEmailOn();
  const result = await Notice.updateOne(
    { tenantId, contextId, key },
    {
      $setOnInsert: {
        mentorUserId: props.userId,
        kind: props.kind,
        title: props.title,
        body: props.body,
        link: props.link ?? null,
        createdAt: props.at ?? new Date(),
        readAt: null,
        ...(isEmailed ? { emailState: "pending", emailAttempts: 0, emailNextAt: new Date() } : {}),
      },
    },
    { upsert: true },
  );
  const isNew = result.upsertedCount > 0;
  if (isNew && isEmailed) await wakeNoticeEmail();
  return isNew;
}

/**
 * Tells a mentor something (a module marked or returned, a comment on their evidence, an outcome
 * released, a certificate issued or revoked, hours over the cap): see tell().
 */
export async function tellMentor(props: Omit<Telling, "userId"> & { mentorUserId: string }): Promise<boolean> {
  const { mentorUserId, ...rest } = props;
  return tell({ ...rest, userId: mentorUserId });
}
