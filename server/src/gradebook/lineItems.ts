import type { PlatformService } from "../lti/accessToken";
import { createLineItem, deleteLineItem, listLineItems, type AgsLineItem } from "../lti/ags";
import { LineItem } from "../models/lineItem";
import { isDuplicateKeyError } from "../errors";
import { LINE_ITEM_TAG, type LineItemSpec } from "./lineItemSpecs";

/** Where a column lives, once known. */
export interface KnownLineItem {
  resourceId: string;
  url: string;
  label: string;
  scoreMaximum: number;
  /** True when this call made the column at the LMS. */
  created: boolean;
}

/**
 * The platform line item for a spec in a course: from our cache, else found at the LMS by
 * resource_id (columns made by deep linking or an earlier install), else created. Two
 * processes racing both create at the LMS; the unique index keeps the first and the loser
 * deletes its own copy.
 */
export async function ensureLineItem(
  svc: PlatformService,
  scope: { tenantId: string; contextId: string; lineItemsUrl: string },
  spec: LineItemSpec,
): Promise<KnownLineItem> {
  const key = { tenantId: scope.tenantId, contextId: scope.contextId, resourceId: spec.resourceId };
  const cached = await LineItem.findOne(key).lean();
  if (cached) return { resourceId: spec.resourceId, url: cached.url, label: cached.label, scoreMaximum: cached.scoreMaximum, created: false };

  const found = await listLineItems(svc, scope.lineItemsUrl, { resourceId: spec.resourceId });
  // Platforms that ignore the filter return everything; match locally too. Oldest first wins.
  const ours = found.filter((li) => li.resourceId === spec.resourceId);
  let item: AgsLineItem;
  let created = false;
  if (ours.length > 0) {
    item = ours[0];
  } else {
    item = await createLineItem(svc, scope.lineItemsUrl, {
      label: spec.label,
      scoreMaximum: spec.scoreMaximum,
      resourceId: spec.resourceId,
      tag: LINE_ITEM_TAG,
    });
    created = true;
  }

  try {
    await LineItem.create({ ...key, url: item.id, label: item.label ?? spec.label, scoreMaximum: item.scoreMaximum ?? spec.scoreMaximum });
    return { resourceId: spec.resourceId, url: item.id, label: item.label ?? spec.label, scoreMaximum: item.scoreMaximum ?? spec.scoreMaximum, created };
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
  }
  // Another process recorded a column first; ours (if we made one) is a duplicate.
  const winner = await LineItem.findOne(key).lean();
  if (!winner) throw new Error(`Line item ${spec.resourceId} vanished after a duplicate-key error`);
  if (created && item.id !== winner.url) {
    await deleteLineItem(svc, item.id).catch((err) => console.warn(`[gradebook] could not delete duplicate column ${item.id}:`, err));
  }
  return { resourceId: spec.resourceId, url: winner.url, label: winner.label, scoreMaximum: winner.scoreMaximum, created: false };
}

/** Drops a cached column the LMS no longer has (deleted by a teacher), so it is found or made again. */
export async function forgetLineItem(scope: { tenantId: string; contextId: string }, resourceId: string): Promise<void> {
  await LineItem.deleteOne({ tenantId: scope.tenantId, contextId: scope.contextId, resourceId });
}
