import { conflict, invalidFields, isDuplicateKeyError, notFound } from "../errors";
import { AuditCompletion } from "../models/auditCompletion";
import { AuditRating } from "../models/auditRating";
import type { TAuditRatingsCreate } from "../contracts/audit";
import { currentRatings, stageBlockers } from "../programme/auditState";
import type { MentorScope } from "../programme/moduleWork";
import { loadAuditState } from "../queries/loadAuditState";
import { programmeInForce } from "../queries/programmeInForce";

/**
 * Records a mentor's confidence ratings. Every rating is checked against the programme (known
 * descriptor, value on the scale, a reason for any change) before anything is written, so a
 * bad request saves nothing; the ratings that changed are saved together in one document.
 * Unchanged ratings are not recorded again.
 */
export async function rateAudit(props: MentorScope & { ratings: TAuditRatingsCreate["ratings"] }): Promise<number> {
  const { ratings, ...scope } = props;
  const programme = await programmeInForce(scope.tenantId, scope.contextId);
  const standardOf = new Map(
    programme.definition.standards.flatMap((s) => s.descriptors.map((d) => [d.code, s.code] as const)),
  );
  const scale = programme.definition.audit.scale.map((p) => p.value);
  const current = currentRatings(await loadAuditState(scope));

  const problems: Array<{ field: string; message: string }> = [];
  const seen = new Set<string>();
  ratings.forEach((r, i) => {
    const at = `body.ratings.${i}`;
    if (!standardOf.has(r.descriptor))
      problems.push({ field: `${at}.descriptor`, message: `is not a descriptor of the standards` });
    if (seen.has(r.descriptor)) problems.push({ field: `${at}.descriptor`, message: "is rated twice" });
    seen.add(r.descriptor);
    if (!scale.includes(r.value))
      problems.push({ field: `${at}.value`, message: `must be one of ${scale.join(", ")}` });
    const before = current.get(r.descriptor);
    if (before !== undefined && before !== r.value && !r.reason)
      problems.push({ field: `${at}.reason`, message: "is required when you change a rating" });
  });
  if (problems.length > 0) throw invalidFields(problems);

  const ratedAt = new Date();
  const changed = ratings.filter((r) => current.get(r.descriptor) !== r.value);
  if (changed.length > 0) {
    // One save, one document: a crash keeps all of these ratings or none.
    await AuditRating.create({
      ...scope,
      versionId: programme.versionId,
      ratedAt,
      ratings: changed.map((r) => ({
        standardCode: standardOf.get(r.descriptor)!,
        descriptorCode: r.descriptor,
        value: r.value,
        reason: current.has(r.descriptor) ? r.reason : r.reason || null,
      })),
    });
  }
  return changed.length;
}

/**
 * Completes an audit stage, freezing the ratings as they stand so progress can be shown later.
 * Completing a stage twice is harmless: the unique index keeps the first.
 */
export async function completeAuditStage(props: MentorScope & { stage: string }): Promise<void> {
  const { stage, ...scope } = props;
  const programme = await programmeInForce(scope.tenantId, scope.contextId);
  if (!programme.definition.audit.stages.some((s) => s.code === stage)) throw notFound("That audit stage");
  const state = await loadAuditState(scope);
  if (state.completions.has(stage)) return;
  const blockers = stageBlockers(programme.definition, state, stage);
  if (blockers.length > 0) throw conflict(`This audit cannot be completed yet. ${blockers.join(" ")}`, { blockers });
  const ratings = [...state.ratingsByDescriptor.values()].map((list) => ({
    standardCode: list[0].standardCode,
    descriptorCode: list[0].descriptorCode,
    value: list[0].value,
  }));
  try {
    await AuditCompletion.create({ ...scope, stage, versionId: programme.versionId, ratings, completedAt: new Date() });
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
  }
}
