import { figuresOfMentor, portfolioFigures, type MentorData } from "./dashboardFigures";
import { reviewersRequired } from "../programme/moderation";
import { statusesOf } from "./portfolioReads";
import { groupBy } from "../groupBy";
import { Certificate } from "../models/certificate";
import { CreditLedgerEntry } from "../models/creditLedgerEntry";
import { Portfolio } from "../models/portfolio";
import { PortfolioVersion, type PortfolioVersionDoc } from "../models/portfolioVersion";
import { TrainingHoursEntry } from "../models/trainingHoursEntry";
import type { TProgramme } from "../programme/schema";

type Scope = { tenantId: string; contextId: string };

/**
 * What each mentor adds to the lead's dashboard figures, worked out from the course's records
 * (one read per collection, grouped in memory) by the same `figuresOfMentor` the counters use, so
 * a list filtered by a figure names exactly the mentors counted in it. Reads only.
 */
export async function figuresOfCourse(props: {
  scope: Scope;
  definition: TProgramme;
  /** The course's mentors (the roster's, so each is counted as a mentor). */
  members: Array<{ userId: string; school?: string | null }>;
  records: Array<MentorData["records"][number] & { mentorUserId: string }>;
}): Promise<Map<string, Map<string, number>>> {
  const { scope, definition } = props;
  const [certificates, ledger, hours, portfolios, versions] = await Promise.all([
    Certificate.find(scope, { _id: 0, mentorUserId: 1, qualificationCode: 1, revokedAt: 1 }).lean<
      Array<MentorData["certificates"][number] & { mentorUserId: string }>
    >(),
    CreditLedgerEntry.find(scope, {
      _id: 0,
      mentorUserId: 1,
      credits: 1,
      provisionalDelta: 1,
      ratifiedDelta: 1,
      reversedDelta: 1,
    }).lean<Array<MentorData["ledger"][number] & { mentorUserId: string }>>(),
    TrainingHoursEntry.find(scope, { _id: 0, mentorUserId: 1, academicYear: 1, kind: 1, school: 1, hours: 1 }).lean<
      Array<MentorData["hours"][number] & { mentorUserId: string }>
    >(),
    Portfolio.find(scope, { _id: 1, mentorUserId: 1 }).lean<Array<{ _id: unknown; mentorUserId: string }>>(),
    PortfolioVersion.find(scope, { _id: 1, mentorUserId: 1, portfolioId: 1, roundId: 1, number: 1 }).lean<
      PortfolioVersionDoc[]
    >(),
  ]);
  const statuses = await statusesOf(scope, versions, reviewersRequired(definition));
  const by = <T extends { mentorUserId: string }>(items: T[]) => groupBy(items, (i) => i.mentorUserId);
  const [recordsOf, certificatesOf, ledgerOf, hoursOf, portfoliosOf, versionsOf] = [
    by(props.records),
    by(certificates),
    by(ledger),
    by(hours),
    by(portfolios),
    by(versions),
  ];
  return new Map(
    props.members.map((m) => {
      const data: MentorData = {
        member: { roles: ["mentor"], school: m.school ?? null },
        records: recordsOf.get(m.userId) ?? [],
        certificates: certificatesOf.get(m.userId) ?? [],
        ledger: ledgerOf.get(m.userId) ?? [],
        hours: hoursOf.get(m.userId) ?? [],
        ...portfolioFigures(portfoliosOf.get(m.userId) ?? [], versionsOf.get(m.userId) ?? [], statuses),
      };
      return [m.userId, figuresOfMentor(data, definition).figures];
    }),
  );
}
