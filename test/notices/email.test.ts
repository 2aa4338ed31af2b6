import type { AddressInfo } from "node:net";
import request from "supertest";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { Member } from "../../server/src/models/member";
import { Notice, type NoticeDoc } from "../../server/src/models/notice";
import { bearer, devUsers } from "../support/launch";
import { startTestTool } from "../support/server";
import { addEvidence, launch, type Launched } from "../portfolio/support";

// #17 item 5: with SMTP_URL set each notice is also e-mailed, by the notice-email job, to the
// person's address from the LMS. A local SMTP catcher stands in for the mail server.

interface Caught {
  from: string;
  to: string[];
  raw: string;
}
const caught: Caught[] = [];
/** While true the catcher answers every sender with a temporary failure, as a mail server that is down for maintenance. */
let isDown = false;

const catcher = new SMTPServer({
  authOptional: true,
  // A plain local catcher: no TLS for the client to try.
  disabledCommands: ["STARTTLS", "AUTH"],
  logger: false,
  onMailFrom(_address, _session, callback) {
    if (!isDown) return callback();
    const err = Object.assign(new Error("Service not available, try again later"), { responseCode: 421 });
    callback(err);
  },
  onData(stream, session, callback) {
    const chunks: Buffer[] = [];
    stream.on("data", (c: Buffer) => chunks.push(c));
    stream.on("end", () => {
      caught.push({
        from: session.envelope.mailFrom ? session.envelope.mailFrom.address : "",
        to: session.envelope.rcptTo.map((r) => r.address),
        raw: Buffer.concat(chunks).toString("utf8"),
      });
      callback();
    });
  },
});

let tool: RunningTool;
let mentor: Launched;
let leadMentor: Launched;

beforeAll(async () => {
  await new Promise<void>((resolve) => catcher.listen(0, "127.0.0.1", () => resolve()));
  const port = (catcher.server.address() as AddressInfo).port;
  tool = await startTestTool({
    SMTP_URL: `smtp://127.0.0.1:${port}`,
    SMTP_FROM: "Mentor Pathways <notices@mentor.example>",
  });
  mentor = await launch(tool, devUsers.mentor);
  leadMentor = await launch(tool, "dev-lead-mentor-1");
});
afterAll(async () => {
  await tool?.close();
  await new Promise<void>((resolve) => catcher.close(() => resolve()));
});

const api = () => request(tool.url);

/** Waits until `check` gives a value (the job runs in the background); fails after `tries` looks. */
async function eventually<T>(
  check: () => Promise<T | null | undefined | false>,
  what: string,
  tries = 200,
): Promise<T> {
  for (let i = 0; i < tries; i++) {
    const value = await check();
    if (value) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`gave up waiting for ${what}`);
}

/** Runs the e-mail job here once, after any run the runner started by itself has finished. */
async function runEmailJob(): Promise<string> {
  return eventually(async () => {
    const outcome = await tool.jobs.runNow("notice-email");
    return outcome === "busy" ? null : outcome;
  }, "a free e-mail job");
}

const subjectOf = (raw: string) => /^Subject: (.*)$/m.exec(raw)?.[1]?.trim();
const messagesTo = (address: string) => caught.filter((m) => m.to.includes(address));

/** The lead mentor comments on a new piece of the mentor's evidence; returns the notice it made. */
async function comment(body: string): Promise<NoticeDoc> {
  const item = await addEvidence(tool, mentor, { title: body });
  await api()
    .post("/api/evidence-comments")
    .set(bearer(leadMentor.token))
    .send({ evidenceId: item.id, body })
    .expect(201);
  const notice = await Notice.findOne({ mentorUserId: mentor.userId, body }).lean<NoticeDoc>();
  expect(notice).not.toBeNull();
  return notice!;
}

describe("notice e-mail", () => {
  it("is queued with the notice and sent by the job to the person's LMS address, once", async () => {
    const notice = await comment("Which target mattered most?");
    // The notice is in the tool at once, whatever the mail server does.
    expect((await api().get("/api/notices").set(bearer(mentor.token))).body.notices[0]).toMatchObject({
      title: "Ruth Adeyemi commented on your evidence",
    });
    const message = await eventually(
      async () => messagesTo("alex.morgan@oakfield.example").find((m) => m.raw.includes("Which target mattered most?")),
      "the e-mail",
    );
    expect(subjectOf(message.raw)).toBe("Ruth Adeyemi commented on your evidence");
    expect(message.from).toBe("notices@mentor.example");
    expect(message.raw).toMatch(/Open Mentor Pathways from your course/);
    const sent = await eventually(async () => {
      const n = await Notice.findById(notice._id).lean<NoticeDoc>();
      return n?.emailState === "sent" ? n : null;
    }, "the sent mark");
    expect(sent.emailSentAt).toBeInstanceOf(Date);

    // The sent mark holds: running the job again sends nothing more.
    const before = caught.length;
    expect(await runEmailJob()).toBe("succeeded");
    expect(caught.length).toBe(before);
  });

  it("survives a mail server outage: the try fails, the notice waits and is sent on a later try, not lost and not doubled", async () => {
    isDown = true;
    const notice = await comment("What will you try next week?");
    const waiting = await eventually(async () => {
      const n = await Notice.findById(notice._id).lean<NoticeDoc>();
      return n && n.emailAttempts >= 1 && n.emailError ? n : null;
    }, "a failed try");
    expect(waiting.emailState).toBe("pending");
    expect(waiting.emailError).toMatch(/try again later/);
    expect(waiting.emailNextAt!.getTime()).toBeGreaterThan(Date.now());
    expect(messagesTo("alex.morgan@oakfield.example").some((m) => m.raw.includes("What will you try next week?"))).toBe(
      false,
    );

    // Not before its next try is due: a run now leaves it waiting.
    await runEmailJob();
    expect((await Notice.findById(notice._id).lean<NoticeDoc>())!.emailState).toBe("pending");

    // The server is back and the backoff has passed (the wait is moved into the past rather than slept).
    isDown = false;
    await Notice.updateOne({ _id: notice._id }, { $set: { emailNextAt: new Date(Date.now() - 1000) } });
    const sent = await eventually(async () => {
      await runEmailJob();
      const n = await Notice.findById(notice._id).lean<NoticeDoc>();
      return n?.emailState === "sent" ? n : null;
    }, "the e-mail after the outage");
    expect(sent.emailError).toBeNull();
    expect(
      messagesTo("alex.morgan@oakfield.example").filter((m) => m.raw.includes("What will you try next week?")),
    ).toHaveLength(1);
    expect(
      subjectOf(
        messagesTo("alex.morgan@oakfield.example").find((m) => m.raw.includes("What will you try next week?"))!.raw,
      ),
    ).toBe("Ruth Adeyemi commented on your evidence");
  });

  it("is not sent to a person the LMS gave no e-mail address", async () => {
    const scope = { tenantId: mentor.tenantId, contextId: mentor.courseId, userId: mentor.userId };
    await Member.updateOne(scope, { $set: { email: null } });
    try {
      const before = caught.length;
      const notice = await comment("Nice work.");
      const marked = await eventually(async () => {
        const n = await Notice.findById(notice._id).lean<NoticeDoc>();
        return n?.emailState === "no_address" ? n : null;
      }, "the notice marked as having no address");
      expect(marked.emailSentAt ?? null).toBeNull();
      expect(caught.length).toBe(before);
    } finally {
      await Member.updateOne(scope, { $set: { email: "alex.morgan@oakfield.example" } });
    }
  });
});
