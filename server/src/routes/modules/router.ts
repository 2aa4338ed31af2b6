import { Router } from "express";
import {
  ZModuleActivityParams,
  ZModuleActivityUpdate,
  ZModuleParams,
  ZModuleReflectionUpdate,
  ZPathwayQuery,
} from "../../contracts/modules";
import { saveModuleReflection, setActivityDone, startModule } from "../../commands/updateModuleWork";
import { submitModuleWork } from "../../commands/submitModuleWork";
import { forbidden } from "../../errors";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { inputOf, validate } from "../../http/validate";
import { rememberReads } from "../../http/rememberReads";
import type { Actor } from "../../lti/sessionToken";
import { ModuleMark, type ModuleMarkDoc } from "../../models/moduleMark";
import { authorizeModuleWork } from "../../policies/module";
import { courseScope, isMentor } from "../../policies/scope";
import { presentModuleDetail, presentPathway } from "../../presenters/modules";
import { mentorInCourse } from "../../programme/mentorInCourse";
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
  return presentModuleDetail(pathway, module, history, scope.mentorUserId === actor.userId);
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

  return router;
}
