import { SchoolRateBand } from "../models/schoolRateBand";

/** The band each school in the course is on now (latest setting wins). */
export async function schoolBands(tenantId: string, contextId: string): Promise<Map<string, string>> {
  const settings = await SchoolRateBand.find({ tenantId, contextId }).sort({ createdAt: 1, _id: 1 }).lean();
  return new Map(settings.map((s) => [s.school, s.band]));
}
