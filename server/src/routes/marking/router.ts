import { Router } from "express";
import { ZMarkingParams, ZMarkingQuery, ZModuleMarkCorrect, ZModuleMarkCreate, ZModuleReturnCreate } from "../../contracts/marking";
import { correctModuleMark } from "../../commands/correctModuleMark";
import { decideModuleWork, type ModuleDecisionInput } from "../../commands/markModuleWork";
import { recordsAsMarked } from "../../queries/moduleProgress";
import { forbidden, notFound } from "../../errors";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { inputOf, validate } from "../../http/validate";
import type { Actor } from "../../lti/sessionToken";
import { Member } from "../../models/member";
import { ModuleMark, type ModuleMarkDoc } from "../../models/moduleMark";
import { ModuleRecord, type ModuleRecordDoc } from "../../models/moduleRecord";
import { ModuleWorkFile, type ModuleWorkFileDoc } from "../../models/moduleWorkFile";
import { authorizeModuleWork, canOnModuleWork } from "../../policies/module";
import { courseScope, isStaff } from "../../policies/scope";
import { presentMarkingDetail, presentMarkingItem } from "../../presenters/marking";
import { recordHistory } from "../../programme/moduleWork";
import { programmeVersionById } from "../../programme/programmeVersions";

async function mentorsById(actor: Actor, userIds: string[]) {
  const members = await Member.find({ ...courseScope(actor), userId: { $in: userIds } }, { userId: 1, name: 1, school: 1 }).lean();
  return new Map(members.map((m) => [m.userId, { id: m.userId, name: m.name, school: m.school ?? null }]));
}

async function loadRecord(actor: Actor, recordId: string): Promise<ModuleRecordDoc> {
  const found = await ModuleRecord.findOne({ _id: recordId, ...courseScope(actor) }).lean<ModuleRecordDoc>();
  if (!found) throw notFound("That module work");
  authorizeModuleWork(actor, "view", found);
  const [record] = await recordsAsMarked([found]);
  return record;
}

async function detailResponse(actor: Actor, recordId: string) {
  const record = await loadRecord(actor, recordId);
  const programme = await programmeVersionById(record.versionId);
  const module = programme.definition.modules.find((m) => m.code === record.moduleCode);
  if (!module) throw notFound("That module");
  const [mentors, history, files] = await Promise.all([
    mentorsById(actor, [record.mentorUserId]),
    recordHistory(recordId),
    // The files that went in with the current attempt (a file added later belongs to the next one).
    ModuleWorkFile.find({ recordId: record._id, attempt: { $lte: record.attempt }, removedAt: null }).sort({ createdAt: 1 }).lean<ModuleWorkFileDoc[]>(),
  ]);
  const mentor = mentors.get(record.mentorUserId) ?? { id: record.mentorUserId, name: "Unknown mentor", school: null };
  return presentMarkingDetail({ record, module, mentor, ...history, files, canMark: canOnModuleWork(actor, "mark", record) });
}

/** /api/marking — module work waiting for (or given) a tutor's mark, in the tutor's own course; marks and their corrections. */
export function markingRouter(): Router {
  const router = Router();

  router.get(
    "/",
    validate({ query: ZMarkingQuery }),
    handle(async (req, res) => {
      const actor = actorOf(req);
      if (!isStaff(actor)) throw forbidden("Only tutors and programme leads can see the marking list.");
      const { query } = inputOf(req, { query: ZMarkingQuery });
      const status = query.status === "submitted" ? ["submitted"] : query.status === "marked" ? ["graded", "returned"] : ["submitted", "graded", "returned"];
      const found = await ModuleRecord.find({ ...courseScope(actor), status: { $in: [...new Set([...status, "submitted"])] } }).sort({ submittedAt: 1 }).limit(500).lean<ModuleRecordDoc[]>();
      // A "submitted" record whose mark a crash kept from it reads as graded or returned.
      const records = (await recordsAsMarked(found)).filter((r) => status.includes(r.status));
      const ids = records.map((r) => r._id.toString());
      const [mentors, marks] = await Promise.all([
        mentorsById(actor, [...new Set(records.map((r) => r.mentorUserId))]),
        ModuleMark.find({ ...courseScope(actor), recordId: { $in: ids } }).lean<ModuleMarkDoc[]>(),
      ]);
      const items = [];
      for (const record of records) {
        const module = (await programmeVersionById(record.versionId)).definition.modules.find((m) => m.code === record.moduleCode);
        const latest = marks.filter((m) => m.recordId === record._id.toString()).sort((a, b) => b.attempt - a.attempt)[0] ?? null;
        const mentor = mentors.get(record.mentorUserId) ?? { id: record.mentorUserId, name: "Unknown mentor", school: null };
        items.push(presentMarkingItem(record, module, mentor, latest));
      }
      res.json({ items });
    }),
  );

  router.get(
    "/:recordId",
    validate({ params: ZMarkingParams }),
    handle(async (req, res) => {
      const actor = actorOf(req);
      if (!isStaff(actor)) throw notFound("That module work");
      const { params } = inputOf(req, { params: ZMarkingParams });
      res.json(await detailResponse(actor, params.recordId));
    }),
  );

  const decide = (kind: "mark" | "return", body: typeof ZModuleMarkCreate | typeof ZModuleReturnCreate) =>
    handle(async (req, res) => {
      const actor = actorOf(req);
      const input = inputOf(req, { params: ZMarkingParams, body });
      const record = await loadRecord(actor, input.params.recordId);
      authorizeModuleWork(actor, "mark", record);
      const decision = { kind, ...input.body } as ModuleDecisionInput;
      await decideModuleWork({ actor, record, decision });
      res.status(201).json(await detailResponse(actor, input.params.recordId));
    });

  router.post("/:recordId/mark", validate({ params: ZMarkingParams, body: ZModuleMarkCreate }), decide("mark", ZModuleMarkCreate));
  router.post("/:recordId/return", validate({ params: ZMarkingParams, body: ZModuleReturnCreate }), decide("return", ZModuleReturnCreate));

  // A tutor corrects a mark given: the new mark supersedes it (never the mentor on their own work).
  router.post(
    "/:recordId/correct",
    validate({ params: ZMarkingParams, body: ZModuleMarkCorrect }),
    handle(async (req, res) => {
      const actor = actorOf(req);
      const input = inputOf(req, { params: ZMarkingParams, body: ZModuleMarkCorrect });
      const record = await loadRecord(actor, input.params.recordId);
      authorizeModuleWork(actor, "mark", record);
      await correctModuleMark({ actor, record, correction: input.body });
      res.json(await detailResponse(actor, input.params.recordId));
    }),
  );
  return router;
}
