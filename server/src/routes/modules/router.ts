import fs from "node:fs";
import { Router } from "express";
import {
  ZModuleActivityParams,
  ZModuleActivityUpdate,
  ZModuleFileParams,
  ZModuleParams,
  ZModuleWorkFileParams,
  ZModuleReflectionUpdate,
  ZPathwayQuery,
} from "../../contracts/modules";
import { saveModuleReflection, setActivityDone, startModule } from "../../commands/updateModuleWork";
import { submitModuleWork } from "../../commands/submitModuleWork";
import { addModuleWorkFile, removeModuleWorkFile } from "../../commands/moduleWorkFiles";
import { forbidden, notFound } from "../../errors";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { inputOf, validate } from "../../http/validate";
import { rememberReads } from "../../http/rememberReads";
import type { Actor } from "../../lti/sessionToken";
import { ModuleMark, type ModuleMarkDoc } from "../../models/moduleMark";
import { ModuleWorkFile, type ModuleWorkFileDoc } from "../../models/moduleWorkFile";
import { sendStoredFile } from "../../presenters/download";
import { shippedFileType } from "../../programme/moduleContent";
import { programmeFilePath } from "../../programme/programmeFiles";
import { refuseUnreadableUpload, uploadOne } from "../evidence/upload";
import { authorizeModuleWork } from "../../policies/module";
import { courseScope, isMentor } from "../../policies/scope";
import { presentModuleDetail, presentPathway } from "../../presenters/modules";
import { mentorInCourse } from "../../queries/mentorInCourse";
import { loadPathway, moduleDefinition, recordHistory } from "../../programme/moduleWork";

const moduleInput = { params: ZModuleParams, query: ZPathwayQuery };

/** The mentor a module request is about, authorized for `action`. */
async function mentorScope(actor: Actor, action: "view" | "work", mentorUserId?: string) {
  if (action === "work" && !isMentor(actor)) throw forbidden("Only mentors work on modules.");
  const mentor = await mentorInCourse(actor, mentorUserId);
  const scope = { ...courseScope(actor), mentorUserId: mentor.id };
  authorizeModuleWork(actor, action, scope);
  return { mentor, scope };
}

/** The module in full, as the response to every module request. */
async function moduleResponse(actor: Actor, scope: { tenantId: string; contextId: string; mentorUserId: string }, moduleCode: string) {
  const pathway = await loadPathway(scope);
  const module = await moduleDefinition(pathway, moduleCode);
  const record = pathway.records.get(moduleCode);
  const history = record ? await recordHistory(record._id.toString()) : { submissions: [], marks: [] };
  const workFiles = record ? await ModuleWorkFile.find({ recordId: record._id, removedAt: null }).sort({ createdAt: 1 }).lean<ModuleWorkFileDoc[]>() : [];
  return presentModuleDetail(pathway, module, history, scope.mentorUserId === actor.userId, workFiles);
}


/**
 * /api/modules — a mentor's pathway and work on each module. Mentors act on their own work;
 * tutors and leads may read a mentor's (?mentorUserId=). Locks are enforced on every write.
 */
export function modulesRouter(): Router {
  const router = Router();

  router.get(
    "/",
    validate({ query: ZPathwayQuery }),
    rememberReads("own-records"),
    handle(async (req, res) => {
      const actor = actorOf(req);
      const { query } = inputOf(req, { query: ZPathwayQuery });
      const { mentor, scope } = await mentorScope(actor, "view", query.mentorUserId);
      const [pathway, marks] = await Promise.all([loadPathway(scope), ModuleMark.find(scope).lean<ModuleMarkDoc[]>()]);
      res.json(presentPathway(pathway, { id: mentor.id, name: mentor.name }, marks));
    }),
  );

  router.get(
    "/:moduleCode",
    validate(moduleInput),
    rememberReads("own-records"),
    handle(async (req, res) => {
      const actor = actorOf(req);
      const { params, query } = inputOf(req, moduleInput);
      const { scope } = await mentorScope(actor, "view", query.mentorUserId);
      res.json(await moduleResponse(actor, scope, params.moduleCode));
    }),
  );

  router.post(
    "/:moduleCode/start",
    validate({ params: ZModuleParams }),
    handle(async (req, res) => {
      const actor = actorOf(req);
      const { params } = inputOf(req, { params: ZModuleParams });
      const { scope } = await mentorScope(actor, "work");
      await startModule({ ...scope, moduleCode: params.moduleCode });
      res.json(await moduleResponse(actor, scope, params.moduleCode));
    }),
  );

  const activityInput = { params: ZModuleActivityParams, body: ZModuleActivityUpdate };
  router.put(
    "/:moduleCode/activities/:activityCode",
    validate(activityInput),
    handle(async (req, res) => {
      const actor = actorOf(req);
      const { params, body } = inputOf(req, activityInput);
      const { scope } = await mentorScope(actor, "work");
      await setActivityDone({ ...scope, moduleCode: params.moduleCode, activityCode: params.activityCode, completed: body.completed });
      res.json(await moduleResponse(actor, scope, params.moduleCode));
    }),
  );

  const reflectionInput = { params: ZModuleParams, body: ZModuleReflectionUpdate };
  router.put(
    "/:moduleCode/reflection",
    validate(reflectionInput),
    handle(async (req, res) => {
      const actor = actorOf(req);
      const { params, body } = inputOf(req, reflectionInput);
      const { scope } = await mentorScope(actor, "work");
      await saveModuleReflection({ ...scope, moduleCode: params.moduleCode, reflection: body.reflection });
      res.json(await moduleResponse(actor, scope, params.moduleCode));
    }),
  );

  router.post(
    "/:moduleCode/submit",
    validate({ params: ZModuleParams }),
    handle(async (req, res) => {
      const actor = actorOf(req);
      const { params } = inputOf(req, { params: ZModuleParams });
      const { scope } = await mentorScope(actor, "work");
      await submitModuleWork({ ...scope, moduleCode: params.moduleCode });
      res.status(201).json(await moduleResponse(actor, scope, params.moduleCode));
    }),
  );

  const contentFileInput = { params: ZModuleFileParams, query: ZPathwayQuery };
  router.get(
    "/:moduleCode/files/:fileCode",
    validate(contentFileInput),
    handle(async (req, res) => {
      const actor = actorOf(req);
      const { params, query } = inputOf(req, contentFileInput);
      const { scope } = await mentorScope(actor, "view", query.mentorUserId);
      const module = await moduleDefinition(await loadPathway(scope), params.moduleCode);
      const entry = module.content.files.find((f) => f.code === params.fileCode);
      if (!entry) throw notFound("That file");
      // The schema allows only a plain file name, so the path cannot leave the files folder.
      const stat = await fs.promises.stat(programmeFilePath(entry.file)).catch(() => null);
      if (!stat?.isFile()) throw notFound(`The programme's file “${entry.title}” (please tell your programme lead)`);
      await sendStoredFile(res, { filename: entry.file, mimeType: shippedFileType(entry.file), size: stat.size, stream: () => fs.createReadStream(programmeFilePath(entry.file)) });
    }),
  );

  // The declared size and type, then the params, are checked before the body is read (as for evidence attachments).
  router.post(
    "/:moduleCode/work-files",
    refuseUnreadableUpload,
    validate({ params: ZModuleParams }),
    handle(async (req, res) => {
      const actor = actorOf(req);
      const { params } = inputOf(req, { params: ZModuleParams });
      const { scope } = await mentorScope(actor, "work");
      await new Promise<void>((resolve, reject) => uploadOne(req, res, (err?: unknown) => (err ? reject(err) : resolve())));
      await addModuleWorkFile({ ...scope, moduleCode: params.moduleCode, file: req.file! });
      res.status(201).json(await moduleResponse(actor, scope, params.moduleCode));
    }),
  );

  const workFileInput = { params: ZModuleWorkFileParams, query: ZPathwayQuery };
  router.get(
    "/:moduleCode/work-files/:fileId",
    validate(workFileInput),
    handle(async (req, res) => {
      const actor = actorOf(req);
      const { params, query } = inputOf(req, workFileInput);
      const { scope } = await mentorScope(actor, "view", query.mentorUserId);
      // Scoped to the mentor the actor may see: another mentor's file is a 404.
      const file = await ModuleWorkFile.findOne({ ...scope, moduleCode: params.moduleCode, _id: params.fileId }).lean<ModuleWorkFileDoc>();
      if (!file) throw notFound("That file");
      await sendStoredFile(res, file);
    }),
  );

  router.delete(
    "/:moduleCode/work-files/:fileId",
    validate({ params: ZModuleWorkFileParams }),
    handle(async (req, res) => {
      const actor = actorOf(req);
      const { params } = inputOf(req, { params: ZModuleWorkFileParams });
      const { scope } = await mentorScope(actor, "work");
      await removeModuleWorkFile({ ...scope, moduleCode: params.moduleCode, fileId: params.fileId });
      res.json(await moduleResponse(actor, scope, params.moduleCode));
    }),
  );

  return router;
}
