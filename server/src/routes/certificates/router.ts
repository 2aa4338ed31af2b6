import type { Response, Router } from "express";
import { revokeCertificate } from "../../commands/revokeCertificate";
import { statusListEntryOf } from "../../queries/statusList";
import { certificatesEndpoints } from "../../contracts/certificates";
import { bakedBadgeSvg } from "../../documents/badgeImage";
import { signVcJwt } from "../../documents/badgeSigning";
import { issuerKeyId } from "../../documents/issuerDid";
import { renderCertificatePdf } from "../../documents/certificatePdf";
import { openBadgeCredential } from "../../documents/openBadge";
import { anyoneSignedIn, endpointRouter } from "../../http/endpoint";
import type { CertificateDoc } from "../../models/certificate";
import { authorize } from "../../policies";
import { presentCertificate } from "../../presenters/certificate";
import { listCertificates, loadCertificate } from "../../queries/certificates";

function sendDownload(res: Response, type: string, name: string, body: Buffer | string) {
  res.setHeader("Content-Type", type);
  res.setHeader("Content-Disposition", `attachment; filename="${name}"`);
  res.setHeader("Cache-Control", "no-store");
  res.send(body);
}

/**
 * /api/certificates — a mentor's own certificates, or all of the course's for staff; each as a
 * PDF and as an Open Badges 3.0 credential, signed (VC-JWT, alone or baked into the badge picture);
 * revocation by a lead. A certificate the actor may not read is not found.
 */
export function certificatesRouter(opts: { publicUrl: string; ltiKey: string }): Router {
  const { router, implement } = endpointRouter("/api/certificates");
  const readable = (actor: Parameters<typeof loadCertificate>[0], { params }: { params: { certificateId: string } }) =>
    loadCertificate(actor, params.certificateId);

  implement(certificatesEndpoints.list, {
    // The list holds only what the actor may read.
    policy: anyoneSignedIn,
    handler: async ({ actor, input: { query } }) => ({
      certificates: (await listCertificates(actor, query)).map((c) => presentCertificate(c, opts.publicUrl)),
    }),
  });

  implement(certificatesEndpoints.certificate, {
    policy: readable,
    handler: ({ allowed: cert }) => presentCertificate(cert, opts.publicUrl),
  });

  implement(certificatesEndpoints.pdf, {
    policy: readable,
    handler: async ({ allowed: cert, res }) => {
      sendDownload(
        res,
        "application/pdf",
        `certificate-${cert.verificationCode}.pdf`,
        await renderCertificatePdf(cert, opts.publicUrl),
      );
    },
  });

  // A readable copy of what the signed badge states, for people and programs that read JSON. It
  // has no proof, so it is not offered to mentors as their badge: the signed forms below are.
  implement(certificatesEndpoints.unsignedBadge, {
    policy: readable,
    handler: async ({ allowed: cert, res }) => {
      const body = JSON.stringify(
        openBadgeCredential(cert, opts.publicUrl, await statusListEntryOf(cert._id)),
        null,
        2,
      );
      sendDownload(res, "application/json", `badge-${cert.verificationCode}-unsigned-copy.json`, body);
    },
  });

  const signedBadge = async (cert: CertificateDoc) =>
    signVcJwt(
      openBadgeCredential(cert, opts.publicUrl, await statusListEntryOf(cert._id)),
      opts.ltiKey,
      issuerKeyId(opts.publicUrl, opts.ltiKey),
    );

  // The badge: Open Badges 3.0 VC-JWT (a compact JWS; OB 3.0 serves it as text/plain).
  implement(certificatesEndpoints.signedBadge, {
    policy: readable,
    handler: async ({ allowed: cert, res }) => {
      sendDownload(res, "text/plain; charset=utf-8", `badge-${cert.verificationCode}.jwt`, await signedBadge(cert));
    },
  });

  // The badge picture with the same signed badge baked in, for backpacks that take images.
  implement(certificatesEndpoints.badgePicture, {
    policy: readable,
    handler: async ({ allowed: cert, res }) => {
      sendDownload(
        res,
        "image/svg+xml",
        `badge-${cert.verificationCode}.svg`,
        bakedBadgeSvg(cert, await signedBadge(cert)),
      );
    },
  });

  implement(certificatesEndpoints.revoke, {
    policy: async (actor, { params }) => {
      const cert = await loadCertificate(actor, params.certificateId);
      authorize(actor, "revoke", "Certificate", cert);
      return cert;
    },
    handler: async ({ actor, allowed: cert, input: { body } }) =>
      presentCertificate(await revokeCertificate({ certificate: cert, actor, reason: body.reason }), opts.publicUrl),
  });
  return router;
}
