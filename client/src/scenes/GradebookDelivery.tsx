import { useEffect, useState } from "react";
import type { TDeliveryStatus, TGradeDelivery, TGradebookResultsResponse } from "@contracts/gradebook";
import { gradebookApi } from "../api/gradebookApi";
import { useQuery } from "../api/useQuery";
import { Button } from "../components/Button";
import { Card } from "../components/Card";
import { ErrorMessage } from "../components/ErrorMessage";
import { Loading } from "../components/Loading";
import { Page } from "../components/Page";
import { Table } from "../components/Table";

const when = (iso: string | null) =>
  iso ? new Date(iso).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "short" }) : "";
// While marks wait to be sent the page looks again this often, so it never says "1 waiting" after
// the mark reached the gradebook; with none waiting it stops.
const POLL_WHILE_WAITING_MS = 3_000;
const statusText: Record<TDeliveryStatus, string> = {
  pending: "Waiting to send",
  delivered: "In the gradebook",
  failed: "Failed",
  superseded: "Replaced by a newer mark",
};

/** Tutors and leads: where each mark is on its way to the VLE gradebook, and what the VLE shows. */
export function GradebookDelivery() {
  const [status, setStatus] = useState<TDeliveryStatus | "">("");
  const list = useQuery((signal) => gradebookApi.deliveries(status || undefined, signal), [status]);
  const [retryError, setRetryError] = useState<unknown>(null);
  const [busy, setBusy] = useState<string | null>(null);
  const waiting = list.status === "ready" ? (list.data.counts.pending ?? 0) : 0;
  const answer = list.status === "ready" ? list.data : null;
  useEffect(() => {
    if (waiting === 0) return;
    const timer = setTimeout(list.refresh, POLL_WHILE_WAITING_MS);
    return () => clearTimeout(timer);
    // A new answer (not each render) starts the next wait.
  }, [answer, waiting, list.refresh]);

  const retry = async (d: TGradeDelivery) => {
    setBusy(d.id);
    setRetryError(null);
    try {
      await gradebookApi.retry(d.id);
      list.reload();
    } catch (err) {
      setRetryError(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Page
      title="Gradebook delivery"
      intro={
        <p>
          Marks are sent to your VLE's gradebook in the background. A failed one shows the VLE's reason and can be sent
          again.
        </p>
      }
    >
      <label htmlFor="delivery-status">Show</label>{" "}
      <select id="delivery-status" value={status} onChange={(e) => setStatus(e.target.value as TDeliveryStatus | "")}>
        <option value="">All marks</option>
        <option value="pending">Waiting to send</option>
        <option value="failed">Failed</option>
        <option value="delivered">In the gradebook</option>
        <option value="superseded">Replaced by a newer mark</option>
      </select>
      {retryError !== null && <ErrorMessage error={retryError} />}
      {list.status === "loading" && <Loading />}
      {list.status === "error" && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {/* Mounted before its text arrives: a live region added together with its content is not announced. */}
      <p aria-live="polite">
        {list.status === "ready" &&
          `${list.data.counts.pending ?? 0} waiting, ${list.data.counts.delivered ?? 0} in the gradebook, ${list.data.counts.failed ?? 0} failed.`}
      </p>
      {list.status === "ready" && (
        <>
          <Table
            caption="Marks and their delivery to the VLE gradebook"
            rows={list.data.deliveries}
            rowKey={(d) => d.id}
            emptyMessage="No marks yet."
            columns={[
              { header: "Mentor", isRowHeader: true, cell: (d) => d.mentor.name },
              { header: "Column", cell: (d) => d.lineItem.label },
              {
                header: "Mark",
                align: "end",
                cell: (d) =>
                  d.scoreGiven !== null
                    ? `${d.scoreGiven} / ${d.lineItem.scoreMaximum}`
                    : d.progress === "needs_marking"
                      ? "Submitted: needs marking"
                      : "Returned for more work",
              },
              { header: "Marked", cell: (d) => when(d.gradedAt) },
              {
                header: "State",
                cell: (d) => (
                  <>
                    <strong>{statusText[d.status]}</strong>
                    {d.status === "delivered" && <> on {when(d.deliveredAt)}</>}
                    {d.lastError && <p className="delivery-error">{d.lastError}</p>}
                  </>
                ),
              },
              {
                header: "Action",
                cell: (d) =>
                  d.status === "failed" ? (
                    <Button
                      variant="secondary"
                      isBusy={busy === d.id}
                      busyLabel="Sending…"
                      onClick={() => void retry(d)}
                      aria-label={`Send again: ${d.mentor.name}, ${d.lineItem.label}`}
                    >
                      Send again
                    </Button>
                  ) : null,
              },
            ]}
          />
        </>
      )}
      <ResultsReadBack />
    </Page>
  );
}

/** Pulls the VLE's current results for one column and shows where they differ from the tool. */
function ResultsReadBack() {
  const columns = useQuery((signal) => gradebookApi.lineItems(signal), []);
  const [resourceId, setResourceId] = useState("");
  const [read, setRead] = useState<
    | { status: "idle" | "loading" }
    | { status: "error"; error: unknown }
    | { status: "ready"; data: TGradebookResultsResponse }
  >({ status: "idle" });
  const compareText = {
    same: "Same",
    differs: "Different in the VLE",
    not_yet_delivered: "Not sent yet",
    missing_in_lms: "Missing in the VLE",
    only_in_lms: "Only in the VLE",
  } as const;

  const load = async () => {
    setRead({ status: "loading" });
    try {
      setRead({ status: "ready", data: await gradebookApi.results(resourceId) });
    } catch (error) {
      setRead({ status: "error", error });
    }
  };

  return (
    <Card title="Compare with the VLE gradebook">
      <p>
        Reads the VLE's current grades for one column. Differences (for example a grade changed in the VLE) are shown,
        never overwritten.
      </p>
      {columns.status === "ready" && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (resourceId) void load();
          }}
        >
          <label htmlFor="results-column">Column</label>{" "}
          <select id="results-column" value={resourceId} onChange={(e) => setResourceId(e.target.value)} required>
            <option value="">Choose a column</option>
            {columns.data.lineItems.map((li) => (
              <option key={li.resourceId} value={li.resourceId}>
                {li.label}
              </option>
            ))}
          </select>{" "}
          <Button type="submit" variant="secondary" isBusy={read.status === "loading"} busyLabel="Reading…">
            Read from the VLE
          </Button>
        </form>
      )}
      {columns.status === "error" && <ErrorMessage error={columns.error} onRetry={columns.reload} />}
      {read.status === "error" && <ErrorMessage error={read.error} />}
      <p aria-live="polite" className="visually-hidden">
        {read.status === "ready" &&
          `Read ${read.data.rows.length} ${read.data.rows.length === 1 ? "mentor" : "mentors"} from the VLE.`}
      </p>
      {read.status === "ready" && (
        <Table
          caption={`${read.data.lineItem.label}: the tool and the VLE side by side`}
          rows={read.data.rows}
          rowKey={(r) => r.mentor.userId}
          emptyMessage="Nobody has a mark in this column yet."
          columns={[
            { header: "Mentor", isRowHeader: true, cell: (r) => r.mentor.name },
            {
              header: "In the tool",
              align: "end",
              cell: (r) => (r.tool ? `${r.tool.scoreGiven} / ${r.tool.scoreMaximum}` : "None"),
            },
            {
              header: "In the VLE",
              align: "end",
              cell: (r) =>
                r.lms?.resultScore != null
                  ? `${r.lms.resultScore} / ${r.lms.resultMaximum ?? read.data.lineItem.scoreMaximum}`
                  : "None",
            },
            {
              header: "Comparison",
              cell: (r) => (r.comparison === "same" ? compareText.same : <strong>{compareText[r.comparison]}</strong>),
            },
          ]}
        />
      )}
    </Card>
  );
}
