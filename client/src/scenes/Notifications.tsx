import { useRef, useState } from "react";
import { noticesApi } from "../api/noticesApi";
import { useQuery } from "../api/useQuery";
import { Button } from "../components/Button";
import { ErrorMessage } from "../components/ErrorMessage";
import { Loading } from "../components/Loading";
import { Page } from "../components/Page";
import { NoticeItem } from "./Notices";
import { useLoaded } from "./useAction";

/** How many of the newest notices the page lists. */
const PAGE_LIMIT = 50;

/**
 * Everything the tool has told the person, newest first: new ones are marked and can be marked
 * read one by one (focus stays on that notice's title) or all at once (focus moves to the
 * sentence saying how many were marked).
 */
export function Notifications() {
  const query = useQuery((signal) => noticesApi.list({ limit: PAGE_LIMIT }, signal), []);
  const [data, setData] = useLoaded(query);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [said, setSaid] = useState("");
  const status = useRef<HTMLParagraphElement>(null);
  const titles = useRef(new Map<string, HTMLHeadingElement>());

  const intro =
    "Marks, comments, panel outcomes, certificates and training hours: what has happened to your work. New ones are marked until you mark them read.";
  if (query.status === "error")
    return (
      <Page title="Notifications" intro={intro}>
        <ErrorMessage error={query.error} onRetry={query.reload} />
      </Page>
    );
  if (!data)
    return (
      <Page title="Notifications" intro={intro}>
        <Loading />
      </Page>
    );

  const markRead = async (id: string) => {
    setBusy(id);
    setError(null);
    setSaid("");
    try {
      const read = await noticesApi.markRead(id);
      setData({ notices: data.notices.map((n) => (n.id === id ? read : n)), unread: Math.max(0, data.unread - 1) });
      // Its button is gone: keep the reader at the notice they were on.
      requestAnimationFrame(() => titles.current.get(id)?.focus());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const markAllRead = async () => {
    setBusy("all");
    setError(null);
    setSaid("");
    try {
      const { marked } = await noticesApi.markAllRead();
      const now = new Date().toISOString();
      setData({ notices: data.notices.map((n) => (n.readAt ? n : { ...n, readAt: now })), unread: 0 });
      setSaid(`Marked ${marked} notification${marked === 1 ? "" : "s"} as read.`);
      requestAnimationFrame(() => status.current?.focus());
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const { unread, notices } = data;
  return (
    <Page title="Notifications" intro={intro}>
      <p role="status" aria-live="polite" tabIndex={-1} ref={status}>
        {said && `${said} `}
        {unread === 0 ? "Nothing new." : `${unread} new.`}
      </p>
      {error !== null && <ErrorMessage error={error} />}
      {unread > 0 && (
        <p>
          <Button variant="secondary" isBusy={busy === "all"} busyLabel="Marking…" onClick={() => void markAllRead()}>
            Mark all as read
          </Button>
        </p>
      )}
      {notices.length === 0 ? (
        <p>
          Nothing yet. When a module is marked, someone comments on your evidence, a panel outcome is released, a
          certificate is issued or your training hours pass the funded cap, it appears here.
        </p>
      ) : (
        <ul className="notice-list">
          {notices.map((n) => (
            <li key={n.id}>
              <NoticeItem
                notice={n}
                headingLevel={2}
                isBusy={busy === n.id}
                onMarkRead={(notice) => void markRead(notice.id)}
                titleRef={(el) => (el ? titles.current.set(n.id, el) : titles.current.delete(n.id))}
              />
            </li>
          ))}
        </ul>
      )}
      {notices.length === PAGE_LIMIT && <p>These are the newest {PAGE_LIMIT}.</p>}
    </Page>
  );
}
