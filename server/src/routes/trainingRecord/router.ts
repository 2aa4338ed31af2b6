import type { Router } from "express";
import { exportTrainingRecord } from "../../queries/exportTrainingRecord";
import { importTrainingRecord } from "../../commands/importTrainingRecord";
import { presentRecognisedTraining } from "../../presenters/recognisedTraining";
import { recognisedTrainingOf } from "../../queries/recognisedTraining";
import type { Config } from "../../config";
import { trainingRecordEndpoints } from "../../contracts/trainingRecord";
import { endpointRouter } from "../../http/endpoint";
import type { Actor } from "../../lti/sessionToken";
import { authorize } from "../../policies";
import { courseScope } from "../../policies/scope";
import { mentorInCourse } from "../../queries/mentorInCourse";

/** The mentor named (the actor themself unless staff name another), once the actor may `action` their record. */
async function recordOwner(actor: Actor, action: "download" | "view" | "import", mentorUserId: string | undefined) {
  const mentor = await mentorInCourse(actor, mentorUserId);
  authorize(actor, action, "TrainingRecord", { ...courseScope(actor), mentorUserId: mentor.id });
  return mentor;
}

/**
 * /api/training-record — the training record that travels between partnerships: GET / downloads
 * the mentor's signed record (CLR 2.0 / Open Badges 3.0, VC-JWT), POST /import recognises one
 * signed by another partnership's tool, GET /recognised lists what was recognised.
 */
export function trainingRecordRouter(
  config: Pick<Config, "env" | "publicUrl" | "ltiKey" | "dynamicRegistrationAllowHosts">,
): Router {
  const { router, implement } = endpointRouter("/api/training-record");
  const policy = { isProduction: config.env === "production", allowHosts: config.dynamicRegistrationAllowHosts };
  const e = trainingRecordEndpoints;

  implement(e.download, {
    policy: (actor, { query }) => recordOwner(actor, "download", query.mentorUserId),
    handler: async ({ actor, allowed: mentor, res }) => {
      const { jwt, fileName } = await exportTrainingRecord({
        scope: courseScope(actor),
        mentor,
        publicUrl: config.publicUrl,
        ltiKey: config.ltiKey,
      });
      res.setHeader("Content-Type", "application/vc+jwt");
      res.setHeader("Content-Disposition", `attachment; filename="${fileName}"`);
      res.setHeader("Cache-Control", "no-store");
      res.send(jwt);
    },
  });

  implement(e.recognised, {
    policy: (actor, { query }) => recordOwner(actor, "view", query.mentorUserId),
    handler: async ({ actor, allowed: mentor }) => ({
      records: (await recognisedTrainingOf({ ...courseScope(actor), mentorUserId: mentor.id })).map(
        presentRecognisedTraining,
      ),
    }),
  });

  implement(e.import, {
    policy: (actor, { body }) => recordOwner(actor, "import", body.mentorUserId),
    handler: async ({ actor, allowed: mentor, input: { body }, answerWith }) => {
      const imported = await importTrainingRecord({
        actor,
        mentor,
        jwt: body.credential,
        policy,
        publicUrl: config.publicUrl,
      });
      if (imported.unchanged) answerWith(200);
      return { ...imported, record: presentRecognisedTraining(imported.record) };
    },
  });
  return router;
}
