import { invalidField } from "../errors";
import type { TFundingYearUpdate } from "../contracts/hours";
import type { Actor } from "../lti/sessionToken";
import { assignProgramme } from "./assignProgramme";
import { programmeInForce } from "../queries/programmeInForce";
import { storeProgrammeVersion } from "./storeProgrammeVersion";
import { parseProgramme } from "../programme/schema";

/**
 * Enters (or corrects) one academic year's funding caps and rates: the course's programme is
 * stored again as a new version with that year in its funding table, so records made under the
 * old version keep pointing at it. Every band the programme lists needs a rate.
 */
export async function setFundingYear(props: { actor: Actor; year: TFundingYearUpdate }): Promise<void> {
  const { actor, year } = props;
  const current = await programmeInForce(actor.tenantId, actor.contextId);
  const bands = current.definition.funding.rateBands;
  const missing = bands.filter((b) => !year.rates.some((r) => r.code === b.code));
  const unknown = year.rates.filter((r) => !bands.some((b) => b.code === r.code));
  if (missing.length > 0 || unknown.length > 0) {
    const message =
      missing.length > 0
        ? `Rates must give a rate per hour for ${missing.map((b) => b.label).join(", ")}`
        : `Rates name an unknown band: ${unknown.map((r) => r.code).join(", ")}`;
    throw invalidField("body.rates", message);
  }
  const entered = {
    academicYear: year.academicYear,
    initialCapHours: year.initialCapHours,
    refresherCapHours: year.refresherCapHours,
    rates: year.rates.map((r) => ({ code: r.code, pencePerHour: Math.round(r.poundsPerHour * 100) })),
  };
  const definition = parseProgramme({
    ...current.definition,
    version: current.definition.version + 1,
    funding: {
      ...current.definition.funding,
      years: [...current.definition.funding.years.filter((y) => y.academicYear !== year.academicYear), entered],
    },
  });
  const programme = await storeProgrammeVersion({ tenantId: actor.tenantId, definition, loadedBy: actor.userId });
  await assignProgramme({ tenantId: actor.tenantId, contextId: actor.contextId, programme, assignedBy: actor.userId });
}
