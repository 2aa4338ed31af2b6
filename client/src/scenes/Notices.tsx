import { panelApi } from "../api/panelApi";
import { useQuery } from "../api/useQuery";
import { ErrorMessage } from "../components/ErrorMessage";
import { hrefFor } from "../router";
import { shortDate } from "./useAction";

/**
 * A mentor's notices on their home page: outcomes the programme lead released, certificates
 * revoked. Shows nothing while loading and nothing when there is nothing to tell.
 */
export function Notices() {
  const notices = useQuery((signal) => panelApi.notices(signal), []);
  if (notices.status === "error") return <ErrorMessage error={notices.error} onRetry={notices.reload} />;
  if (notices.status !== "ready" || notices.data.notices.length === 0) return null;
  return (
    <section aria-labelledby="notices" className="notices">
      <h2 id="notices">News for you</h2>
      <ul>
        {notices.data.notices.map((n) => (
          <li key={n.id}>
            <strong>{n.link ? <a href={hrefFor(n.link)}>{n.title}</a> : n.title}</strong> ({shortDate(n.createdAt)})
            <p>{n.body}</p>
          </li>
        ))}
      </ul>
    </section>
  );
}
