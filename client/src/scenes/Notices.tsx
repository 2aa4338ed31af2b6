import { useState } from "react";
import { panelApi } from "../api/panelApi";
import { useQuery } from "../api/useQuery";
import { Button } from "../components/Button";
import { ErrorMessage } from "../components/ErrorMessage";
import { hrefFor } from "../router";
import { shortDate } from "./useAction";

/**
 * A mentor's notices on their home page ("what's new"): comments on their evidence, outcomes the
 * programme lead released, certificates revoked; new ones say so and can be marked read. Shows
 * nothing while loading and nothing when there is nothing to tell.
 */
export function Notices() {
  const notices = useQuery((signal) => panelApi.notices(signal), []);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  if (notices.status === "error") return <ErrorMessage error={notices.error} onRetry={notices.reload} />;
  if (notices.status !== "ready" || notices.data.notices.length === 0) return null;

  const markRead = async (id: string) => {
    setBusy(id);
    setError(null);
    try {
      await panelApi.markNoticeRead(id);
      notices.refresh();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  const { unread } = notices.data;
  return (
    <section aria-labelledby="notices" className="notices">
      <h2 id="notices">News for you</h2>
      <p aria-live="polite">{unread === 0 ? "Nothing new." : `${unread} new.`}</p>
      {error !== null && <ErrorMessage error={error} />}
      <ul>
        {notices.data.notices.map((n) => (
          <li key={n.id}>
            <strong>{n.link ? <a href={hrefFor(n.link)}>{n.title}</a> : n.title}</strong> ({shortDate(n.createdAt)}){n.readAt === null && " — new"}
            <p>{n.body}</p>
            {n.readAt === null && (
              <Button variant="secondary" isBusy={busy === n.id} busyLabel="Marking…" onClick={() => void markRead(n.id)} aria-label={`Mark as read: ${n.title}`}>
                Mark as read
              </Button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}
