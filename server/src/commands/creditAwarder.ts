import mongoose from "mongoose";
import { isDuplicateKeyError } from "../errors";
import { Certificate } from "../models/certificate";
import { CreditLedgerEntry } from "../models/creditLedgerEntry";
import { Member } from "../models/member";
import { PortfolioVersion } from "../models/portfolioVersion";
import { completedModules, programmeInForce } from "../queries/programmeInForce";
import type { TProgramme } from "../programme/schema";
import { refreshMentorFigures } from "./adjustDashboardCounters";

/** What awardCreditsIfEligible found: an award (new or already held), or what is still missing. */
export interface CreditAwardOutcome {
  awarded: boolean;
  awardId?: string;
  /** True only for the one call that wrote the award. */
  created?: boolean;
  /** Conditions not yet met, e.g. ["module:M4", "qualification:MASTERY"]. */
  missing?: string[];
}

/** The ledger key that allows one award per mentor, qualification and programme version. */
export function awardKey(p: {
  tenantId: string;
  mentorUserId: string;
  qualificationCode: string;
  programmeVersionId: string;
}): string {
  return ["award", p.tenantId, p.mentorUserId, p.qualificationCode, p.programmeVersionId]
    .map(encodeURIComponent)
    .join("|");
}

/**
 * Checks the programme's credit rule for a mentor and, when it is met, writes a provisional
 * credit award to the ledger. Safe to call any number of times, concurrently: the ledger's
 * unique key lets exactly one insert through and the others read the award it wrote.
 */
export async function awardCreditsIfEligible({
  reopenIfReversedBefore,
  ...p
}: {
  tenantId: string;
  contextId: string;
  mentorUserId: string;
  /** A mark corrected after a reversal reopens the award (see nextAwardKey). */
  reopenIfReversedBefore?: Date;
}): Promise<CreditAwardOutcome> {
  const programme = await programmeInForce(p.tenantId, p.contextId);
  const rule = programme.definition.creditRule;
  const key = await nextAwardKey(
    p,
    awardKey({ ...p, qualificationCode: rule.requiredQualification, programmeVersionId: programme.versionId }),
    reopenIfReversedBefore,
  );
  if (typeof key !== "string") return key;

  const done = new Set(await completedModules(p.tenantId, p.contextId, p.mentorUserId));
  const held = await Certificate.find(
    {
      tenantId: p.tenantId,
      contextId: p.contextId,
      mentorUserId: p.mentorUserId,
      qualificationCode: rule.requiredQualification,
      revokedAt: null,
    },
    { versionId: 1, versionNumber: 1, approvedAt: 1, verificationCode: 1, mentorName: 1, route: 1, credits: 1 },
  )
    .sort({ approvedAt: 1 })
    .lean();
  // A certificate through the prior-learning route counts only where the route earns credit
  // (issueCertificate decided that and gave it credits); then the modules it waived count as done.
  const certificate = held.find((c) => c.route !== "prior_learning" || c.credits !== null);
  const waived = certificate?.route === "prior_learning" ? await waivedModulesOf(certificate.versionId) : [];
  const missing = rule.requiredModules
    .filter((code) => !done.has(code) && !waived.includes(code))
    .map((code) => `module:${code}`);
  if (!certificate) missing.push(`qualification:${rule.requiredQualification}`);
  if (missing.length > 0 || !certificate) return { awarded: false, missing };

  const member = await Member.findOne(
    { tenantId: p.tenantId, contextId: p.contextId, userId: p.mentorUserId },
    { name: 1 },
  ).lean();
  // The rule's modules this award counts as waived rather than passed.
  const waivedHere = rule.requiredModules.filter((code) => !done.has(code) && waived.includes(code));
  const awardId = new mongoose.Types.ObjectId();
  const evidence = [
    ...rule.requiredModules.map((code) =>
      !waivedHere.includes(code)
        ? { condition: `module:${code}`, description: `Module ${code} complete`, reference: null, at: null }
        : {
            condition: `module:${code}`,
            description: `Module ${code} waived through the prior-learning route`,
            reference: `certificate:${certificate.verificationCode}`,
            at: null,
          },
    ),
    {
      condition: `qualification:${rule.requiredQualification}`,
      description:
        certificate.route === "prior_learning"
          ? `Portfolio version ${certificate.versionNumber} approved by the panel through the prior-learning route`
          : `Portfolio version ${certificate.versionNumber} approved by the panel`,
      reference: `certificate:${certificate.verificationCode}`,
      at: certificate.approvedAt,
    },
  ];
  try {
    await CreditLedgerEntry.create({
      _id: awardId,
      key,
      tenantId: p.tenantId,
      contextId: p.contextId,
      kind: "award",
      awardId,
      seq: 0,
      mentorUserId: p.mentorUserId,
      mentorName: member?.name ?? certificate.mentorName,
      ...awardRuleFields(programme),
      evidence,
      ...(waivedHere.length > 0 ? { waivedModules: waivedHere } : {}),
      recordedBy: "system",
      recordedAt: new Date(),
      provisionalDelta: 1,
      ratifiedDelta: 0,
      reversedDelta: 0,
    });
    await refreshMentorFigures({ course: p, mentorUserId: p.mentorUserId, programme: programme.definition });
    return { awarded: true, awardId: awardId.toString(), created: true };
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    const winner = await CreditLedgerEntry.findOne({ key }, { _id: 1 }).lean();
    return { awarded: true, awardId: winner?._id.toString(), created: false };
  }
}

/**
 * The key the next award may take, or the award the mentor already holds. Awards for one rule
 * form a chain: the first has the rule's key, a later one `key|n`. A held award stands, even when
 * reversed, so a reversal is final; except that a mark corrected after the reversal (the caller
 * passes when) reopens it: that deliberate, recorded decision may earn the credit again, as a new
 * provisional award the exam board ratifies afresh. Two callers racing for the same next key
 * meet at the unique index, so still one award is written.
 */
async function nextAwardKey(
  scope: { tenantId: string; contextId: string },
  base: string,
  reopenIfReversedBefore: Date | undefined,
): Promise<string | CreditAwardOutcome> {
  // Exact keys rather than a pattern, so the unique index answers on any engine; 20 links is far
  // beyond any real chain of corrections.
  const chain = await CreditLedgerEntry.find(
    { key: { $in: [base, ...Array.from({ length: 19 }, (_, i) => `${base}|${i + 2}`)] } },
    { _id: 1, key: 1 },
  ).lean();
  if (chain.length === 0) return base;
  const latest = chain.reduce((a, b) => (chainPosition(b.key, base) > chainPosition(a.key, base) ? b : a));
  const held: CreditAwardOutcome = { awarded: true, awardId: latest._id.toString(), created: false };
  if (!reopenIfReversedBefore) return held;
  const reversal = await CreditLedgerEntry.findOne(
    { tenantId: scope.tenantId, contextId: scope.contextId, awardId: latest._id, kind: "reversal" },
    { recordedAt: 1 },
  ).lean();
  if (!reversal || reversal.recordedAt >= reopenIfReversedBefore) return held;
  return `${base}|${chainPosition(latest.key, base) + 1}`;
}

const chainPosition = (key: string, base: string) => (key === base ? 1 : Number(key.slice(base.length + 1)));

/** The modules a prior-learning submission's route waived, as it stood when the mentor submitted. */
async function waivedModulesOf(versionId: string): Promise<string[]> {
  const version = mongoose.isValidObjectId(versionId)
    ? await PortfolioVersion.findById(versionId, { priorLearningRoute: 1 }).lean()
    : null;
  return [...(version?.priorLearningRoute?.waivesModules ?? [])];
}

/** What an award line records of the credit rule and the programme version it was made under. */
export function awardRuleFields(programme: {
  code: string;
  version: number;
  versionId: string;
  definition: TProgramme;
}) {
  const rule = programme.definition.creditRule;
  return {
    ruleCode: rule.code,
    transcriptCode: rule.transcriptCode,
    qualificationCode: rule.requiredQualification,
    programmeCode: programme.code,
    programmeVersion: programme.version,
    programmeVersionId: programme.versionId,
    credits: rule.credits,
    fheqLevel: rule.fheqLevel,
  };
}
