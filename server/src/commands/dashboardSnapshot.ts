import type { TDashboard, TDashboardFigures, TDashboardQuery } from "../contracts/dashboard";
import { upsertOne } from "../db/upsert";
import { prepareJson, type PreparedJson } from "../http/preparedJson";
import { DashboardSnapshot, type DashboardSnapshotDoc } from "../models/dashboardSnapshot";
import { cohortDashboard } from "./cohortDashboard";
import { courseChangeKey, readChangeMarkers } from "./courseChanged";

type Scope = { tenantId: string; contextId: string };

/** A snapshot with no recorded change is still recomputed after this long (a change not marked). */
export const SNAPSHOT_MAX_AGE_MS = 10 * 60_000;
/** A stale snapshot that took longer than this to compute is served while it is recomputed. */
const SERVE_STALE_WHEN_SLOWER_THAN_MS = 1_000;

// One computation per snapshot at a time in this process; concurrent readers share it.
const inFlight = new Map<string, Promise<DashboardSnapshotDoc>>();
// The snapshots this process last read or made, so a fresh one costs one small lookup (the
// course's change time) rather than decoding the whole snapshot again. Bounded, oldest out.
const recent = new Map<string, DashboardSnapshotDoc>();
const RECENT_MAX = 100;
function remember(snap: DashboardSnapshotDoc): DashboardSnapshotDoc {
  recent.delete(snap._id);
  recent.set(snap._id, snap);
  if (recent.size > RECENT_MAX) recent.delete(recent.keys().next().value!);
  return snap;
}
// The answer for a current snapshot, serialised once: the dashboard is read far more often than
// it changes, and building and stringifying it per request was most of a served read's work.
const servedJson = new WeakMap<DashboardSnapshotDoc, PreparedJson>();

/**
 * The dashboard for a course and filter, as its prepared JSON response. Counting a large course
 * takes seconds (every record is read), so the result is kept as a snapshot and reused until the
 * course changes: a read is then one lookup by `_id` (the course's change time), two when
 * another process made the snapshot. When a stale snapshot was slow to make, the reader gets it
 * at once (marked as refreshing, with its time) and the new one is computed in the background;
 * a small course is simply recomputed. `fresh` forces a recomputation now.
 */
export async function dashboardFor(scope: Scope, q: TDashboardQuery, opts: { fresh?: boolean } = {}): Promise<PreparedJson> {
  const key = JSON.stringify([scope.tenantId, scope.contextId, q.school ?? null, q.academicYear ?? null]);
  if (!opts.fresh) {
    const course = courseChangeKey(scope);
    const change = (await readChangeMarkers([course])).get(course);
    const isStale = (s: DashboardSnapshotDoc) => (change && change.changedAt >= s.computedAt) || Date.now() - s.computedAt.getTime() > SNAPSHOT_MAX_AGE_MS;
    const known = recent.get(key);
    if (known && !isStale(known)) return view(known, false);
    const stored = await DashboardSnapshot.findById(key).lean<DashboardSnapshotDoc>();
    const snap = stored && (!known || stored.computedAt > known.computedAt) ? remember(stored) : known;
    if (snap) {
      if (!isStale(snap)) return view(snap, false);
      if (snap.computeMs > SERVE_STALE_WHEN_SLOWER_THAN_MS) {
        compute(key, scope, q).catch((err) => console.error("[dashboard] background refresh failed:", err));
        return view(snap, true);
      }
    }
  }
  return view(await compute(key, scope, q), false);
}

function compute(key: string, scope: Scope, q: TDashboardQuery): Promise<DashboardSnapshotDoc> {
  const running = inFlight.get(key);
  if (running) return running;
  const job = (async () => {
    const computedAt = new Date();
    const data = await cohortDashboard(scope, q);
    const snap = { _id: key, ...scope, data, computedAt, computeMs: Date.now() - computedAt.getTime() };
    await upsertOne(DashboardSnapshot, { _id: key }, { $set: snap });
    return remember(snap);
  })().finally(() => inFlight.delete(key));
  inFlight.set(key, job);
  return job;
}

/** The response (JSON of a TDashboard). */
function view(snap: DashboardSnapshotDoc, isRefreshing: boolean): PreparedJson {
  const known = isRefreshing ? undefined : servedJson.get(snap);
  if (known) return known;
  const body: TDashboard = { ...(snap.data as TDashboardFigures), asOf: snap.computedAt.toISOString(), isRefreshing };
  const answer = prepareJson(JSON.stringify(body));
  if (!isRefreshing) servedJson.set(snap, answer);
  return answer;
}
