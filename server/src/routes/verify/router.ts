import type { NextFunction, Request, Response, Router } from "express";
import { ZVerificationParams } from "../../contracts/certificates";
import { verifyEndpoints } from "../../contracts/verify";
import { revocationStatusList } from "../../queries/statusList";
import { badgeJwks, badgeKey, signVcJwt } from "../../documents/badgeSigning";
import { issuerDid, issuerKeyId } from "../../documents/issuerDid";
import { issuerProfileUrl } from "../../documents/trainingRecord";
import {
  renderTooManyGuessesPage,
  renderUnknownCodePage,
  renderVerificationPage,
} from "../../documents/verificationPage";
import { notFound, rateLimited } from "../../errors";
import { createGuessLimiter, type GuessLimiter } from "../../http/guessLimiter";
import { endpointRouter } from "../../http/endpoint";
import { presentPublicVerification } from "../../presenters/certificate";
import { certificateByCode } from "../../queries/certificateByCode";

/** Wrong codes an address may try per window before it must wait (real verifiers try one or two). */
export const VERIFICATION_MISSES_ALLOWED = 10;
const VERIFICATION_WINDOW_MS = 10 * 60_000;

/** The limiter on wrong verification codes per client address. */
export function verificationGuessLimiter(): GuessLimiter {
  return createGuessLimiter({ maxMisses: VERIFICATION_MISSES_ALLOWED, windowMs: VERIFICATION_WINDOW_MS });
}

const tooManyGuesses = (seconds: number) =>
  `Too many certificate codes that do not exist were tried from your address. Please check the code on the certificate and try again in ${Math.ceil(seconds / 60)} minute${seconds > 60 ? "s" : ""}.`;

const addressOf = (req: Request) => req.ip ?? req.socket.remoteAddress ?? "unknown";

async function findByCode(code: string) {
  const cert = await certificateByCode(code);
  return cert ? presentPublicVerification(cert) : null;
}

/** Refuses an address that has tried too many codes that do not exist, until its wait is over. */
const waitAfterMisses = (guesses: GuessLimiter) => (req: Request, _res: Response, next: NextFunction) => {
  const wait = guesses.waitSeconds(addressOf(req));
  next(wait > 0 ? rateLimited(tooManyGuesses(wait), wait) : undefined);
};

/** A malformed code counts as a miss too (its 400 comes from validation, after this). */
const countMalformedCode = (guesses: GuessLimiter) => (req: Request, _res: Response, next: NextFunction) => {
  if (!ZVerificationParams.safeParse(req.params).success) guesses.recordMiss(addressOf(req));
  next();
};

/**
 * The public side, unauthenticated by design: anyone holding a certificate's code may check it.
 * Mounted at /api/public: GET /verify/:code (JSON) and GET /keys (the badge-signing JWKS).
 */
export function publicApiRouter(opts: { ltiKey: string; publicUrl: string; guesses: GuessLimiter }): Router {
  const { router, implementPublic } = endpointRouter("/api/public");
  const e = verifyEndpoints;

  implementPublic(e.verify, {
    middleware: [waitAfterMisses(opts.guesses), countMalformedCode(opts.guesses)],
    handler: async ({ input: { params }, req, res }) => {
      const found = await findByCode(params.code);
      if (!found) {
        opts.guesses.recordMiss(addressOf(req));
        throw notFound("A certificate with that code");
      }
      res.setHeader("Cache-Control", "no-cache");
      return found;
    },
  });

  // A platform's W3C Bitstring Status List (revocation), which every badge's credentialStatus names.
  implementPublic(e.revocationList, {
    handler: async ({ input: { params }, req, res }) => {
      const credential = await revocationStatusList({ listId: params.listId, publicUrl: opts.publicUrl });
      if (!credential) throw notFound("That status list");
      // Issued by the same DID as the badges that point here, so a verifier can hold them together.
      const issuer = issuerDid(opts.publicUrl);
      res.setHeader("Cache-Control", "no-cache");
      if (req.accepts(["application/vc+ld+json", "application/vc+jwt"]) === "application/vc+jwt") {
        res
          .type("application/vc+jwt")
          .send(await signVcJwt({ ...credential, issuer }, opts.ltiKey, issuerKeyId(opts.publicUrl, opts.ltiKey)));
        return;
      }
      res.type("application/vc+ld+json").send(JSON.stringify({ ...credential, issuer }));
    },
  });

  implementPublic(e.keys, { handler: () => ({ keys: badgeJwks(opts.ltiKey).keys.map((key) => ({ ...key })) }) });

  // The issuer of training records and badges, with the key it signs with (a controller
  // document, as did:web publishes): verifiers fetch this address, named in the record.
  implementPublic(e.issuer, {
    handler: ({ res }) => {
      const id = issuerProfileUrl(opts.publicUrl);
      const key = badgeKey(opts.ltiKey);
      const method = `${id}#${key.kid}`;
      res.setHeader("Cache-Control", "public, max-age=300");
      return {
        "@context": ["https://www.w3.org/ns/cid/v1"],
        id,
        type: ["Profile"],
        name: `Mentor Pathways at ${new URL(opts.publicUrl).host}`,
        url: opts.publicUrl,
        // The same key is published for badges under the deployment's did:web (/.well-known/did.json).
        alsoKnownAs: [issuerDid(opts.publicUrl)],
        verificationMethod: [{ id: method, type: "JsonWebKey", controller: id, publicKeyJwk: { ...key.publicJwk } }],
        assertionMethod: [method],
      };
    },
  });
  return router;
}

/** GET /verify/:code — the human verification page printed on each certificate. */
export function verifyPageRouter(opts: { guesses: GuessLimiter }): Router {
  const { router, implementPublic } = endpointRouter("/verify");
  implementPublic(verifyEndpoints.page, {
    handler: async ({ req, res }) => {
      res.setHeader("Cache-Control", "no-cache");
      res.setHeader("Content-Security-Policy", "default-src 'none'; style-src 'unsafe-inline'");
      const wait = opts.guesses.waitSeconds(addressOf(req));
      if (wait > 0) {
        res
          .status(429)
          .setHeader("Retry-After", String(wait))
          .type("html")
          .send(renderTooManyGuessesPage(tooManyGuesses(wait)));
        return;
      }
      // A malformed code is the same page as an unknown one: a person followed a link or typed it.
      const parsed = ZVerificationParams.safeParse(req.params);
      const found = parsed.success ? await findByCode(parsed.data.code) : null;
      if (!found) {
        opts.guesses.recordMiss(addressOf(req));
        res.status(404).type("html").send(renderUnknownCodePage());
        return;
      }
      res.type("html").send(renderVerificationPage(found));
    },
  });
  return router;
}
