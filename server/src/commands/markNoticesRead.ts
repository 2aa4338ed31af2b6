import { Notice } from "../models/notice";
import type { NoticeOwner } from "../queries/noticeReads";

/** Marks one of the person's notices read; read once, so a second press keeps the first time. */
export async function markNoticeRead(props: { owner: NoticeOwner; noticeId: string }): Promise<void> {
  await Notice.updateOne({ ...props.owner, _id: props.noticeId, readAt: null }, { $set: { readAt: new Date() } });
}

/** Marks all the person's unread notices read; resolves to how many were unread. */
export async function markAllNoticesRead(props: { owner: NoticeOwner }): Promise<number> {
  const result = await Notice.updateMany({ ...props.owner, readAt: null }, { $set: { readAt: new Date() } });
  return result.modifiedCount;
}
