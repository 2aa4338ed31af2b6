import fs from "node:fs";
import type { Router } from "express";
import { modulesEndpoints } from "../../contracts/modules";
import { saveModuleReflection, setActivityDone, startModule } from "../../commands/updateModuleWork";
import { submitModuleWork } from "../../commands/submitModuleWork";
import { addModuleWorkFile, removeModuleWorkFile } from "../../commands/moduleWorkFiles";
import { notFound } from "../../errors";
import { endpointRouter } from "../../http/endpoint";
import { rememberReads } from "../../http/rememberReads";
import type { Actor } from "../../lti/sessionToken";
import { sendStoredFile } from "../../presenters/download";
import { shippedFileType } from "../../programme/moduleContent";
import { programmeFilePath } from "../../programme/programmeFiles";
import { readUpload, refuseUnreadableUpload } from "../evidence/upload";
import { authorize } from "../../policies";
import { courseScope } from "../../policies/scope";
import { presentModuleDetail, presentPathway } from "../../presenters/modules";
import { mentorInCourse } from "../../queries/mentorInCourse";
import { moduleWork, moduleWorkFile } from "../../queries/moduleWorkReads";
import { loadPathway, loadPathwayWithMarks, moduleDefinition } from "../../queries/pathway";

/** The mentor a module request is about, authorized for `action`. */
async function mentorScope(actor: Actor, action: "view" | "work", mentorUserId?: string) {
  // Asked first, before looking the mentor up: someone who is no mentor has no modules to work on.
  if (action === "work") authorize(actor, "work", "ModuleWork");
  const mentor = await mentorInCourse(actor, mentorUserId);
  const scope = { ...courseScope(actor), mentorUserId: mentor.id };
  authorize(actor, action, "ModuleWork", scope);
  return { mentor, scope };
}

/** The module in full, as the response to every module request. */
async function moduleResponse(
  actor: Actor,
  scope: { tenantId: string; contextId: string; mentorUserId: string },
  moduleCode: string,
) {
  const { pathway, module, history, workFiles } = await moduleWork(scope, moduleCode);
  return presentModuleDetail(pathway, module, history, scope.mentorUserId === actor.userId, workFiles);
}

const view = (actor: Actor, input: { query: { mentorUserId?: string } }) =>
  mentorScope(actor, "view", input.query.mentorUserId);
const work = (actor: Actor) => mentorScope(actor, "work");

/**
 * /api/modules — a mentor's pathway and work on each module. Mentors act on their own work;
 * tutors and leads may read a mentor's (?mentorUserId=). Locks are enforced on every write.
 */
export function modulesRouter(): Router {
  const { router, implement } = endpointRouter("/api/modules");
  const e = modulesEndpoints;

  implement(e.pathway, {
    middleware: [rememberReads("own-records")],
    policy: view,
    handler: async ({ allowed: { mentor, scope } }) => {
      const { pathway, marks } = await loadPathwayWithMarks(scope);
      return presentPathway(pathway, { id: mentor.id, name: mentor.name }, marks);
    },
  });

  implement(e.module, {
    middleware: [rememberReads("own-records")],
    policy: view,
    handler: ({ actor, allowed: { scope }, input: { params } }) => moduleResponse(actor, scope, params.moduleCode),
  });

  implement(e.start, {
    policy: work,
    handler: async ({ actor, allowed: { scope }, input: { params } }) => {
      await startModule({ ...scope, moduleCode: params.moduleCode });
      return moduleResponse(actor, scope, params.moduleCode);
    },
  });

  implement(e.setActivity, {
    policy: work,
    handler: async ({ actor, allowed: { scope }, input: { params, body } }) => {
      await setActivityDone({
        ...scope,
        moduleCode: params.moduleCode,
        activityCode: params.activityCode,
        completed: body.completed,
      });
      return moduleResponse(actor, scope, params.moduleCode);
    },
  });

  implement(e.saveReflection, {
    policy: work,
    handler: async ({ actor, allowed: { scope }, input: { params, body } }) => {
      await saveModuleReflection({ ...scope, moduleCode: params.moduleCode, reflection: body.reflection });
      return moduleResponse(actor, scope, params.moduleCode);
    },
  });

  implement(e.submit, {
    policy: work,
    handler: async ({ actor, allowed: { scope }, input: { params } }) => {
      await submitModuleWork({ ...scope, moduleCode: params.moduleCode });
      return moduleResponse(actor, scope, params.moduleCode);
    },
  });

  implement(e.contentFile, {
    policy: view,
    handler: async ({ allowed: { scope }, input: { params }, res }) => {
      const module = await moduleDefinition(await loadPathway(scope), params.moduleCode);
      const entry = module.content.files.find((f) => f.code === params.fileCode);
      if (!entry) throw notFound("That file");
      // The schema allows only a plain file name, so the path cannot leave the files folder.
      const stat = await fs.promises.stat(programmeFilePath(entry.file)).catch(() => null);
      if (!stat?.isFile()) throw notFound(`The programme's file “${entry.title}” (please tell your programme lead)`);
      await sendStoredFile(res, {
        filename: entry.file,
        mimeType: shippedFileType(entry.file),
        size: stat.size,
        stream: () => fs.createReadStream(programmeFilePath(entry.file)),
      });
    },
  });

  // The declared size and type, then the params, are checked before the body is read (as for evidence attachments).
  implement(e.addWorkFile, {
    middleware: [refuseUnreadableUpload],
    policy: work,
    handler: async ({ actor, allowed: { scope }, input: { params }, req, res }) => {
      const file = await readUpload(req, res);
      await addModuleWorkFile({ ...scope, moduleCode: params.moduleCode, file });
      return moduleResponse(actor, scope, params.moduleCode);
    },
  });

  implement(e.workFile, {
    policy: view,
    handler: async ({ allowed: { scope }, input: { params }, res }) => {
      // Scoped to the mentor the actor may see: another mentor's file is a 404.
      const file = await moduleWorkFile(scope, params.moduleCode, params.fileId);
      if (!file) throw notFound("That file");
      await sendStoredFile(res, file);
    },
  });

  implement(e.removeWorkFile, {
    policy: work,
    handler: async ({ actor, allowed: { scope }, input: { params } }) => {
      await removeModuleWorkFile({ ...scope, moduleCode: params.moduleCode, fileId: params.fileId });
      return moduleResponse(actor, scope, params.moduleCode);
    },
  });

  return router;
}
