import { z } from "zod";
import { defineEndpoint } from "./endpoint";

/** A submitted portfolio version, named by its id. */
export const ZExportParams = z.object({ versionId: z.string().regex(/^[a-f0-9]{24}$/i, "must be a record id") });

/**
 * /api/exports — downloads of a submitted portfolio version for whoever may see it (its mentor,
 * the panel members of its round, the programme lead).
 */
export const exportsEndpoints = {
  versionPdf: defineEndpoint({
    method: "GET",
    path: "/api/exports/portfolio-versions/:versionId/pdf",
    input: { params: ZExportParams },
    output: "file",
  }),
  /** The PDF and the version's attachments in one ZIP. */
  versionZip: defineEndpoint({
    method: "GET",
    path: "/api/exports/portfolio-versions/:versionId/zip",
    input: { params: ZExportParams },
    output: "file",
  }),
};
