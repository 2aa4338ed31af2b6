import type { NextFunction, Request, Response } from "express";
import { courseChangeKey, mentorChangeKey } from "../models/courseChange";
import { readChangeMarkers } from "../queries/changeMarkers";
import type { Actor } from "../lti/sessionToken";
import { isMentor, isStaff } from "../policies/scope";
import { prepareJson, sendPrepared, type PreparedJson } from "./preparedJson";

/** A remembered answer is redone after this long even with no change marked (a write that forgot to mark). */
const MAX_AGE_MS = 10 * 60_000;
/** Answers kept in this process, oldest out; a mentor's pages are a few KB each. */
const MAX_BYTES = 32 * 2 ** 20;
const MAX_ENTRY_BYTES = 2 * 2 ** 20;

interface Entry {
  /** The change markers read before the answer was made; the answer holds while they are unchanged. */
  basis: string;
  answer: PreparedJson;
  at: number;
}

/** The answers one app remembers, least recently used out first. */
class RememberedAnswers {
  private entries = new Map<string, Entry>();
  private bytes = 0;

  get(key: string): Entry | undefined {
    const entry = this.entries.get(key);
    if (entry) this.set(key, entry); // most recently used
    return entry;
  }

  set(key: string, entry: Entry): void {
    this.delete(key);
    if (entry.answer.body.length > MAX_ENTRY_BYTES) return;
    this.entries.set(key, entry);
    this.bytes += entry.answer.body.length;
    while (this.bytes > MAX_BYTES) this.delete(this.entries.keys().next().value!);
  }

  private delete(key: string): void {
    const old = this.entries.get(key);
    if (!old) return;
    this.entries.delete(key);
    this.bytes -= old.answer.body.length;
  }
}
// Per app rather than per module, so two tools in one process (tests) remember separately, as two servers would.
const answersOf = new WeakMap<object, RememberedAnswers>();
function answersFor(app: object): RememberedAnswers {
  let answers = answersOf.get(app);
  if (!answers) answersOf.set(app, (answers = new RememberedAnswers()));
  return answers;
}

/**
 * Whose changes an answer depends on. "own-records": a mentor reading their own pages (their
 * records and the course's shared ones; see markCourseChanged's `onlyMentor`) — staff reading a
 * mentor are not remembered. "course": anything in the course.
 */
export type ReadAudience = "own-records" | "course";

async function basisFor(actor: Actor, audience: ReadAudience): Promise<string> {
  const course = courseChangeKey(actor);
  if (audience === "course") return (await readChangeMarkers([course])).get(course)?.version ?? "";
  const mentor = mentorChangeKey(actor, actor.userId);
  const found = await readChangeMarkers([course, mentor]);
  return `${found.get(course)?.mentorsVersion ?? ""}|${found.get(mentor)?.version ?? ""}`;
}

/** A read rememberReads could not answer from memory: where the answer the handler makes is kept. */
interface Remembering {
  answers: RememberedAnswers;
  key: string;
  basis: string;
  at: number;
}
// By response, private to this module: only answerJson() reads it, so nothing else can change what is kept.
const rememberingOf = new WeakMap<Response, Remembering>();

/**
 * Remembers a GET's JSON answer in this process and serves it again, without running the
 * handler, until a write marks a change it depends on (every API write is marked, see
 * markCourseChanges.ts; launches, roster syncs and the panel sweep mark theirs). A reread then
 * costs one small lookup instead of the page's queries — what lets a cohort reopening the tool
 * at once be served from a shared engine. Markers are read before the answer is made, so a write
 * racing the read leaves a basis that no longer matches.
 *
 * Two explicit steps: this middleware answers a remembered read, or notes that this read is to be
 * remembered; the answer step, answerJson(), keeps the answer it sends (the endpoint framework
 * sends every JSON answer with it).
 */
export function rememberReads(audience: ReadAudience) {
  return (req: Request, res: Response, next: NextFunction): void => {
    const actor = req.actor;
    if (
      req.method !== "GET" ||
      !actor?.contextId ||
      (audience === "own-records" && (!isMentor(actor) || isStaff(actor)))
    )
      return next();
    const key = JSON.stringify([
      actor.tenantId,
      actor.contextId,
      actor.userId,
      [...actor.roles].sort(),
      req.originalUrl,
    ]);
    const answers = answersFor(req.app);
    basisFor(actor, audience).then(
      (basis) => {
        const known = answers.get(key);
        if (known && known.basis === basis && Date.now() - known.at < MAX_AGE_MS) {
          sendPrepared(res, known.answer);
          return;
        }
        rememberingOf.set(res, { answers, key, basis, at: Date.now() });
        next();
      },
      (err) => next(err),
    );
  };
}

/**
 * Sends a JSON answer, keeping it for rereads when rememberReads asked for this read to be
 * remembered; otherwise as res.json() does. An answer that is not a 200, or that its handler
 * marks no-store (e.g. figures still being counted), is sent and not kept.
 */
export function answerJson(res: Response, body: unknown): void {
  const remembering = rememberingOf.get(res);
  rememberingOf.delete(res);
  if (!remembering || res.statusCode !== 200 || res.getHeader("Cache-Control") === "no-store") {
    res.json(body);
    return;
  }
  const answer = prepareJson(JSON.stringify(body));
  remembering.answers.set(remembering.key, { basis: remembering.basis, answer, at: remembering.at });
  sendPrepared(res, answer);
}
