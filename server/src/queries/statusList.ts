import crypto from "node:crypto";
import { createCredential, createList } from "@digitalbazaar/vc-bitstring-status-list";
import { Certificate } from "../models/certificate";
import { StatusListSlot } from "../models/statusListSlot";

/** 131,072 bits: the W3C Bitstring Status List's minimum of 16 KB, so a holder hides in the crowd. */
export const STATUS_LIST_LENGTH = 131_072;

/** A platform's status list id: a hash, so the platform's internal id is not published. */
export const statusListId = (tenantId: string) =>
  crypto.createHash("sha256").update(`status-list|${tenantId}`).digest("hex").slice(0, 24);

/** The public address of a status list credential. */
export const statusListUrl = (publicUrl: string, listId: string) =>
  `${publicUrl}/api/public/status/${listId}/revocation`;

/** A certificate's place in its status list, or null for one issued before status lists existed. */
export async function statusListEntryOf(certificateId: unknown): Promise<{ listId: string; index: number } | null> {
  const slot = await StatusListSlot.findById(String(certificateId)).lean();
  return slot ? { listId: slot.listId, index: slot.index } : null;
}

/**
 * The platform's BitstringStatusListCredential (statusPurpose "revocation"), built with Digital
 * Bazaar's maintained library: bit i set means the certificate at position i is revoked.
 */
export async function revocationStatusList(p: { listId: string; publicUrl: string }) {
  const list = await createList({ length: STATUS_LIST_LENGTH });
  const slots = await StatusListSlot.find({ listId: p.listId }).lean();
  if (slots.length === 0) return null;
  const revoked = new Set(
    (await Certificate.find({ tenantId: slots[0].tenantId, revokedAt: { $ne: null } }, { _id: 1 }).lean()).map((c) =>
      c._id.toString(),
    ),
  );
  for (const slot of slots) if (revoked.has(slot._id)) list.setStatus(slot.index, true);
  const credential = await createCredential({
    id: statusListUrl(p.publicUrl, p.listId),
    list,
    statusPurpose: "revocation",
  });
  return { ...credential, validFrom: new Date().toISOString() };
}
