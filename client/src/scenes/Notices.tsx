import { useRef, useState } from "react";
import type { z } from "zod";
import type { ZNotice } from "@contracts/notices";
import { noticesApi } from "../api/noticesApi";
import { useQuery } from "../api/useQuery";
import { Button } from "../components/Button";
import { ErrorMessage } from "../components/ErrorMessage";
import { hrefFor } from "../router";
import { shortDate, useLoaded } from "./useAction";

type TNotice = z.infer<typeof ZNotice>;

/** How many unread notices the home page shows; the rest are on the notifications page. */
const HOME_LIMIT = 5;

/** One notice: its title (a link to what it is about), date, whether it is new, and what it says. */
export function NoticeItem({
  notice,
  headingLevel,
  isBusy,
  onMarkRead,
  titleRef,
}: {
  notice: TNotice;
  headingLevel: 2 | 3;
  isBusy: boolean;
  onMarkRead: (notice: TNotice) => void;
  titleRef?: (el: HTMLHeadingElement | null) => void;
}) {
  const H = headingLevel === 2 ? "h2" : "h3";
  const isNew = notice.readAt === null;
  return (
    <article className={isNew ? "notice notice--new" : "notice"} aria-labelledby={`notice-${notice.id}`}>
      <H id={`notice-${notice.id}`} className="notice__title" tabIndex={-1} ref={titleRef}>
        {notice.link ? <a href={hrefFor(notice.link)}>{notice.title}</a> : notice.title}
      </H>
      <p className="notice__meta">
        {shortDate(notice.createdAt)}
        {isNew && (
          <>
            {" "}
            <span className="badge">New</span>
          </>
        )}
      </p>
      <p className="notice__body">{notice.body}</p>
      {isNew && (
        <Button
          variant="secondary"
          isBusy={isBusy}
          busyLabel="Marking…"
          onClick={() => onMarkRead(notice)}
          aria-label={`Mark as read: ${notice.title}`}
        >
          Mark as read
        </Button>
      )}
    </article>
  );
}

/**
 * The home page's "what's new": the newest few unread notices (a mark or return, a comment or a
 * reply, an outcome released, a certificate, hours over the cap), each with "Mark as read", and
 * the way to all notifications. Marking one read takes it off and moves focus to the next one
 * (or to the heading when none is left). `isQuietWhenEmpty` shows nothing when nothing is new
 * (for staff, whose homes have other work first).
 */
export function Notices({ isQuietWhenEmpty = false }: { isQuietWhenEmpty?: boolean }) {
  const query = useQuery((signal) => noticesApi.list({ limit: HOME_LIMIT, only: "unread" }, signal), []);
  const [data, setData] = useLoaded(query);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const heading = useRef<HTMLHeadingElement>(null);
  const titles = useRef(new Map<string, HTMLHeadingElement>());
  if (query.status === "error") return <ErrorMessage error={query.error} onRetry={query.reload} />;
  if (!data) return null;
  // Quiet only when it loaded with nothing new: one marked read here stays in view with its answer.
  if (isQuietWhenEmpty && query.status === "ready" && query.data.unread === 0) return null;

  const markRead = async (notice: TNotice) => {
    setBusy(notice.id);
    setError(null);
    try {
      await noticesApi.markRead(notice.id);
      const left = data.notices.filter((n) => n.id !== notice.id);
      const next =
        left[
          Math.min(
            data.notices.findIndex((n) => n.id === notice.id),
            left.length - 1,
          )
        ];
      setData({ notices: left, unread: Math.max(0, data.unread - 1) });
      // After React has drawn the shorter list: the next notice's title, else the heading.
      requestAnimationFrame(() => (next ? titles.current.get(next.id) : heading.current)?.focus());
      // Fetch quietly in case an older unread notice now fits in the few shown.
      if (data.unread > data.notices.length) query.refresh();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const { unread } = data;
  return (
    <section aria-labelledby="notices" className="notices">
      <h2 id="notices" tabIndex={-1} ref={heading}>
        News for you
      </h2>
      <p role="status" aria-live="polite">
        {unread === 0 ? "Nothing new." : `${unread} new.`}
      </p>
      {error !== null && <ErrorMessage error={error} />}
      {data.notices.length > 0 && (
        <ul className="notice-list">
          {data.notices.map((n) => (
            <li key={n.id}>
              <NoticeItem
                notice={n}
                headingLevel={3}
                isBusy={busy === n.id}
                onMarkRead={(notice) => void markRead(notice)}
                titleRef={(el) => (el ? titles.current.set(n.id, el) : titles.current.delete(n.id))}
              />
            </li>
          ))}
        </ul>
      )}
      <p>
        <a href={hrefFor("/notifications")}>All notifications</a>
      </p>
    </section>
  );
}
