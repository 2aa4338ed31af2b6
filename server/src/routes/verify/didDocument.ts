import { Router } from "express";
import { issuerDidDocument } from "../../documents/issuerDid";

/**
 * The issuer's DID document, where did:web resolves the deployment's DID: /.well-known/did.json
 * for a PUBLIC_URL without a path, /did.json under one with a path (a proxy that serves the tool
 * under a path passes the rest on). Public by design: it holds only the badge key's public half.
 */
export function didDocumentRouter(opts: { publicUrl: string; ltiKey: string }): Router {
  const router = Router();
  const path = new URL(opts.publicUrl).pathname.replace(/\/+$/, "");
  router.get(path ? "/did.json" : "/.well-known/did.json", (_req, res) => {
    res.setHeader("Cache-Control", "public, max-age=300");
    res.type("application/did+json").send(JSON.stringify(issuerDidDocument(opts.publicUrl, opts.ltiKey)));
  });
  return router;
}
