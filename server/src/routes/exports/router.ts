import type { Router } from "express";
import { exportsEndpoints } from "../../contracts/exports";
import { loadPortfolioVersion } from "../../queries/portfolioReads";
import { renderPortfolioPdf } from "../../documents/portfolioPdf";
import { streamPortfolioZip, zipSafeName } from "../../documents/portfolioZip";
import { endpointRouter } from "../../http/endpoint";
import type { Actor } from "../../lti/sessionToken";
import { courseScope } from "../../policies/scope";
import { visibleVersion } from "../portfolios/load";

/** The version with what goes in it, and the file name, once the actor may see it (404 otherwise). */
async function exportable(actor: Actor, { params }: { params: { versionId: string } }) {
  await visibleVersion(actor, { versionId: params.versionId });
  const data = await loadPortfolioVersion({ ...courseScope(actor), versionId: params.versionId });
  const name = zipSafeName(
    `portfolio-${data.version.mentorName}-${data.version.qualificationCode}-v${data.version.number}`,
  ).replace(/\s+/g, "-");
  return { data, name };
}

/**
 * /api/exports — downloads of a submitted portfolio version for whoever may see it (its mentor,
 * the panel members of its round, the programme lead): a PDF, and a ZIP with the attachments.
 */
export function exportsRouter(): Router {
  const { router, implement } = endpointRouter("/api/exports");

  implement(exportsEndpoints.versionPdf, {
    policy: exportable,
    handler: async ({ allowed: { data, name }, res }) => {
      const pdf = await renderPortfolioPdf(data);
      res.setHeader("Content-Type", "application/pdf");
      res.setHeader("Content-Disposition", `attachment; filename="${encodeURIComponent(name)}.pdf"`);
      res.setHeader("Cache-Control", "no-store");
      res.send(pdf);
    },
  });

  implement(exportsEndpoints.versionZip, {
    policy: exportable,
    handler: async ({ allowed: { data, name }, res }) => {
      const pdf = await renderPortfolioPdf(data);
      res.setHeader("Content-Type", "application/zip");
      res.setHeader("Content-Disposition", `attachment; filename="${encodeURIComponent(name)}.zip"`);
      res.setHeader("Cache-Control", "no-store");
      await streamPortfolioZip(res, data, pdf);
    },
  });
  return router;
}
