import mongoose from "mongoose";
import "../../server/src/models";
import { Member } from "../../server/src/models/member";
import { Course } from "../../server/src/models/course";
import { ModuleRecord } from "../../server/src/models/moduleRecord";
import { Evidence } from "../../server/src/models/evidence";
import { Portfolio } from "../../server/src/models/portfolio";
import { PortfolioEntry } from "../../server/src/models/portfolioEntry";
import { PortfolioVersion } from "../../server/src/models/portfolioVersion";
import { PanelRound } from "../../server/src/models/panelRound";
import { PanelDecision, PanelReview } from "../../server/src/models/panelReview";
import { CreditLedgerEntry } from "../../server/src/models/creditLedgerEntry";
import { TrainingHoursEntry } from "../../server/src/models/trainingHoursEntry";
import { programmeInForce } from "../../server/src/queries/programmeInForce";
import { awardRuleFields } from "../../server/src/commands/creditAwarder";

const BATCH = 5_000;

/** What one seeded course holds. */
export interface SeededCourse {
  contextId: string;
  mentors: number;
  leadUserId: string;
  mentorUserId(i: number): string;
  documents: number;
  seconds: number;
}

/** Inserts documents from `make(i)` for i < count through the real model, in unordered batches. */
async function insertAll(
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- every model of the course is seeded through this one function
  model: mongoose.Model<any>,
  count: number,
  make: (i: number) => Record<string, unknown>,
): Promise<number> {
  const hasTimestamps = Boolean(model.schema.get("timestamps"));
  for (let start = 0; start < count; start += BATCH) {
    const docs = [];
    const now = new Date();
    for (let i = start; i < Math.min(count, start + BATCH); i++) {
      // The model casts and fills defaults, as the app's writes do; lean insertMany (3× faster
      // than a validating one on the embedded engine) then skips only timestamps, set here.
      const doc = new model(make(i)).toObject({ depopulate: true });
      if (hasTimestamps) Object.assign(doc, { createdAt: now, updatedAt: now });
      docs.push(doc);
    }
    await model.insertMany(docs, { ordered: false, lean: true });
  }
  return count;
}

const DAY = 86_400_000;
const EPOCH = Date.UTC(2026, 0, 5);
const NARRATIVE =
  "<p>I observed my trainee teach a Year 4 lesson on fractions and we agreed two targets: " +
  "clearer modelling with the bar model and more deliberate checks for understanding.</p>";

/**
 * Seeds one course through the real mongoose models: mentors and a programme lead, module
 * records (6 modules per mentor, a mix of statuses), evidence with standard links, a portfolio
 * with entries, the panel's rounds, versions, reviews and decisions, training hours, and credit
 * ledger lines (an award for half the mentors, half of those ratified).
 * Ids are deterministic, so the bench can sign tokens for any mentor.
 */
export async function seedCourse(p: {
  tenantId: string;
  contextId: string;
  mentors: number;
  evidencePerMentor: number;
  modulesPerMentor?: number;
}): Promise<SeededCourse> {
  const started = performance.now();
  const { tenantId, contextId } = p;
  const scope = { tenantId, contextId };
  const mentorUserId = (i: number) => `${contextId}-mentor-${i}`;
  const leadUserId = `${contextId}-lead`;
  const programme = await programmeInForce(tenantId, contextId);
  const modules = programme.definition.modules.map((m) => m.code).slice(0, p.modulesPerMentor ?? 6);
  const standards = programme.definition.standards.map((s) => s.code);
  const rule = programme.definition.creditRule;
  let documents = 0;

  await Course.updateOne(
    scope,
    { $set: { title: `Bench course ${contextId}`, label: contextId, deploymentId: "bench-deployment-1" } },
    { upsert: true },
  );
  documents += await insertAll(Member, p.mentors + 1, (i) =>
    i === p.mentors
      ? { ...scope, userId: leadUserId, name: "Programme Lead", roles: ["lead", "tutor"], ltiRoles: [] }
      : {
          ...scope,
          userId: mentorUserId(i),
          name: `Mentor ${i}`,
          email: `mentor${i}@school.example`,
          school: `School ${i % 400}`,
          roles: ["mentor"],
        },
  );

  // Module records: earlier modules passed, then one submitted or in progress.
  documents += await insertAll(ModuleRecord, p.mentors * modules.length, (n) => {
    const i = Math.floor(n / modules.length);
    const m = n % modules.length;
    const reached = i % (modules.length + 1);
    const status = m < reached ? "graded" : m === reached ? (i % 2 ? "submitted" : "in_progress") : "in_progress";
    return {
      ...scope,
      mentorUserId: mentorUserId(i),
      moduleCode: modules[m],
      versionId: programme.versionId,
      status,
      reflection: status === "in_progress" ? "" : "My reflection on this module.",
      attempt: status === "in_progress" ? 0 : 1,
      submittedAt: status === "in_progress" ? null : new Date(EPOCH + (n % 200) * DAY),
      passed: status === "graded",
    };
  });

  // Every mentor has a portfolio (its entries need evidence, seeded for the main course only).
  const portfolioIds = Array.from({ length: p.mentors }, () => new mongoose.Types.ObjectId());
  documents += await insertAll(Portfolio, p.mentors, (i) => ({
    _id: portfolioIds[i],
    ...scope,
    mentorUserId: mentorUserId(i),
    mentorName: `Mentor ${i}`,
    qualificationCode: "ENTRY",
    narrativeHtml: NARRATIVE,
  }));

  // A submitted version freezes five of the portfolio's evidence items as they were. Courses
  // seeded without evidence documents get the same snapshots (a version is self-contained), so
  // every course's versions are the same size and the growth figures compare like with like.
  const FROZEN = 5;
  let frozenIdOf = (_i: number, _k: number) => new mongoose.Types.ObjectId().toString();
  const frozenEvidenceOf = (i: number): Record<string, unknown>[] =>
    Array.from({ length: FROZEN }, (_, k) => ({
      evidenceId: frozenIdOf(i, k),
      title: `Evidence ${k}: lesson observation`,
      practiceDate: new Date(EPOCH + k * DAY),
      narrativeHtml: NARRATIVE,
      standards: k % 2 === 0 ? [{ standardCode: standards[k % standards.length], descriptorCode: null, note: "" }] : [],
    }));
  if (p.evidencePerMentor > 0) {
    const evidenceIds: mongoose.Types.ObjectId[] = [];
    const total = p.mentors * p.evidencePerMentor;
    for (let i = 0; i < total; i++) evidenceIds.push(new mongoose.Types.ObjectId());
    frozenIdOf = (i, k) => evidenceIds[i * p.evidencePerMentor + (k % p.evidencePerMentor)].toString();
    documents += await insertAll(Evidence, total, (n) => ({
      _id: evidenceIds[n],
      ...scope,
      mentorUserId: mentorUserId(Math.floor(n / p.evidencePerMentor)),
      title: `Evidence ${n % p.evidencePerMentor}: lesson observation`,
      practiceDate: new Date(EPOCH + (n % 300) * DAY),
      narrativeHtml: NARRATIVE,
      position: n % p.evidencePerMentor,
      archivedAt: n % 10 === 9 ? new Date(EPOCH) : null,
      // Every other item is linked to a standard.
      standards:
        n % 2 === 0 ? [{ standardCode: standards[(n / 2) % standards.length], descriptorCode: "", note: "" }] : [],
    }));
    const perPortfolio = Math.min(5, p.evidencePerMentor);
    documents += await insertAll(PortfolioEntry, p.mentors * perPortfolio, (n) => {
      const i = Math.floor(n / perPortfolio);
      return {
        ...scope,
        mentorUserId: mentorUserId(i),
        portfolioId: portfolioIds[i],
        evidenceId: evidenceIds[i * p.evidencePerMentor + (n % perPortfolio)],
      };
    });
  }
  documents += await seedPortfolioReviews({
    scope,
    mentors: p.mentors,
    mentorUserId,
    leadUserId,
    portfolioIds,
    programmeVersionId: programme.versionId,
    frozenEvidenceOf,
  });

  // Training hours: four sessions per mentor over two academic years, logged by the mentor.
  const HOURS_PER_MENTOR = 4;
  documents += await insertAll(TrainingHoursEntry, p.mentors * HOURS_PER_MENTOR, (n) => {
    const i = Math.floor(n / HOURS_PER_MENTOR);
    const k = n % HOURS_PER_MENTOR;
    return {
      ...scope,
      mentorUserId: mentorUserId(i),
      versionId: programme.versionId,
      date: k < 2 ? `2025-1${k}-06` : `2026-1${k - 2}-05`,
      academicYear: k < 2 ? "2025/26" : "2026/27",
      activity: k % 2 ? "Mentor development workshop" : "Observing and giving feedback",
      hours: 1.5 + (i % 3),
      kind: k === 0 ? "initial" : "refresher",
      school: `School ${i % 400}`,
      loggedBy: mentorUserId(i),
      loggedByName: `Mentor ${i}`,
    };
  });

  // Credit ledger: awards for the even mentors; every fourth mentor's award ratified.
  const awarded = Math.ceil(p.mentors / 2);
  const awardIds = Array.from({ length: awarded }, () => new mongoose.Types.ObjectId());
  const line = (k: number, kind: "award" | "ratification") => {
    const i = k * 2;
    const isAward = kind === "award";
    return {
      key: isAward ? `bench:${contextId}:${i}:${rule.code}` : `bench:${awardIds[k]}:1`,
      ...scope,
      kind,
      awardId: awardIds[k],
      ...(isAward ? { _id: awardIds[k] } : {}),
      seq: isAward ? 0 : 1,
      mentorUserId: mentorUserId(i),
      mentorName: `Mentor ${i}`,
      ...awardRuleFields(programme),
      recordedBy: isAward ? "system" : leadUserId,
      recordedAt: new Date(EPOCH + (k % 300) * DAY + (isAward ? 0 : DAY)),
      provisionalDelta: isAward ? 1 : -1,
      ratifiedDelta: isAward ? 0 : 1,
      reversedDelta: 0,
    };
  };
  documents += await insertAll(CreditLedgerEntry, awarded, (k) => line(k, "award"));
  documents += await insertAll(CreditLedgerEntry, Math.ceil(awarded / 2), (k) => line(k * 2, "ratification"));

  return {
    contextId,
    mentors: p.mentors,
    leadUserId,
    mentorUserId,
    documents,
    seconds: (performance.now() - started) / 1000,
  };
}

/**
 * The panel's work: three rounds (two met, one to come); a third of the mentors submitted their
 * portfolio to one of them; versions in the met rounds have two reviews (one in ten asks for more
 * evidence), and those of the first round a decision, released by the lead after the panel met.
 */
async function seedPortfolioReviews(p: {
  scope: { tenantId: string; contextId: string };
  mentors: number;
  mentorUserId: (i: number) => string;
  leadUserId: string;
  portfolioIds: mongoose.Types.ObjectId[];
  programmeVersionId: string;
  frozenEvidenceOf: (i: number) => Record<string, unknown>[];
}): Promise<number> {
  const { scope } = p;
  const roundIds = [0, 1, 2].map(() => new mongoose.Types.ObjectId());
  const releasedAt = new Date(EPOCH + 62 * DAY);
  let documents = await insertAll(PanelRound, 3, (r) => ({
    _id: roundIds[r],
    ...scope,
    name: `Panel ${r + 1}`,
    date: new Date(EPOCH + (60 + 120 * r) * DAY),
    status: r < 2 ? "closed" : "open",
    createdBy: p.leadUserId,
    ...(r === 0 ? { releasedAt, releasedBy: p.leadUserId } : {}),
  }));
  const submitted = Math.ceil(p.mentors / 3);
  const mentorOf = (v: number) => v * 3;
  const roundOf = (v: number) => v % 3;
  const versionIds = Array.from({ length: submitted }, () => new mongoose.Types.ObjectId());
  documents += await insertAll(PortfolioVersion, submitted, (v) => ({
    _id: versionIds[v],
    ...scope,
    mentorUserId: p.mentorUserId(mentorOf(v)),
    mentorName: `Mentor ${mentorOf(v)}`,
    portfolioId: p.portfolioIds[mentorOf(v)],
    qualificationCode: "ENTRY",
    number: 1,
    narrativeHtml: NARRATIVE,
    programme: { versionId: p.programmeVersionId },
    evidence: p.frozenEvidenceOf(mentorOf(v)),
    submittedBy: p.mentorUserId(mentorOf(v)),
    submittedAt: new Date(EPOCH + (30 + 120 * roundOf(v)) * DAY),
    roundId: roundIds[roundOf(v)],
  }));
  const reviewed = versionIds.map((_, v) => v).filter((v) => roundOf(v) < 2);
  const outcomeOf = (v: number) => (v % 10 === 4 ? "resubmit" : "approved");
  const reviewers = ["tutor-a", "tutor-b"];
  documents += await insertAll(PanelReview, reviewed.length * 2, (n) => {
    const v = reviewed[Math.floor(n / 2)];
    return {
      ...scope,
      versionId: versionIds[v],
      roundId: roundIds[roundOf(v)],
      reviewerUserId: reviewers[n % 2],
      reviewerName: `Tutor ${n % 2 ? "B" : "A"}`,
      outcome: outcomeOf(v),
      summary: "Evidence shows the standards are met.",
    };
  });
  const decided = reviewed.filter((v) => roundOf(v) === 0);
  documents += await insertAll(PanelDecision, decided.length, (n) => {
    const v = decided[n];
    return {
      ...scope,
      versionId: versionIds[v],
      roundId: roundIds[0],
      portfolioId: p.portfolioIds[mentorOf(v)],
      mentorUserId: p.mentorUserId(mentorOf(v)),
      outcome: outcomeOf(v),
      summary: "Agreed by both reviewers.",
      basis: "agreed_reviews",
      decidedBy: p.leadUserId,
      decidedByName: "Programme Lead",
      decidedAt: new Date(EPOCH + 61 * DAY),
      followUpsDoneAt: new Date(EPOCH + 62 * DAY),
      releasedAt,
      releasedBy: p.leadUserId,
    };
  });
  return documents;
}
