import type { Router } from "express";
import { panelEndpoints } from "../../contracts/panel";
import { anyoneSignedIn, endpointRouter } from "../../http/endpoint";
import type { Actor } from "../../lti/sessionToken";
import type { PortfolioVersionDoc } from "../../models/portfolioVersion";
import { authorize, can } from "../../policies";
import type { PanelRoundAction } from "../../policies/panel";
import { createPanelRound, updatePanelRound } from "../../commands/panelRounds";
import { loadPortfolioVersion, programmeOfVersion } from "../../queries/portfolioReads";
import { recordLeadDecision } from "../../commands/recordPanelDecision";
import { releaseRound } from "../../commands/releaseRound";
import { releaseState } from "../../queries/releaseState";
import { moderationQueue } from "../../queries/moderationQueue";
import { listVisibleRounds, loadVisibleRound, panelCandidates, roundPortfolios } from "../../queries/panelRounds";
import { recordPanelReview, saveJudgements } from "../../commands/recordPanelReview";
import { presentRounds } from "../../presenters/panel";
import { presentVersion, presentVersionSummary } from "../../presenters/portfolio";
import { visibleVersion } from "../portfolios/load";
import { implementAllocation } from "./allocation";
import { roundDetails } from "../../queries/roundDetails";
import { versionDetails } from "../../queries/portfolioDetails";
import { roundsById } from "../../queries/roundsById";

/** A round the actor may see (else 404), on which they may take the action (else 403). */
async function roundToManage(actor: Actor, roundId: string, action: PanelRoundAction) {
  const round = await loadVisibleRound(actor, roundId);
  authorize(actor, action, "PanelRound");
  return round;
}

/** The version with what the viewer may see, after a judging action. */
async function presentedVersion(actor: Actor, version: PortfolioVersionDoc) {
  return presentVersion(
    actor,
    await versionDetails(actor, await loadPortfolioVersion({ ...version, versionId: version._id.toString() })),
  );
}

/** /api/panel — panel rounds (leads manage them), and judging submitted portfolio versions. */
export function panelRouter(): Router {
  const { router, implement } = endpointRouter("/api/panel");

  implement(panelEndpoints.rounds, {
    // The list holds only the rounds the actor may see (all for a lead, else the ones they sit on).
    policy: anyoneSignedIn,
    handler: async ({ actor }) => ({
      rounds: await presentRounds(await roundDetails(await listVisibleRounds(actor))),
      canManage: can(actor, "manage", "PanelRound"),
    }),
  });

  implement(panelEndpoints.candidates, {
    policy: (actor) => authorize(actor, "chooseMembers", "PanelRound"),
    handler: async ({ actor }) => ({ people: await panelCandidates(actor) }),
  });

  implement(panelEndpoints.createRound, {
    policy: (actor) => authorize(actor, "create", "PanelRound"),
    handler: async ({ actor, input: { body } }) =>
      (await presentRounds(await roundDetails([await createPanelRound({ actor, input: body })])))[0],
  });

  implement(panelEndpoints.round, {
    // Every member of a round reads it; a round they do not sit on is not found.
    policy: (actor, { params }) => loadVisibleRound(actor, params.roundId),
    handler: async ({ actor, allowed: round }) => {
      const { versions, statuses } = await roundPortfolios(actor, round);
      const rounds = await roundsById([round._id]);
      const [presented] = await presentRounds(await roundDetails([round]));
      return {
        ...presented,
        portfolios: versions.map((v) => presentVersionSummary(v, statuses.get(v._id.toString())!, rounds)),
        release: await releaseState(round),
      };
    },
  });

  implement(panelEndpoints.release, {
    policy: (actor, { params }) => roundToManage(actor, params.roundId, "release"),
    handler: async ({ actor, allowed: round, input: { params, body } }) => {
      await releaseRound({ actor, round, expectedVersion: body.expectedVersion });
      return { release: await releaseState(await loadVisibleRound(actor, params.roundId)) };
    },
  });

  implement(panelEndpoints.moderation, {
    policy: (actor) => authorize(actor, "moderate", "PanelRound"),
    handler: async ({ actor }) => ({ items: await moderationQueue(actor) }),
  });

  implementAllocation(implement);

  implement(panelEndpoints.updateRound, {
    policy: (actor, { params }) => roundToManage(actor, params.roundId, "change"),
    handler: async ({ actor, allowed: round, input: { params, body } }) => {
      await updatePanelRound({ actor, round, input: body });
      return (await presentRounds(await roundDetails([await loadVisibleRound(actor, params.roundId)])))[0];
    },
  });

  // A version the actor may not see is not found; who may judge it is the commands' to say.
  const visible = (actor: Actor, { params }: { params: { versionId: string } }) => visibleVersion(actor, params);

  implement(panelEndpoints.version, {
    policy: visible,
    handler: ({ actor, allowed: version }) => presentedVersion(actor, version),
  });

  implement(panelEndpoints.saveJudgements, {
    policy: visible,
    handler: async ({ actor, allowed: found, input: { body } }) => {
      await saveJudgements({ actor, version: found, input: body, programme: await programmeOfVersion(found) });
      return presentedVersion(actor, found);
    },
  });

  implement(panelEndpoints.review, {
    policy: visible,
    handler: async ({ actor, allowed: found, input: { body } }) => {
      await recordPanelReview({ actor, version: found, input: body, programme: await programmeOfVersion(found) });
      return presentedVersion(actor, found);
    },
  });

  implement(panelEndpoints.decide, {
    policy: async (actor, input) => {
      const found = await visible(actor, input);
      authorize(actor, "decide", "PortfolioVersion", found);
      return found;
    },
    handler: async ({ actor, allowed: found, input: { body } }) => {
      await recordLeadDecision({ actor, version: found, input: body, programme: await programmeOfVersion(found) });
      return presentedVersion(actor, found);
    },
  });

  return router;
}
