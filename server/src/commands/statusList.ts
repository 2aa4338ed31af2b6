import { StatusListCounter, StatusListSlot } from "../models/statusListSlot";
import { STATUS_LIST_LENGTH, statusListId } from "../queries/statusList";

/** Gives a newly issued certificate its position in the platform's status list (once; a repeat keeps the first). */
export async function allocateStatusListSlot(cert: { _id: unknown; tenantId: string }): Promise<number> {
  const existing = await StatusListSlot.findById(String(cert._id)).lean();
  if (existing) return existing.index;
  const counter = await StatusListCounter.findOneAndUpdate(
    { _id: cert.tenantId },
    { $inc: { next: 1 } },
    { upsert: true, new: true },
  ).lean();
  const index = (counter!.next - 1) % STATUS_LIST_LENGTH;
  await StatusListSlot.updateOne(
    { _id: String(cert._id) },
    { $setOnInsert: { tenantId: cert.tenantId, listId: statusListId(cert.tenantId), index } },
    { upsert: true },
  );
  return (await StatusListSlot.findById(String(cert._id)).lean())!.index;
}
