import { Notice, type NoticeKind } from "../models/notice";

/**
 * Tells a mentor something (a module marked or returned, a comment on their evidence, a
 * certificate issued, hours over the cap): one notice on their home page and notifications list.
 * `key` names the event, so telling twice (a retry, a sweep) leaves one notice. Returns whether
 * this call made it.
 */
export async function tellMentor(props: {
  tenantId: string;
  contextId: string;
  mentorUserId: string;
  key: string;
  kind: NoticeKind;
  title: string;
  body: string;
  link?: string | null;
  at?: Date;
}): Promise<boolean> {
  const { tenantId, contextId, key } = props;
  const result = await Notice.updateOne(
    { tenantId, contextId, key },
    { $setOnInsert: { mentorUserId: props.mentorUserId, kind: props.kind, title: props.title, body: props.body, link: props.link ?? null, createdAt: props.at ?? new Date(), readAt: null } },
    { upsert: true },
  );
  return result.upsertedCount > 0;
}
