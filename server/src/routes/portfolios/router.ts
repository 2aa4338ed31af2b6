import { Router } from "express";
import {
  ZCoverage,
  ZPortfolioCreate,
  ZPortfolioEvidenceParams,
  ZPortfolioList,
  ZPortfolioParams,
  ZPortfolioPriorLearning,
  ZPortfolioSubmit,
  ZPortfolioUpdate,
  ZVersionAttachmentParams,
  ZVersionParams,
} from "../../contracts/portfolio";
import { conflict, forbidden, notFound } from "../../errors";
import { actorOf } from "../../http/authenticate";
import { handle } from "../../http/handle";
import { rememberReads } from "../../http/rememberReads";
import { inputOf, validate } from "../../http/validate";
import { Evidence } from "../../models/evidence";
import { Portfolio, type PortfolioDoc } from "../../models/portfolio";
import { PortfolioEntry } from "../../models/portfolioEntry";
import { ownPortfolioScope } from "../../policies/portfolio";
import { computeCoverage } from "../../queries/coverage";
import { draftEvidence, requiredSpanDays } from "../../queries/portfolioDraft";
import { applyPriorLearning } from "../../commands/applyPriorLearning";
import { portfolioProgramme, qualificationOf } from "../../queries/portfolioProgramme";
import { loadPortfolioVersion } from "../../queries/portfolioReads";
import { sanitizeNarrative } from "../../commands/sanitizeNarrative";
import { submitPortfolio } from "../../commands/submitPortfolio";
import { presentPortfolio, presentQualification, presentVersion } from "../../presenters/portfolio";
import { sendStoredFile } from "../../presenters/download";
import { loadOwnPortfolio, loadVisibleVersion } from "./load";
import { refreshMentorFigures } from "../../commands/adjustDashboardCounters";

/** /api/portfolios — a mentor's portfolios per qualification, submission, and submitted versions. */
export function portfoliosRouter(): Router {
  const router = Router();

  router.get("/", rememberReads("own-records"), handle(async (req, res) => {
    const actor = actorOf(req);
    const { definition } = await portfolioProgramme(actor.tenantId, actor.contextId);
    const scope = ownPortfolioScope(actor);
    const own = scope ? await Portfolio.find(scope).sort({ createdAt: 1 }).lean<PortfolioDoc[]>() : [];
    const portfolios = await Promise.all(own.map((p) => presentPortfolio(p, definition)));
    res.json(ZPortfolioList.parse({ portfolios, qualifications: definition.qualifications.map(presentQualification) }));
  }));

  const create = { body: ZPortfolioCreate };
  router.post("/", validate(create), handle(async (req, res) => {
    const actor = actorOf(req);
    const scope = ownPortfolioScope(actor);
    if (!scope) throw forbidden("Only mentors keep portfolios.");
    const { definition } = await portfolioProgramme(actor.tenantId, actor.contextId);
    const qualification = qualificationOf(definition, inputOf(req, create).body.qualificationCode);
    // One portfolio per mentor per qualification: an upsert on its unique key settles a double click.
    const portfolio = await Portfolio.findOneAndUpdate({ ...scope, qualificationCode: qualification.code }, { $setOnInsert: { mentorName: actor.name } }, { upsert: true, new: true }).lean<PortfolioDoc>();
    await refreshMentorFigures(portfolio!, portfolio!.mentorUserId);
    res.status(201).json(await presentPortfolio(portfolio!, definition));
  }));

  const one = { params: ZPortfolioParams };
  router.get("/:portfolioId", validate(one), rememberReads("own-records"), handle(async (req, res) => {
    const portfolio = await loadOwnPortfolio(req, inputOf(req, one).params.portfolioId);
    const { definition } = await portfolioProgramme(portfolio.tenantId, portfolio.contextId);
    res.json(await presentPortfolio(portfolio, definition));
  }));

  const update = { params: ZPortfolioParams, body: ZPortfolioUpdate };
  router.patch("/:portfolioId", validate(update), handle(async (req, res) => {
    const { params, body } = inputOf(req, update);
    const portfolio = await loadOwnPortfolio(req, params.portfolioId);
    const saved = await Portfolio.updateOne({ _id: portfolio._id, version: body.expectedVersion }, { $set: { narrativeHtml: sanitizeNarrative(body.narrativeHtml) }, $inc: { version: 1 } });
    if (saved.modifiedCount === 0) throw conflict("Your portfolio was changed somewhere else since you opened it. Reload it and make your change again.");
    const { definition } = await portfolioProgramme(portfolio.tenantId, portfolio.contextId);
    res.json(await presentPortfolio(await loadOwnPortfolio(req, params.portfolioId), definition));
  }));

  // The prior-learning route: the mentor applies on the draft, with their statement of experience.
  const prior = { params: ZPortfolioParams, body: ZPortfolioPriorLearning };
  router.put("/:portfolioId/prior-learning", validate(prior), handle(async (req, res) => {
    const { params, body } = inputOf(req, prior);
    const portfolio = await loadOwnPortfolio(req, params.portfolioId);
    const { definition } = await portfolioProgramme(portfolio.tenantId, portfolio.contextId);
    await applyPriorLearning({ portfolio, qualification: qualificationOf(definition, portfolio.qualificationCode), input: body });
    res.json(await presentPortfolio(await loadOwnPortfolio(req, params.portfolioId), definition));
  }));

  const entry = { params: ZPortfolioEvidenceParams };
  router.put("/:portfolioId/evidence/:evidenceId", validate(entry), handle(async (req, res) => {
    const { portfolioId, evidenceId } = inputOf(req, entry).params;
    const portfolio = await loadOwnPortfolio(req, portfolioId);
    const evidence = await Evidence.findOne({ tenantId: portfolio.tenantId, contextId: portfolio.contextId, mentorUserId: portfolio.mentorUserId, _id: evidenceId }, { _id: 1 }).lean();
    if (!evidence) throw notFound("That evidence");
    await PortfolioEntry.updateOne(
      { portfolioId: portfolio._id, evidenceId: evidence._id },
      { $setOnInsert: { tenantId: portfolio.tenantId, contextId: portfolio.contextId, mentorUserId: portfolio.mentorUserId, portfolioId: portfolio._id, evidenceId: evidence._id } },
      { upsert: true },
    );
    res.status(204).end();
  }));

  router.delete("/:portfolioId/evidence/:evidenceId", validate(entry), handle(async (req, res) => {
    const { portfolioId, evidenceId } = inputOf(req, entry).params;
    const portfolio = await loadOwnPortfolio(req, portfolioId);
    // The entry is gone after the first delete: a repeated or concurrent one is told so (404).
    const { deletedCount } = await PortfolioEntry.deleteOne({ portfolioId: portfolio._id, evidenceId });
    if (deletedCount === 0) throw notFound("That evidence in this portfolio");
    res.status(204).end();
  }));

  router.get("/:portfolioId/coverage", validate(one), handle(async (req, res) => {
    const portfolio = await loadOwnPortfolio(req, inputOf(req, one).params.portfolioId);
    const { definition } = await portfolioProgramme(portfolio.tenantId, portfolio.contextId);
    const qualification = qualificationOf(definition, portfolio.qualificationCode);
    res.json(ZCoverage.parse(computeCoverage(definition, requiredSpanDays(qualification, portfolio.priorLearning?.applying ?? false), await draftEvidence(portfolio))));
  }));

  const submit = { params: ZPortfolioParams, body: ZPortfolioSubmit };
  router.post("/:portfolioId/submit", validate(submit), handle(async (req, res) => {
    const { params, body } = inputOf(req, submit);
    const portfolio = await loadOwnPortfolio(req, params.portfolioId);
    const version = await submitPortfolio({ actor: actorOf(req), portfolio, input: body });
    res.status(201).json(await presentVersion(actorOf(req), await loadPortfolioVersion({ ...portfolio, versionId: version._id.toString() })));
  }));

  const version = { params: ZVersionParams };
  router.get("/:portfolioId/versions/:number", validate(version), handle(async (req, res) => {
    const found = await loadVisibleVersion(req, inputOf(req, version).params);
    res.json(await presentVersion(actorOf(req), await loadPortfolioVersion({ ...found, versionId: found._id.toString() })));
  }));

  // A submitted version is what the panel saw: no edit of it is ever accepted.
  for (const method of ["put", "patch", "delete"] as const) {
    router[method]("/:portfolioId/versions/:number", validate(version), handle(async (req) => {
      const found = await loadVisibleVersion(req, inputOf(req, version).params);
      throw conflict(
        `Version ${found.number} was submitted on ${found.submittedAt.toISOString().slice(0, 10)} and cannot be changed. Edit your working draft and submit it as a new version.`,
        { versionNumber: found.number },
      );
    }));
  }

  const file = { params: ZVersionAttachmentParams };
  router.get("/:portfolioId/versions/:number/attachments/:attachmentId", validate(file), handle(async (req, res) => {
    const { attachmentId, ...where } = inputOf(req, file).params;
    const found = await loadVisibleVersion(req, where);
    const attachment = found.evidence.flatMap((e) => e.attachments).find((a) => a.id === attachmentId);
    if (!attachment) throw notFound("That file");
    await sendStoredFile(res, { fileId: attachment.fileId, filename: attachment.filename ?? "attachment", mimeType: attachment.mimeType ?? "application/octet-stream", size: attachment.size ?? 0 });
  }));

  return router;
}
