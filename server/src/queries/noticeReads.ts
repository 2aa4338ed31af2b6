import { Notice, type NoticeDoc } from "../models/notice";

/** Whose notices: one person's in one course. */
export interface NoticeOwner {
  tenantId: string;
  contextId: string;
  mentorUserId: string;
}

/** The person's newest notices (only unread ones if asked), and how many are unread in all. */
export async function ownNotices(
  owner: NoticeOwner,
  options: { limit: number; onlyUnread: boolean },
): Promise<{ notices: NoticeDoc[]; unread: number }> {
  const [notices, unread] = await Promise.all([
    Notice.find(options.onlyUnread ? { ...owner, readAt: null } : owner)
      .sort({ createdAt: -1, _id: -1 })
      .limit(options.limit)
      .lean<NoticeDoc[]>(),
    Notice.countDocuments({ ...owner, readAt: null }),
  ]);
  return { notices, unread };
}

/** One of the person's notices, or null (anyone else's is not found). */
export function ownNotice(owner: NoticeOwner, noticeId: string): Promise<NoticeDoc | null> {
  return Notice.findOne({ ...owner, _id: noticeId }).lean<NoticeDoc>();
}
