import { Router, type Response } from "express";
import { revokeCertificate } from "../../commands/revokeCertificate";
import { statusListEntryOf } from "../../commands/statusList";
import { ZCertificateListQuery, ZCertificateParams, ZCertificateRevoke } from "../../contracts/certificates";
import { bakedBadgeSvg } from "../../documents/badgeImage";
import { signVcJwt } from "../../documents/badgeSigning";
import { issuerKeyId } from "../../documents/issuerDid";
import { renderCertificatePdf } from "../../documents/certificatePdf";
import { openBadgeCredential } from "../../documents/openBadge";
import { notFound } from "../../errors";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { inputOf, validate } from "../../http/validate";
import type { Actor } from "../../lti/sessionToken";
import { Certificate, type CertificateDoc } from "../../models/certificate";
import { authorizeRevokeCertificate, certificateScope } from "../../policies/certificate";
import { presentCertificate } from "../../presenters/certificate";

async function loadCertificate(actor: Actor, certificateId: string): Promise<CertificateDoc> {
  const cert = await Certificate.findOne({ ...certificateScope(actor), _id: certificateId }).lean<CertificateDoc>();
  if (!cert) throw notFound("That certificate");
  return cert;
}

function sendDownload(res: Response, type: string, name: string, body: Buffer | string) {
  res.setHeader("Content-Type", type);
  res.setHeader("Content-Disposition", `attachment; filename="${name}"`);
  res.setHeader("Cache-Control", "no-store");
  res.send(body);
}

/**
 * /api/certificates — a mentor's own certificates, or all of the course's for staff; each as a
 * PDF and as an Open Badges 3.0 credential, signed (VC-JWT, alone or baked into the badge picture);
 * revocation by a lead.
 */
export function certificatesRouter(opts: { publicUrl: string; ltiKey: string }): Router {
  const router = Router();
  const params = { params: ZCertificateParams };

  const list = { query: ZCertificateListQuery };
  router.get(
    "/",
    validate(list),
    handle(async (req, res) => {
      const actor = actorOf(req);
      const { query } = inputOf(req, list);
      const filter: Record<string, unknown> = { ...certificateScope(actor) };
      if (query.mentorUserId && !("mentorUserId" in filter)) filter.mentorUserId = query.mentorUserId;
      if (query.qualificationCode) filter.qualificationCode = query.qualificationCode;
      if (query.status) filter.revokedAt = query.status === "revoked" ? { $ne: null } : null;
      const certs = await Certificate.find(filter).sort({ issuedAt: -1 }).limit(500).lean<CertificateDoc[]>();
      res.json({ certificates: certs.map((c) => presentCertificate(c, opts.publicUrl)) });
    }),
  );

  router.get(
    "/:certificateId",
    validate(params),
    handle(async (req, res) => {
      const cert = await loadCertificate(actorOf(req), inputOf(req, params).params.certificateId);
      res.json(presentCertificate(cert, opts.publicUrl));
    }),
  );

  router.get(
    "/:certificateId/pdf",
    validate(params),
    handle(async (req, res) => {
      const cert = await loadCertificate(actorOf(req), inputOf(req, params).params.certificateId);
      sendDownload(res, "application/pdf", `certificate-${cert.verificationCode}.pdf`, await renderCertificatePdf(cert, opts.publicUrl));
    }),
  );

  // A readable copy of what the signed badge states, for people and programs that read JSON. It
  // has no proof, so it is not offered to mentors as their badge: the signed forms below are.
  router.get(
    "/:certificateId/badge",
    validate(params),
    handle(async (req, res) => {
      const cert = await loadCertificate(actorOf(req), inputOf(req, params).params.certificateId);
      const body = JSON.stringify(openBadgeCredential(cert, opts.publicUrl, await statusListEntryOf(cert._id)), null, 2);
      sendDownload(res, "application/json", `badge-${cert.verificationCode}-unsigned-copy.json`, body);
    }),
  );

  const signedBadge = async (cert: CertificateDoc) =>
    signVcJwt(openBadgeCredential(cert, opts.publicUrl, await statusListEntryOf(cert._id)), opts.ltiKey, issuerKeyId(opts.publicUrl, opts.ltiKey));

  // The badge: Open Badges 3.0 VC-JWT (a compact JWS; OB 3.0 serves it as text/plain).
  router.get(
    "/:certificateId/badge.jwt",
    validate(params),
    handle(async (req, res) => {
      const cert = await loadCertificate(actorOf(req), inputOf(req, params).params.certificateId);
      sendDownload(res, "text/plain; charset=utf-8", `badge-${cert.verificationCode}.jwt`, await signedBadge(cert));
    }),
  );

  // The badge picture with the same signed badge baked in, for backpacks that take images.
  router.get(
    "/:certificateId/badge.svg",
    validate(params),
    handle(async (req, res) => {
      const cert = await loadCertificate(actorOf(req), inputOf(req, params).params.certificateId);
      sendDownload(res, "image/svg+xml", `badge-${cert.verificationCode}.svg`, bakedBadgeSvg(cert, await signedBadge(cert)));
    }),
  );

  const revoke = { params: ZCertificateParams, body: ZCertificateRevoke };
  router.post(
    "/:certificateId/revoke",
    validate(revoke),
    handle(async (req, res) => {
      const actor = actorOf(req);
      const { params: p, body } = inputOf(req, revoke);
      const cert = await loadCertificate(actor, p.certificateId);
      authorizeRevokeCertificate(actor, cert);
      const updated = await revokeCertificate({ certificate: cert, actor, reason: body.reason });
      res.json(presentCertificate(updated, opts.publicUrl));
    }),
  );
  return router;
}
