import type { Router } from "express";
import { portfoliosEndpoints } from "../../contracts/portfolio";
import { conflict, forbidden, notFound } from "../../errors";
import { endpointRouter } from "../../http/endpoint";
import { rememberReads } from "../../http/rememberReads";
import type { Actor } from "../../lti/sessionToken";
import { scopeFor } from "../../policies";
import { computeCoverage } from "../../programme/coverage";
import { findEvidence } from "../../queries/evidenceReads";
import { draftEvidence, requiredSpanDays } from "../../queries/portfolioDraft";
import { listPortfolios } from "../../queries/portfolioList";
import { applyPriorLearning } from "../../commands/applyPriorLearning";
import { excludeEvidence, includeEvidence, openPortfolio, savePortfolioNarrative } from "../../commands/keepPortfolio";
import { programmeInForce } from "../../queries/programmeInForce";
import { qualificationOf } from "../../queries/programmeChecks";
import { loadPortfolioVersion } from "../../queries/portfolioReads";
import { submitPortfolio } from "../../commands/submitPortfolio";
import { presentPortfolio, presentQualification, presentVersion } from "../../presenters/portfolio";
import { sendStoredFile } from "../../presenters/download";
import { ownPortfolio, visibleVersion } from "./load";
import { portfolioDetails, portfoliosDetails, versionDetails } from "../../queries/portfolioDetails";

/** The portfolio named, the actor's own (404 otherwise). */
const own = (actor: Actor, input: { params: { portfolioId: string } }) => ownPortfolio(actor, input.params.portfolioId);
/** The submitted version named, if the actor may see it (own, in a round they sit on, or their course as lead; 404 otherwise). */
const visible = (actor: Actor, input: { params: { portfolioId: string; number: number } }) =>
  visibleVersion(actor, { portfolioId: input.params.portfolioId, number: input.params.number });

/** /api/portfolios — a mentor's portfolios per qualification, submission, and submitted versions. */
export function portfoliosRouter(): Router {
  const { router, implement } = endpointRouter("/api/portfolios");
  const e = portfoliosEndpoints;

  implement(e.list, {
    middleware: [rememberReads("own-records")],
    // Anyone may ask; only a mentor's own portfolios are listed (none for others).
    policy: (actor) => scopeFor(actor, "read", "Portfolio"),
    handler: async ({ actor, allowed: scope }) => {
      const [{ definition }, own] = await Promise.all([
        programmeInForce(actor.tenantId, actor.contextId),
        scope ? listPortfolios(scope) : [],
      ]);
      const portfolios = (await portfoliosDetails(own, definition)).map(presentPortfolio);
      return { portfolios, qualifications: definition.qualifications.map(presentQualification) };
    },
  });

  implement(e.create, {
    policy: (actor) => {
      const scope = scopeFor(actor, "edit", "Portfolio");
      if (!scope) throw forbidden("Only mentors keep portfolios.");
      return scope;
    },
    handler: async ({ actor, allowed: scope, input: { body } }) => {
      const { definition } = await programmeInForce(actor.tenantId, actor.contextId);
      const qualification = qualificationOf(definition, body.qualificationCode);
      const portfolio = await openPortfolio({ scope, qualificationCode: qualification.code, mentorName: actor.name });
      return presentPortfolio(await portfolioDetails(portfolio, definition));
    },
  });

  implement(e.one, {
    middleware: [rememberReads("own-records")],
    policy: own,
    handler: async ({ allowed: portfolio }) => {
      const { definition } = await programmeInForce(portfolio.tenantId, portfolio.contextId);
      return presentPortfolio(await portfolioDetails(portfolio, definition));
    },
  });

  implement(e.update, {
    policy: own,
    handler: async ({ actor, allowed: portfolio, input: { body } }) => {
      await savePortfolioNarrative({
        portfolio,
        narrativeHtml: body.narrativeHtml,
        expectedVersion: body.expectedVersion,
      });
      const { definition } = await programmeInForce(portfolio.tenantId, portfolio.contextId);
      return presentPortfolio(await portfolioDetails(await ownPortfolio(actor, portfolio._id.toString()), definition));
    },
  });

  // The prior-learning route: the mentor applies on the draft, with their statement of experience.
  implement(e.priorLearning, {
    policy: own,
    handler: async ({ actor, allowed: portfolio, input: { body } }) => {
      const { definition } = await programmeInForce(portfolio.tenantId, portfolio.contextId);
      await applyPriorLearning({
        portfolio,
        qualification: qualificationOf(definition, portfolio.qualificationCode),
        input: body,
      });
      return presentPortfolio(await portfolioDetails(await ownPortfolio(actor, portfolio._id.toString()), definition));
    },
  });

  implement(e.include, {
    policy: own,
    handler: async ({ allowed: portfolio, input: { params } }) => {
      // Only the portfolio's own mentor's evidence: another's is not found.
      const evidence = await findEvidence(
        { tenantId: portfolio.tenantId, contextId: portfolio.contextId, mentorUserId: portfolio.mentorUserId },
        params.evidenceId,
      );
      if (!evidence) throw notFound("That evidence");
      await includeEvidence({ portfolio, evidenceId: evidence._id });
    },
  });

  implement(e.exclude, {
    policy: own,
    handler: async ({ allowed: portfolio, input: { params } }) => {
      await excludeEvidence({ portfolio, evidenceId: params.evidenceId });
    },
  });

  implement(e.coverage, {
    policy: own,
    handler: async ({ allowed: portfolio }) => {
      const { definition } = await programmeInForce(portfolio.tenantId, portfolio.contextId);
      const qualification = qualificationOf(definition, portfolio.qualificationCode);
      return computeCoverage(
        definition,
        requiredSpanDays(qualification, portfolio.priorLearning?.applying ?? false),
        await draftEvidence(portfolio),
      );
    },
  });

  implement(e.submit, {
    policy: own,
    handler: async ({ actor, allowed: portfolio, input: { body } }) => {
      const version = await submitPortfolio({ actor, portfolio, input: body });
      return presentVersion(
        actor,
        await versionDetails(actor, await loadPortfolioVersion({ ...portfolio, versionId: version._id.toString() })),
      );
    },
  });

  implement(e.version, {
    policy: visible,
    handler: async ({ actor, allowed: found }) =>
      presentVersion(
        actor,
        await versionDetails(actor, await loadPortfolioVersion({ ...found, versionId: found._id.toString() })),
      ),
  });

  // A submitted version is what the panel saw: no edit of it is ever accepted.
  for (const endpoint of [e.replaceVersion, e.editVersion, e.deleteVersion]) {
    implement(endpoint, {
      policy: visible,
      handler: ({ allowed: found }) => {
        throw conflict(
          `Version ${found.number} was submitted on ${found.submittedAt.toISOString().slice(0, 10)} and cannot be changed. Edit your working draft and submit it as a new version.`,
          { versionNumber: found.number },
        );
      },
    });
  }

  implement(e.versionAttachment, {
    policy: visible,
    handler: async ({ allowed: found, input: { params }, res }) => {
      const attachment = found.evidence.flatMap((a) => a.attachments).find((a) => a.id === params.attachmentId);
      if (!attachment) throw notFound("That file");
      await sendStoredFile(res, {
        fileId: attachment.fileId,
        filename: attachment.filename ?? "attachment",
        mimeType: attachment.mimeType ?? "application/octet-stream",
        size: attachment.size ?? 0,
      });
    },
  });

  return router;
}
