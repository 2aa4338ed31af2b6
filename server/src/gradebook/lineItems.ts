import type { AgsLineItem, PlatformServices } from "../lti/port";
import { LineItem } from "../models/lineItem";
import { internalError, isDuplicateKeyError } from "../errors";
import { LINE_ITEM_TAG, type LineItemSpec } from "./lineItemSpecs";
import { claimCellLease, releaseCellLease, type CellLease } from "./cellLease";

/** Where a column lives, once known. */
export interface KnownLineItem {
  resourceId: string;
  url: string;
  label: string;
  scoreMaximum: number;
  /** True when this call made the column at the LMS. */
  created: boolean;
}

/** Another process is finding or making this column; the caller should come back shortly. */
export class LineItemBusy extends Error {}

// Finding-or-making a column is a few LMS calls; a holder that dies frees it when its lease ends.
const CREATE_LEASE_MS = 60_000;
const BUSY_WAIT_MS = 250;
const BUSY_TRIES = 8;

const fromCache = (c: { resourceId: string; url: string; label: string; scoreMaximum: number }): KnownLineItem => ({
  resourceId: c.resourceId,
  url: c.url,
  label: c.label,
  scoreMaximum: c.scoreMaximum,
  created: false,
});

type Scope = { tenantId: string; contextId: string; lineItemsUrl: string };

/**
 * The platform line item for a spec in a course: from our cache, else found at the LMS by
 * resource_id (columns made by deep linking, an earlier install or an attempt that timed out
 * after the LMS made the column), else created. One process at a time finds-or-makes a given
 * column (a lease), because a duplicate column is visible to tutors and deleting it again can
 * fail while the LMS is struggling. The unique cache index still settles any race that gets past
 * an expired lease: the first column recorded wins and the loser deletes its own copy.
 */
export async function ensureLineItem(svc: PlatformServices, scope: Scope, spec: LineItemSpec): Promise<KnownLineItem> {
  const key = { tenantId: scope.tenantId, contextId: scope.contextId, resourceId: spec.resourceId };
  for (let attempt = 0; ; attempt++) {
    const cached = await LineItem.findOne(key).lean();
    if (cached) return fromCache(cached);
    const lease = await claimCellLease(
      `lineitem|${scope.tenantId}|${scope.contextId}|${spec.resourceId}`,
      Date.now(),
      CREATE_LEASE_MS,
    );
    if (lease) return findOrMake(svc, scope, spec, key, lease);
    if (attempt + 1 >= BUSY_TRIES)
      throw new LineItemBusy(`The gradebook column for ${spec.resourceId} is being set up by another process`);
    await new Promise((r) => setTimeout(r, BUSY_WAIT_MS));
  }
}

async function findOrMake(
  svc: PlatformServices,
  scope: Scope,
  spec: LineItemSpec,
  key: { tenantId: string; contextId: string; resourceId: string },
  lease: CellLease,
): Promise<KnownLineItem> {
  try {
    const cached = await LineItem.findOne(key).lean();
    if (cached) return fromCache(cached);
    return await findOrMakeAtLms(svc, scope, spec, key);
  } finally {
    await releaseCellLease(lease).catch(() => undefined);
  }
}

async function findOrMakeAtLms(
  svc: PlatformServices,
  scope: Scope,
  spec: LineItemSpec,
  key: { tenantId: string; contextId: string; resourceId: string },
): Promise<KnownLineItem> {
  const found = await svc.lineItems.list(scope.lineItemsUrl, { resourceId: spec.resourceId });
  // Platforms that ignore the filter return everything; match locally too. Oldest first wins.
  const ours = found.filter((li) => li.resourceId === spec.resourceId);
  let item: AgsLineItem;
  let created = false;
  if (ours.length > 0) {
    item = ours[0];
  } else {
    item = await svc.lineItems.create(scope.lineItemsUrl, {
      label: spec.label,
      scoreMaximum: spec.scoreMaximum,
      resourceId: spec.resourceId,
      tag: LINE_ITEM_TAG,
    });
    created = true;
  }

  try {
    await LineItem.create({
      ...key,
      url: item.id,
      label: item.label ?? spec.label,
      scoreMaximum: item.scoreMaximum ?? spec.scoreMaximum,
    });
    return {
      resourceId: spec.resourceId,
      url: item.id,
      label: item.label ?? spec.label,
      scoreMaximum: item.scoreMaximum ?? spec.scoreMaximum,
      created,
    };
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
  }
  // Another process recorded a column first; ours (if we made one) is a duplicate.
  const winner = await LineItem.findOne(key).lean();
  if (!winner) throw internalError(`Line item ${spec.resourceId} vanished after a duplicate-key error`);
  if (created && item.id !== winner.url) {
    await svc.lineItems
      .delete(item.id)
      .catch((err) => console.warn(`[gradebook] could not delete duplicate column ${item.id}:`, err));
  }
  return fromCache(winner);
}

/** Drops a cached column the LMS no longer has (deleted by a teacher), so it is found or made again. */
export async function forgetLineItem(
  scope: { tenantId: string; contextId: string },
  resourceId: string,
): Promise<void> {
  await LineItem.deleteOne({ tenantId: scope.tenantId, contextId: scope.contextId, resourceId });
}
