import { Router } from "express";
import { exportTrainingRecord } from "../../queries/exportTrainingRecord";
import { importTrainingRecord, recognisedTrainingOf } from "../../commands/importTrainingRecord";
import type { Config } from "../../config";
import { ZTrainingRecordImport, ZTrainingRecordQuery } from "../../contracts/trainingRecord";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { inputOf, validate } from "../../http/validate";
import { authorizeTrainingRecord } from "../../policies/recognisedTraining";
import { courseScope } from "../../policies/scope";
import { mentorInCourse } from "../../queries/mentorInCourse";

/**
 * /api/training-record — the training record that travels between partnerships: GET / downloads
 * the mentor's signed record (CLR 2.0 / Open Badges 3.0, VC-JWT), POST /import recognises one
 * signed by another partnership's tool, GET /recognised lists what was recognised.
 */
export function trainingRecordRouter(config: Pick<Config, "env" | "publicUrl" | "ltiKey" | "dynamicRegistrationAllowHosts">): Router {
  const router = Router();
  const policy = { isProduction: config.env === "production", allowHosts: config.dynamicRegistrationAllowHosts };

  router.get(
    "/",
    validate({ query: ZTrainingRecordQuery }),
    handle(async (req, res) => {
      const actor = actorOf(req);
      const mentor = await mentorInCourse(actor, inputOf(req, { query: ZTrainingRecordQuery }).query.mentorUserId);
      authorizeTrainingRecord(actor, "download", { ...courseScope(actor), mentorUserId: mentor.id });
      const { jwt, fileName } = await exportTrainingRecord({ scope: courseScope(actor), mentor, publicUrl: config.publicUrl, ltiKey: config.ltiKey });
      res.setHeader("Content-Type", "application/vc+jwt");
      res.setHeader("Content-Disposition", `attachment; filename="${fileName}"`);
      res.setHeader("Cache-Control", "no-store");
      res.send(jwt);
    }),
  );

  router.get(
    "/recognised",
    validate({ query: ZTrainingRecordQuery }),
    handle(async (req, res) => {
      const actor = actorOf(req);
      const mentor = await mentorInCourse(actor, inputOf(req, { query: ZTrainingRecordQuery }).query.mentorUserId);
      authorizeTrainingRecord(actor, "view", { ...courseScope(actor), mentorUserId: mentor.id });
      res.json({ records: await recognisedTrainingOf({ ...courseScope(actor), mentorUserId: mentor.id }) });
    }),
  );

  router.post(
    "/import",
    validate({ body: ZTrainingRecordImport }),
    handle(async (req, res) => {
      const actor = actorOf(req);
      const { body } = inputOf(req, { body: ZTrainingRecordImport });
      const mentor = await mentorInCourse(actor, body.mentorUserId);
      authorizeTrainingRecord(actor, "import", { ...courseScope(actor), mentorUserId: mentor.id });
      const imported = await importTrainingRecord({ actor, mentor, jwt: body.credential, policy, publicUrl: config.publicUrl });
      res.status(imported.unchanged ? 200 : 201).json(imported);
    }),
  );
  return router;
}
