import mongoose from "mongoose";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import type { RunningTool } from "../../server/src/boot";
import { CreditLedgerEntry } from "../../server/src/models/creditLedgerEntry";
import { Certificate } from "../../server/src/models/certificate";
import { GradeRecord } from "../../server/src/models/gradeRecord";
import { ModuleMark } from "../../server/src/models/moduleMark";
import { ModuleRecord } from "../../server/src/models/moduleRecord";
import { StatusListSlot } from "../../server/src/models/statusListSlot";
import { defaultProgramme } from "../../server/src/programme/defaultProgramme";
import { completeEntryAudit, prepareModule } from "../programme/helpers";
import {
  addEvidence,
  confirmOutcome,
  dayFromToday,
  include,
  judgementsOf,
  launch,
  openPortfolio,
  passModules,
  pngBytes,
  releaseAfterPanel,
  type Launched,
} from "../portfolio/support";
import { bearer, devUsers, launchAs } from "../support/launch";
import { startTestTool } from "../support/server";
import { getRoutesOf } from "./routesOf";

// Reads never write: a course is built through the real API (a mentor with evidence and an
// attachment, audits, modules submitted and marked, hours, a rate band, a panel round, a portfolio
// approved by two reviewers and released with its certificate, credit and notice, a disagreement in
// the lead's moderation queue, the decision record), then every GET route the app serves under /api is
// read by every role, and the database must be exactly as it was. Launches happen before the
// snapshot: they are not reads of the API (they write the member, the launch and sign-in records).

let tool: RunningTool;
let mentor: Launched, mentor2: Launched, mentor3: Launched, tutor: Launched, tutor2: Launched, lead: Launched;
/** The lead, launched to add the tool to a course page (a deep-linking request). */
let leadLinking: Launched;
let leadMentor: Launched;
const api = () => request(tool.url);
const ids: Record<string, string> = {};

beforeAll(async () => {
  tool = await startTestTool();
  mentor = await launch(tool, devUsers.mentor);
  mentor2 = await launch(tool, devUsers.mentor2);
  tutor = await launch(tool, devUsers.tutor);
  tutor2 = await launch(tool, "dev-tutor-2");
  mentor3 = await launch(tool, "dev-mentor-3");
  lead = await launch(tool, devUsers.lead);
  leadLinking = {
    ...lead,
    token: (await launchAs(tool, { userId: devUsers.lead, messageType: "LtiDeepLinkingRequest" })).token,
  };
  // The seeded lead mentor, whose launch names dev-mentor-1 among the mentors they lead.
  leadMentor = await launch(tool, "dev-lead-mentor-1");

  // Audits and modules: Module 1 marked by the tutor through the API, the rest as marks leave them.
  await completeEntryAudit(tool, mentor.token);
  await completeEntryAudit(tool, mentor2.token);
  await prepareModule(tool, mentor.token, "M1");
  const withFile = await api()
    .post("/api/modules/M1/work-files")
    .set(bearer(mentor.token))
    .attach("file", pngBytes, { filename: "record.png", contentType: "image/png" })
    .expect(201);
  ids.fileId = withFile.body.workFiles[0].id;
  await api().post("/api/modules/M1/submit").set(bearer(mentor.token)).expect(201);
  ids.recordId = (await ModuleRecord.findOne({ mentorUserId: mentor.userId, moduleCode: "M1" }).lean())!._id.toString();
  await api()
    .post(`/api/marking/${ids.recordId}/mark`)
    .set(bearer(tutor.token))
    .send({ attempt: 1, outcome: "pass", feedback: "Clear and thorough." })
    .expect(201);
  await passModules(mentor, ["M2", "M3", "M4", "M5", "M6"]);
  // Mentor 2's Module 1 was marked, but the server died before the mark's follow-ups (record,
  // grade) were done: reads show the mark; only the mark-follow-ups job may finish them.
  await prepareModule(tool, mentor2.token, "M1");
  await api().post("/api/modules/M1/submit").set(bearer(mentor2.token)).expect(201);
  const stuck = (await ModuleRecord.findOne({ mentorUserId: mentor2.userId, moduleCode: "M1" }).lean())!;
  await api()
    .post(`/api/marking/${stuck._id}/mark`)
    .set(bearer(tutor.token))
    .send({ attempt: 1, outcome: "pass", feedback: "Good." })
    .expect(201);
  await ModuleRecord.updateOne({ _id: stuck._id }, { $set: { status: "submitted", passed: false } });
  await GradeRecord.deleteMany({ "source.id": stuck._id.toString() });
  await ModuleMark.updateOne(
    { recordId: stuck._id.toString() },
    { $set: { followUpsDoneAt: null, gradeRecordId: null } },
  );
  // Mentor 2's Module 2 waits for the tutor.
  await prepareModule(tool, mentor2.token, "M2");
  await api().post("/api/modules/M2/submit").set(bearer(mentor2.token)).expect(201);

  // Training hours, logged by the mentor and by the lead, and the school's funding band.
  await api()
    .post("/api/hours")
    .set(bearer(mentor.token))
    .send({ date: "2026-10-06", activity: "Mentor development workshop", hours: 3, kind: "initial" })
    .expect(201);
  await api()
    .post("/api/hours")
    .set(bearer(lead.token))
    .send({
      mentorUserId: mentor2.userId,
      date: "2026-10-07",
      activity: "Observing and giving feedback",
      hours: 1.5,
      kind: "refresher",
    })
    .expect(201);
  const bands = defaultProgramme().funding.rateBands;
  await api()
    .put("/api/hours/rate-bands")
    .set(bearer(lead.token))
    .send({ school: "Oakfield Primary", band: bands[0].code })
    .expect(200);

  // Evidence with links to standards and an attachment, in a Mastery portfolio the panel approves.
  const portfolio = await openPortfolio(tool, mentor, "MASTERY");
  ids.portfolioId = portfolio.id;
  const first = await addEvidence(tool, mentor, { title: "Observation log", practiceDate: "2025-10-01" });
  const last = await addEvidence(tool, mentor, {
    title: "End-of-year review",
    practiceDate: "2026-09-01",
    standards: [{ standardCode: "4", descriptorCode: null, note: "" }],
  });
  await addEvidence(tool, mentor, { title: "Not in the portfolio", practiceDate: "2026-03-01" });
  ids.evidenceId = first.id;
  const attached = await api()
    .post(`/api/evidence/${first.id}/attachments`)
    .set(bearer(mentor.token))
    .attach("file", pngBytes, { filename: "board.png", contentType: "image/png" })
    .expect(201);
  ids.attachmentId = attached.body.id;
  await include(tool, mentor, portfolio.id, first.id);
  await include(tool, mentor, portfolio.id, last.id);
  const round = await api()
    .post("/api/panel/rounds")
    .set(bearer(lead.token))
    .send({ name: "Spring panel", date: dayFromToday(30), memberUserIds: [tutor.userId, tutor2.userId] })
    .expect(201);
  ids.roundId = round.body.id;
  const draft = await api().get(`/api/portfolios/${portfolio.id}`).set(bearer(mentor.token)).expect(200);
  const submitted = await api()
    .post(`/api/portfolios/${portfolio.id}/submit`)
    .set(bearer(mentor.token))
    .send({ expectedVersion: draft.body.version })
    .expect(201);
  ids.versionId = submitted.body.id;
  const allMet = {
    judgements: defaultProgramme().standards.map((s) => ({
      standardCode: s.code,
      judgement: "met",
      comment: `Standard ${s.code} is well evidenced.`,
    })),
  };
  await api().put(`/api/panel/versions/${ids.versionId}/judgements`).set(bearer(tutor.token)).send(allMet).expect(200);
  await api()
    .post(`/api/panel/versions/${ids.versionId}/review`)
    .set(bearer(tutor.token))
    .send({ outcome: "approved", summary: "All standards met." })
    .expect(201);
  // The second reviewer agrees (the lead confirms too if the sample picks it); the panel meets and the lead releases.
  const standardCodes = defaultProgramme().standards.map((s) => s.code);
  await confirmOutcome(tool, {
    versionId: ids.versionId,
    reviewers: [tutor2],
    lead,
    outcome: "approved",
    standardCodes,
  });
  await releaseAfterPanel(tool, lead, ids.roundId);
  // Mentor 3's Entry portfolio, in the next round, where the reviewers disagree: the lead's moderation queue.
  await api()
    .post("/api/panel/rounds")
    .set(bearer(lead.token))
    .send({ name: "Summer panel", date: dayFromToday(60), memberUserIds: [tutor.userId, tutor2.userId] })
    .expect(201);
  await passModules(mentor3, ["M1", "M2"]);
  const entry = await openPortfolio(tool, mentor3, "ENTRY");
  await include(tool, mentor3, entry.id, (await addEvidence(tool, mentor3)).id);
  const entryVersion = (
    await api()
      .post(`/api/portfolios/${entry.id}/submit`)
      .set(bearer(mentor3.token))
      .send({ expectedVersion: entry.version })
      .expect(201)
  ).body.id;
  await api()
    .post(`/api/panel/versions/${entryVersion}/review`)
    .set(bearer(tutor.token))
    .send({ outcome: "approved", summary: "Strong.", judgements: judgementsOf(standardCodes) })
    .expect(201);
  await api()
    .post(`/api/panel/versions/${entryVersion}/review`)
    .set(bearer(tutor2.token))
    .send({ outcome: "resubmit", summary: "Thin on 4.", judgements: judgementsOf(standardCodes, ["4"]) })
    .expect(201);
  // Mentor 2 starts an Entry portfolio.
  await openPortfolio(tool, mentor2, "ENTRY");

  const certificate = await Certificate.findOne({ mentorUserId: mentor.userId }).lean();
  const award = await CreditLedgerEntry.findOne({ mentorUserId: mentor.userId, kind: "award" }).lean();
  if (!certificate || !award) throw new Error("the approval issued no certificate or no credit award");
  ids.certificateId = certificate._id.toString();
  ids.code = certificate.verificationCode;
  ids.awardId = award._id.toString();
  ids.listId = (await StatusListSlot.findById(ids.certificateId).lean())!.listId;

  // Background work stops so that only the reads below could change anything: grades are
  // delivered first (the passback worker records their delivery), then the job runner stops.
  await tool.gradebook.worker.drain();
  await tool.jobs.stop();
});
afterAll(async () => tool?.close());

/** Collections whose documents expire (sign-in states and ltijs's launch records): launches write them, reads do not. */
function expiringCollections(): Set<string> {
  const names = new Set<string>();
  for (const name of mongoose.modelNames()) {
    const model = mongoose.model(name);
    const expires = model.schema.indexes().some(([, options]) => {
      const o = options as Record<string, unknown>;
      return o.expires !== undefined || o.expireAfterSeconds !== undefined;
    });
    if (expires) names.add(model.collection.collectionName);
  }
  return names;
}

/** Every document of every collection, as canonical extended JSON, by collection. */
async function snapshot(): Promise<Record<string, string>> {
  // One line per document, so that a failure names the documents that changed.
  const db = mongoose.connection.db;
  const skip = expiringCollections();
  const collections = (await db.listCollections({}, { nameOnly: true }).toArray())
    .map((c) => c.name)
    .filter((n) => !skip.has(n))
    .sort();
  const out: Record<string, string> = {};
  for (const name of collections) {
    const docs = await db.collection(name).find({}).sort({ _id: 1 }).toArray();
    out[name] = docs.map((d) => mongoose.mongo.BSON.EJSON.stringify(d, { relaxed: false })).join("\n");
  }
  return out;
}

/** Values for the route parameters of the course built above. */
const paramValue = (name: string): string => {
  const values: Record<string, string> = {
    moduleCode: "M1",
    number: "1",
    resourceId: "module:M1",
    recordId: ids.recordId,
    portfolioId: ids.portfolioId,
    versionId: ids.versionId,
    evidenceId: ids.evidenceId,
    attachmentId: ids.attachmentId,
    roundId: ids.roundId,
    certificateId: ids.certificateId,
    awardId: ids.awardId,
    code: ids.code,
    mentorUserId: devUsers.mentor,
    listId: ids.listId,
    fileCode: "checklist",
    fileId: ids.fileId,
  };
  const value = values[name];
  if (value === undefined)
    throw new Error(`no value for the route parameter :${name}; add one so that its route is walked`);
  return value;
};

/** Query strings the pages send, beside the bare path. */
const queriesFor = (route: string): string[] =>
  ({
    "/api/modules": ["", `?mentorUserId=${devUsers.mentor}`],
    "/api/hours": ["", `?mentorUserId=${devUsers.mentor2}`],
    "/api/hours/claims": ["?academicYear=2026/27"],
    "/api/hours/claims.csv": ["?academicYear=2026/27&urn=100001", "?academicYear=2025/26&urn=100001"],
    "/api/hours/assurance.csv": ["?academicYear=2025/26"],
    "/api/hours/assurance.pdf": ["?academicYear=2025/26"],
    "/api/marking": ["", "?status=all"],
    "/api/evidence": ["", "?archived=include"],
    "/api/evidence-comments": ["", `?mentorUserId=${devUsers.mentor}`],
    "/api/decisions": ["", `?mentorUserId=${devUsers.mentor}`, `?roundId=${ids.roundId}`],
    "/api/decisions/export.csv": ["", `?roundId=${ids.roundId}`],
  })[route] ?? [""];

/** The dashboard's counters and each mentor's figures, which writes keep and the recount job stores. */
const DASHBOARD_COUNTERS = ["dashboardcounters", "mentorfigures"];

describe("reads never write", () => {
  it("leaves every collection unchanged after every role reads every GET route of the API", async () => {
    const routes = getRoutesOf(tool).filter((r) => r.startsWith("/api/"));
    expect(routes.length).toBeGreaterThan(40);
    // The panel's moderation, release and decision-record reads are among those walked.
    expect(routes).toEqual(
      expect.arrayContaining([
        "/api/panel/moderation",
        "/api/decisions",
        "/api/decisions/verify",
        "/api/decisions/export.csv",
        "/api/notices",
        "/api/public/status/:listId/revocation",
      ]),
    );
    const before = await snapshot();
    expect(Object.keys(before)).toEqual(
      expect.arrayContaining([
        "evidences",
        "modulemarks",
        "modulerecords",
        "creditledgerentries",
        "graderecords",
        "panelrounds",
        "portfolioversions",
        "traininghoursentries",
      ]),
    );

    const answered = new Map<string, number[]>();
    for (const who of [mentor, mentor2, tutor, lead, leadLinking, leadMentor]) {
      for (const route of routes) {
        const path = route.replace(/:(\w+)/g, (_, name: string) => encodeURIComponent(paramValue(name)));
        for (const query of queriesFor(route)) {
          const res = await api().get(`${path}${query}`).set(bearer(who.token));
          expect(res.status, `${who.userId} GET ${path}${query}: ${JSON.stringify(res.body)}`).toBeLessThan(500);
          answered.set(route, [...(answered.get(route) ?? []), res.status]);
        }
      }
    }

    const after = await snapshot();
    const names = new Set([...Object.keys(before), ...Object.keys(after)]);
    for (const name of names) {
      expect.soft(after[name], `collection ${name}`).toEqual(before[name]);
    }
    // The walk read real pages: each route answered someone with its content.
    const neverAnswered = [...answered]
      .filter(([, statuses]) => !statuses.some((s) => s >= 200 && s < 300))
      .map(([route, statuses]) => `${route} (${statuses.join(", ")})`);
    expect(neverAnswered).toEqual([]);
    // ... and those pages had something in them to read.
    expect((await api().get("/api/panel/moderation").set(bearer(lead.token))).body.items).toHaveLength(1);
    // The module's mark (told by marking), the approval's outcome and its certificate (#17 item 5).
    expect((await api().get("/api/notices").set(bearer(mentor.token))).body.notices).toHaveLength(3);
    expect((await api().get("/api/decisions/verify").set(bearer(lead.token))).body).toMatchObject({
      isIntact: true,
      problems: [],
    });
    expect((await api().get("/api/decisions/verify").set(bearer(lead.token))).body.entries).toBeGreaterThan(5);
  });
});

describe("the lead's dashboard", () => {
  it("is read without counting anything into the database, even for a course never counted", async () => {
    await tool.jobs.stop();
    // A course whose dashboard was never counted (its data came from before counting began).
    for (const name of DASHBOARD_COUNTERS) await mongoose.connection.db.collection(name).deleteMany({});
    const before = await snapshot();
    // A filter never read before (nothing remembered), and a fresh count: both answer from a count in memory.
    const first = await api().get("/api/dashboard?academicYear=2025/26").set(bearer(lead.token));
    expect(first.status).toBe(200);
    expect(first.body.isRefreshing).toBe(true);
    expect(first.body.mentors).toBeGreaterThan(0);
    expect((await api().get("/api/dashboard?fresh=true").set(bearer(lead.token))).status).toBe(200);
    const after = await snapshot();
    for (const name of DASHBOARD_COUNTERS) expect(after[name], `collection ${name}`).toEqual(before[name]);
  });
});
