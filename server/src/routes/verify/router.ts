import { Router } from "express";
import { ZVerificationParams } from "../../contracts/certificates";
import { badgeJwks } from "../../documents/badgeSigning";
import { renderUnknownCodePage, renderVerificationPage } from "../../documents/verificationPage";
import { notFound } from "../../errors";
import { handle } from "../../http/handle";
import { inputOf, validate } from "../../http/validate";
import { Certificate, type CertificateDoc } from "../../models/certificate";
import { presentPublicVerification } from "../../presenters/certificate";

const params = { params: ZVerificationParams };

async function findByCode(code: string) {
  const cert = await Certificate.findOne({ verificationCode: code }).lean<CertificateDoc>();
  return cert ? presentPublicVerification(cert) : null;
}

/**
 * The public side, unauthenticated by design: anyone holding a certificate's code may check it.
 * Mounted at /api/public: GET /verify/:code (JSON) and GET /keys (the badge-signing JWKS).
 */
export function publicApiRouter(opts: { ltiKey: string }): Router {
  const router = Router();
  router.get(
    "/verify/:code",
    validate(params),
    handle(async (req, res) => {
      const found = await findByCode(inputOf(req, params).params.code);
      if (!found) throw notFound("A certificate with that code");
      res.setHeader("Cache-Control", "no-cache");
      res.json(found);
    }),
  );
  router.get("/keys", (_req, res) => {
    res.json(badgeJwks(opts.ltiKey));
  });
  return router;
}

/** GET /verify/:code — the human verification page printed on each certificate. */
export function verifyPageRouter(): Router {
  const router = Router();
  router.get(
    "/:code",
    handle(async (req, res) => {
      const parsed = ZVerificationParams.safeParse(req.params);
      const found = parsed.success ? await findByCode(parsed.data.code) : null;
      res.setHeader("Cache-Control", "no-cache");
      res.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
      if (!found) {
        res.status(404).type("html").send(renderUnknownCodePage());
        return;
      }
      res.type("html").send(renderVerificationPage(found));
    }),
  );
  return router;
}
