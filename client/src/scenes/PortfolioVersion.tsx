import { useState } from "react";
import { panelEndpoints } from "@contracts/panel";
import { portfoliosEndpoints, type TFeedback, type TPortfolioVersion } from "@contracts/portfolio";
import { call, download, fetchBlob } from "../api/call";
import { useQuery } from "../api/useQuery";
import { ErrorMessage } from "../components/ErrorMessage";
import { Loading } from "../components/Loading";
import { Page } from "../components/Page";
import { hrefFor } from "../router";
import { AttachmentPreview } from "../components/AttachmentPreview";
import { Button } from "../components/Button";
import { CoverageMatrix, EvidenceTimeline } from "./portfolioCharts";
import { PanelActions } from "./PanelActions";
import { statusLabel } from "./portfolioWords";
import { shortDate } from "./useAction";
import { useLatest } from "./useLatest";
import { PortfolioExportButtons } from "./PortfolioExportButtons";
import { PriorLearningPanelView } from "./PriorLearningRoute";

/** A submitted version, for its mentor or for the panel: frozen content, changes, feedback. */
export function PortfolioVersion(props: { portfolioId: string; number: string } | { versionId: string }) {
  const key = "versionId" in props ? props.versionId : `${props.portfolioId}/${props.number}`;
  const [tick, setTick] = useState(0);
  const loaded = useQuery(
    (signal) =>
      "versionId" in props
        ? call(panelEndpoints.version, { params: { versionId: props.versionId }, signal })
        : call(portfoliosEndpoints.version, {
            params: { portfolioId: props.portfolioId, number: Number(props.number) },
            signal,
          }),
    [key, tick],
  );
  const [message, setMessage] = useState("");
  const latest = useLatest(loaded);
  if (loaded.status === "error")
    return (
      <Page title="Portfolio version">
        <ErrorMessage error={loaded.error} onRetry={loaded.reload} />
      </Page>
    );
  if (!latest)
    return (
      <Page title="Portfolio version">
        <Loading label="Loading the portfolio…" />
      </Page>
    );
  const v = latest;
  const isPanelView = "versionId" in props;
  return (
    <Page
      title={`${v.mentor.name}: ${v.qualificationTitle}, version ${v.number}`}
      documentTitle={`Version ${v.number}`}
      intro={
        <p>
          Submitted {shortDate(v.submittedAt)}. Status: <strong>{statusLabel[v.status]}</strong>.
          {v.priorLearning && (
            <>
              {" "}
              <strong>Prior-learning route.</strong>
            </>
          )}{" "}
          {v.round && (
            <>
              Panel round: {v.round.name}, {shortDate(v.round.date)}.
            </>
          )}
        </p>
      }
    >
      <p role="status" aria-live="polite">
        {message}
      </p>
      <p>
        <a
          href={hrefFor(
            isPanelView ? (v.round ? `/panel/rounds/${v.round.id}` : "/panel") : `/portfolio/${v.portfolioId}`,
          )}
        >
          Back
        </a>
      </p>
      <PortfolioExportButtons versionId={v.id} versionNumber={v.number} />
      {v.feedback.decision && <Outcome feedback={v.feedback} heading="Outcome" />}
      {v.changes && (
        <section aria-labelledby="changes">
          <h2 id="changes">What changed since version {v.changes.previousNumber}</h2>
          <ul>
            {v.changes.narrativeChanged && <li>The overall narrative changed.</li>}
            {v.changes.added.map((a) => (
              <li key={a.evidenceId}>Added: {a.title}</li>
            ))}
            {v.changes.removed.map((a) => (
              <li key={a.evidenceId}>Removed: {a.title}</li>
            ))}
            {v.changes.changed.map((a) => (
              <li key={a.evidenceId}>
                Changed: {a.title} ({a.fields.join(", ")})
              </li>
            ))}
            {!v.changes.narrativeChanged &&
              v.changes.added.length + v.changes.removed.length + v.changes.changed.length === 0 && (
                <li>Nothing changed.</li>
              )}
          </ul>
          {v.previousVersion?.feedback.decision && (
            <Outcome
              feedback={v.previousVersion.feedback}
              heading={`Feedback on version ${v.previousVersion.number}`}
              level={3}
            />
          )}
        </section>
      )}
      {v.priorLearningApplication && <PriorLearningPanelView application={v.priorLearningApplication} />}
      <section aria-labelledby="story">
        <h2 id="story">Overall narrative</h2>
        <div className="prose" dangerouslySetInnerHTML={{ __html: v.narrativeHtml || "<p>No narrative.</p>" }} />
      </section>
      <section aria-labelledby="cov">
        <h2 id="cov">Coverage</h2>
        <CoverageMatrix coverage={v.coverage} />
        <h3>Timeline</h3>
        <EvidenceTimeline coverage={v.coverage} />
      </section>
      <Evidence version={v} />
      {v.judgingNote && isPanelView && <p role="note">{v.judgingNote}</p>}
      {(v.abilities.judge || v.abilities.decide || v.feedback.reviews.length > 0) && isPanelView && (
        <PanelActions
          key={v.id}
          version={v}
          onChange={(text) => {
            setMessage(text);
            setTick((t) => t + 1);
          }}
        />
      )}
    </Page>
  );
}

function Outcome({ feedback, heading, level = 2 }: { feedback: TFeedback; heading: string; level?: 2 | 3 }) {
  const H = `h${level}` as const;
  const d = feedback.decision!;
  return (
    <section>
      <H>
        {heading}: {d.outcome === "approved" ? "Approved" : "Resubmit"}
      </H>
      <p>
        Recorded by {d.decidedBy.name} on {shortDate(d.decidedAt)}
        {d.basis === "lead_resolution" ? " (programme lead's decision)" : ""}.
      </p>
      <p style={{ whiteSpace: "pre-wrap" }}>{d.summary}</p>
      {d.suggestions && (
        <>
          <p>
            <strong>Suggestions</strong>
          </p>
          <p style={{ whiteSpace: "pre-wrap" }}>{d.suggestions}</p>
        </>
      )}
      {feedback.judgements.length > 0 && (
        <ul>
          {feedback.judgements.map((j) => (
            <li key={`${j.reviewerUserId}-${j.standardCode}`}>
              Standard {j.standardCode} ({j.reviewerName}): {j.judgement === "met" ? "met" : "more evidence needed"}
              {j.comment ? ` — ${j.comment}` : ""}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function Evidence({ version }: { version: TPortfolioVersion }) {
  const file = (attachmentId: string) => ({ portfolioId: version.portfolioId, number: version.number, attachmentId });
  return (
    <section aria-labelledby="evidence">
      <h2 id="evidence">Evidence ({version.evidence.length})</h2>
      {version.evidence.map((e) => (
        <article key={e.evidenceId} className="card" style={{ marginBottom: "1rem" }}>
          <h3 className="card__title">{e.title}</h3>
          <p>{shortDate(`${e.practiceDate}T00:00:00Z`)}</p>
          <div className="prose" dangerouslySetInnerHTML={{ __html: e.narrativeHtml }} />
          {e.standards.length > 0 && (
            <ul>
              {e.standards.map((s) => (
                <li key={`${s.standardCode}-${s.descriptorCode}`}>
                  {s.descriptorCode ?? `Standard ${s.standardCode}`}
                  {s.note ? `: ${s.note}` : ""}
                </li>
              ))}
            </ul>
          )}
          {e.links.length > 0 && (
            <ul>
              {e.links.map((l) => (
                <li key={l.url}>
                  <a href={l.url} target="_blank" rel="noopener noreferrer">
                    {l.label || l.url}
                  </a>
                </li>
              ))}
            </ul>
          )}
          {e.attachments.length > 0 && (
            <ul className="journal-entry__files">
              {e.attachments.map((a) => (
                <li key={a.id}>
                  <Button
                    variant="quiet"
                    onClick={() =>
                      void download(portfoliosEndpoints.versionAttachment, {
                        params: file(a.id),
                        fallbackName: a.filename,
                      })
                    }
                  >
                    Download {a.filename}
                  </Button>{" "}
                  <AttachmentPreview
                    load={(type) => fetchBlob(portfoliosEndpoints.versionAttachment, { params: file(a.id), type })}
                    filename={a.filename}
                    mimeType={a.mimeType}
                  />
                </li>
              ))}
            </ul>
          )}
        </article>
      ))}
    </section>
  );
}
