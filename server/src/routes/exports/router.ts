import { Router } from "express";
import { z } from "zod";
import { loadPortfolioVersion } from "../../queries/portfolioReads";
import { renderPortfolioPdf } from "../../documents/portfolioPdf";
import { streamPortfolioZip, zipSafeName } from "../../documents/portfolioZip";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { inputOf, validate } from "../../http/validate";
import { courseScope } from "../../policies/scope";
import { loadVisibleVersion } from "../portfolios/load";

const params = { params: z.object({ versionId: z.string().regex(/^[a-f0-9]{24}$/i, "must be a record id") }) };

/**
 * /api/exports — downloads of a submitted portfolio version for whoever may see it (its mentor,
 * the panel members of its round, the programme lead): a PDF, and a ZIP with the attachments.
 */
export function exportsRouter(): Router {
  const router = Router();

  async function load(req: Parameters<typeof loadVisibleVersion>[0]) {
    const { versionId } = inputOf(req, params).params;
    await loadVisibleVersion(req, { versionId }); // 404 unless the actor may see it
    const data = await loadPortfolioVersion({ ...courseScope(actorOf(req)), versionId });
    const name = zipSafeName(`portfolio-${data.version.mentorName}-${data.version.qualificationCode}-v${data.version.number}`).replace(/\s+/g, "-");
    return { data, name };
  }

  router.get(
    "/portfolio-versions/:versionId/pdf",
    validate(params),
    handle(async (req, res) => {
      const { data, name } = await load(req);
      const pdf = await renderPortfolioPdf(data);
      res.setHeader("Content-Type", "application/pdf");
      res.setHeader("Content-Disposition", `attachment; filename="${encodeURIComponent(name)}.pdf"`);
      res.setHeader("Cache-Control", "no-store");
      res.send(pdf);
    }),
  );

  router.get(
    "/portfolio-versions/:versionId/zip",
    validate(params),
    handle(async (req, res) => {
      const { data, name } = await load(req);
      const pdf = await renderPortfolioPdf(data);
      res.setHeader("Content-Type", "application/zip");
      res.setHeader("Content-Disposition", `attachment; filename="${encodeURIComponent(name)}.zip"`);
      res.setHeader("Cache-Control", "no-store");
      await streamPortfolioZip(res, data, pdf);
    }),
  );
  return router;
}
