import mongoose, { Schema } from "mongoose";

/**
 * The programme lead's dashboard figures for one course (`_id` JSON of [tenantId, contextId]) or
 * for one school of it ([tenantId, contextId, school]), kept current on every write with `$inc`
 * (commands/adjustDashboardCounters.ts), so reading the dashboard is one lookup by `_id` however
 * large the course is. `n` maps figure keys (commands/dashboardFigures.ts) to numbers.
 */
const dashboardCounterSchema = new Schema(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    school: { type: String, default: null },
    n: { type: Schema.Types.Mixed, default: {} },
    /** Course documents only: when the figures were last rebuilt from the data, and under which programme version. */
    countedAt: { type: Date, default: null },
    programmeVersionId: { type: String, default: null },
    /** When a figure last changed. */
    updatedAt: { type: Date, default: null },
  },
  { versionKey: false, minimize: false },
);
dashboardCounterSchema.index({ tenantId: 1, contextId: 1 });

export interface DashboardCounterDoc {
  _id: string;
  tenantId: string;
  contextId: string;
  school: string | null;
  n: Record<string, number>;
  countedAt: Date | null;
  programmeVersionId: string | null;
  updatedAt: Date | null;
}
export const DashboardCounter = mongoose.model("DashboardCounter", dashboardCounterSchema);

/**
 * What one mentor currently adds to their course's figures (`_id` JSON of [tenantId, contextId,
 * mentorUserId]), so a write is applied as the difference between what the mentor added before
 * and what they add now. `requested`/`applied` order concurrent refreshes of the same mentor:
 * only a refresh that asked later than the one last applied may replace the figures.
 */
const mentorFiguresSchema = new Schema(
  {
    _id: { type: String, required: true },
    tenantId: { type: String, required: true },
    contextId: { type: String, required: true },
    /** The school bucket the figures were added to (a roster mentor's school), or null. */
    school: { type: String, default: null },
    /** { k: figure key, v: value } (keys hold user data such as school names, so not field names). */
    figures: { type: [Schema.Types.Mixed], default: [] },
    requested: { type: Number, default: 0 },
    applied: { type: Number, default: 0 },
  },
  { versionKey: false, minimize: false },
);
mentorFiguresSchema.index({ tenantId: 1, contextId: 1 });

export interface MentorFiguresDoc {
  _id: string;
  tenantId: string;
  contextId: string;
  school: string | null;
  figures: Array<{ k: string; v: number }>;
  requested: number;
  applied: number;
}
export const MentorFigures = mongoose.model("MentorFigures", mentorFiguresSchema);

type Scope = { tenantId: string; contextId: string };

// The counters' ids: one per course, one per school of a course, one per mentor's figures.
export const courseCounterKey = (scope: Scope) => JSON.stringify([scope.tenantId, scope.contextId]);
export const schoolCounterKey = (scope: Scope, school: string) =>
  JSON.stringify([scope.tenantId, scope.contextId, school]);
export const mentorFiguresKey = (scope: Scope, mentorUserId: string) =>
  JSON.stringify([scope.tenantId, scope.contextId, mentorUserId]);

/** Figures as stored with the mentor (the engine keeps no arrays inside arrays). */
export const asStored = (figures: Map<string, number>) => [...figures].map(([k, v]) => ({ k, v }));
