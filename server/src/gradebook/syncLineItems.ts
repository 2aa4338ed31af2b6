import { LineItem } from "../models/lineItem";
import { programmeInForce } from "../queries/programmeInForce";
import { ensureLineItem } from "./lineItems";
import { lineItemSpecs, type LineItemSpec } from "./lineItemSpecs";
import { lineItemsUrlOf, serviceForTenant, type GradebookPorts } from "./platformService";

/** Every column the course's programme asks for, and whether it is in the LMS yet. */
export async function listCourseLineItems(
  tenantId: string,
  contextId: string,
): Promise<Array<LineItemSpec & { isInLms: boolean }>> {
  const { definition } = await programmeInForce(tenantId, contextId);
  const known = new Set(
    (await LineItem.find({ tenantId, contextId }, { resourceId: 1 }).lean()).map((li) => li.resourceId),
  );
  return lineItemSpecs(definition).map((s) => ({ ...s, isInLms: known.has(s.resourceId) }));
}

/** Finds or makes every column the programme asks for, one after another (LMSs dislike bursts). */
export async function syncLineItems(
  ports: GradebookPorts,
  tenantId: string,
  contextId: string,
): Promise<Array<LineItemSpec & { isInLms: boolean }>> {
  const { definition } = await programmeInForce(tenantId, contextId);
  const svc = await serviceForTenant(ports, tenantId);
  const lineItemsUrl = await lineItemsUrlOf(tenantId, contextId);
  for (const spec of lineItemSpecs(definition)) await ensureLineItem(svc, { tenantId, contextId, lineItemsUrl }, spec);
  return listCourseLineItems(tenantId, contextId);
}
