import type { Router } from "express";
import { verifyEndpoints } from "../../contracts/verify";
import { issuerDidDocument } from "../../documents/issuerDid";
import { endpointRouter } from "../../http/endpoint";

/**
 * The issuer's DID document, where did:web resolves the deployment's DID: /.well-known/did.json
 * for a PUBLIC_URL without a path, /did.json under one with a path (a proxy that serves the tool
 * under a path passes the rest on). Public by design: it holds only the badge key's public half.
 */
export function didDocumentRouter(opts: { publicUrl: string; ltiKey: string }): Router {
  const { router, implementPublic } = endpointRouter("");
  const path = new URL(opts.publicUrl).pathname.replace(/\/+$/, "");
  implementPublic(path ? verifyEndpoints.didDocumentUnderPath : verifyEndpoints.didDocument, {
    handler: ({ res }) => {
      res.setHeader("Cache-Control", "public, max-age=300");
      res.type("application/did+json").send(JSON.stringify(issuerDidDocument(opts.publicUrl, opts.ltiKey)));
    },
  });
  return router;
}
