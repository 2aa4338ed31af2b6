import { useEffect, useState } from "react";
import { portfoliosEndpoints, type TPortfolio } from "@contracts/portfolio";
import { evidenceEndpoints, type TEvidence } from "@contracts/evidence";
import { call } from "../api/call";
import { useQuery } from "../api/useQuery";
import { Button } from "../components/Button";
import { ErrorMessage } from "../components/ErrorMessage";
import { Field } from "../components/Field";
import { Loading } from "../components/Loading";
import { Page } from "../components/Page";
import { ProgressBar } from "../components/ProgressBar";
import { Table } from "../components/Table";
import { hrefFor, navigate } from "../router";
import { CoverageMatrix, EvidenceTimeline } from "./portfolioCharts";
import { statusLabel } from "./portfolioWords";
import { RichTextEditor } from "./RichTextEditor";
import { DraftOffer } from "./DraftOffer";
import { useDraft } from "./useDraft";
import { shortDate, useAction } from "./useAction";
import { useLatest } from "./useLatest";
import { PriorLearningApplication } from "./PriorLearningRoute";

/** One portfolio: its narrative, the evidence it holds, coverage, submission and versions. */
export function PortfolioDetail({ portfolioId }: { portfolioId: string }) {
  const [tick, setTick] = useState(0);
  const portfolio = useQuery(
    (signal) => call(portfoliosEndpoints.one, { params: { portfolioId }, signal }),
    [portfolioId, tick],
  );
  const evidence = useQuery((signal) => call(evidenceEndpoints.list, { signal }), [tick]);
  const coverage = useQuery(
    (signal) => call(portfoliosEndpoints.coverage, { params: { portfolioId }, signal }),
    [portfolioId, tick],
  );
  const kept = useLatest(portfolio);
  const items = useLatest(evidence);
  const cover = useLatest(coverage);
  if (portfolio.status === "error")
    return (
      <Page title="Portfolio">
        <ErrorMessage error={portfolio.error} onRetry={portfolio.reload} />
      </Page>
    );
  if (!kept)
    return (
      <Page title="Portfolio">
        <Loading label="Loading your portfolio…" />
      </Page>
    );
  const p = kept;
  const refresh = () => setTick((t) => t + 1);
  return (
    <Page
      title={`${p.qualification.title} portfolio`}
      documentTitle="Portfolio"
      intro={
        <p>
          Status: <strong>{statusLabel[p.status]}</strong>. <a href={hrefFor("/portfolio")}>All portfolios</a>
        </p>
      }
    >
      <Narrative portfolio={p} onSaved={refresh} />
      <section aria-labelledby="included">
        <h2 id="included">Evidence in this portfolio</h2>
        {evidence.status === "error" ? (
          <ErrorMessage error={evidence.error} />
        ) : items ? (
          <Included portfolio={p} items={items.items} onChange={refresh} />
        ) : (
          <Loading />
        )}
      </section>
      <section aria-labelledby="coverage">
        <h2 id="coverage">Coverage at a glance</h2>
        {coverage.status === "error" ? (
          <ErrorMessage error={coverage.error} />
        ) : cover ? (
          <>
            <ProgressBar
              label="Descriptors with evidence"
              value={cover.standards.flatMap((s) => s.descriptors).filter((d) => d.count > 0).length}
              max={cover.standards.flatMap((s) => s.descriptors).length}
            />
            {cover.gaps.length > 0 && (
              <>
                <h3>Gaps to fill before submitting</h3>
                <ul>
                  {cover.gaps.map((g) => (
                    <li key={g}>{g}</li>
                  ))}
                </ul>
              </>
            )}
            <h3>Standards and descriptors</h3>
            <CoverageMatrix coverage={cover} />
            <h3>Timeline of dated evidence</h3>
            <EvidenceTimeline coverage={cover} />
          </>
        ) : (
          <Loading />
        )}
      </section>
      <PriorLearningApplication portfolio={p} onSaved={refresh} />
      <Submit portfolio={p} />
      <section aria-labelledby="versions">
        <h2 id="versions">Submitted versions</h2>
        <Table
          caption="Versions submitted to the panel"
          emptyMessage="Nothing submitted yet."
          rows={p.versions}
          rowKey={(v) => v.id}
          columns={[
            {
              header: "Version",
              cell: (v) => <a href={hrefFor(`/portfolio/${p.id}/versions/${v.number}`)}>Version {v.number}</a>,
              isRowHeader: true,
            },
            { header: "Submitted", cell: (v) => shortDate(v.submittedAt) },
            {
              header: "Panel round",
              cell: (v) => (v.round ? `${v.round.name}, ${shortDate(v.round.date)}` : "Not yet placed"),
            },
            { header: "Status", cell: (v) => statusLabel[v.status] },
          ]}
        />
      </section>
    </Page>
  );
}

function Narrative({ portfolio, onSaved }: { portfolio: TPortfolio; onSaved: () => void }) {
  const [html, setHtml] = useState(portfolio.narrativeHtml);
  const action = useAction();
  useEffect(() => setHtml(portfolio.narrativeHtml), [portfolio.narrativeHtml]);
  // Kept as it is typed, so a session that ends mid-sentence loses nothing (#17 item 2).
  const draft = useDraft({
    formKey: `portfolio:${portfolio.id}`,
    title: "the overall narrative of your portfolio",
    fields: [{ name: "narrativeHtml", label: "Your story as a mentor", value: html }],
    savedValues: { narrativeHtml: portfolio.narrativeHtml },
    reopen: "open Portfolio and then this portfolio",
    onRestore: (v) => setHtml(v.narrativeHtml ?? ""),
  });
  const save = async () => {
    const saved = await action.run(() =>
      call(portfoliosEndpoints.update, {
        params: { portfolioId: portfolio.id },
        body: { narrativeHtml: html, expectedVersion: portfolio.version },
      }),
    );
    if (saved) {
      void draft.clear();
      action.setNotice("Narrative saved.");
      onSaved();
    }
  };
  const focusEditor = () =>
    document.querySelector<HTMLElement>('[role="textbox"][aria-label="Your story as a mentor"]')?.focus();
  return (
    <section aria-labelledby="narrative">
      <h2 id="narrative">Overall narrative</h2>
      {action.error ? <ErrorMessage error={action.error} /> : null}
      {draft.offer ? (
        <DraftOffer
          level={3}
          offer={draft.offer}
          onRestore={() => {
            draft.restore();
            focusEditor();
          }}
          onDiscard={() => {
            void draft.discard();
            focusEditor();
          }}
        />
      ) : null}
      <Field
        label="Your story as a mentor"
        hint="Tell the panel how your evidence fits together."
        error={action.fieldErrors.narrativeHtml}
      >
        {(c) => <RichTextEditor control={c} label="Your story as a mentor" value={html} onChange={setHtml} />}
      </Field>
      <p className="field__hint" role="status" aria-live="polite">
        {draft.status}
      </p>
      <Button onClick={() => void save()} isBusy={action.isBusy} busyLabel="Saving…">
        Save narrative
      </Button>
      <p role="status" aria-live="polite">
        {action.notice}
      </p>
    </section>
  );
}

function Included({ portfolio, items, onChange }: { portfolio: TPortfolio; items: TEvidence[]; onChange: () => void }) {
  const action = useAction();
  const toggle = async (evidenceId: string, include: boolean) => {
    const ok = await action.run(async () => {
      await call(include ? portfoliosEndpoints.include : portfoliosEndpoints.exclude, {
        params: { portfolioId: portfolio.id, evidenceId },
      });
      return true;
    });
    if (ok) onChange();
  };
  if (items.length === 0)
    return (
      <p>
        You have no evidence yet. <a href={hrefFor("/evidence")}>Add evidence</a>.
      </p>
    );
  return (
    <fieldset className="field">
      <legend className="field__label">Include in this portfolio</legend>
      {action.error ? <ErrorMessage error={action.error} /> : null}
      {items.map((e) => (
        <div key={e.id}>
          <input
            type="checkbox"
            id={`inc-${e.id}`}
            checked={portfolio.evidenceIds.includes(e.id)}
            onChange={(ev) => void toggle(e.id, ev.target.checked)}
          />{" "}
          <label htmlFor={`inc-${e.id}`}>
            {e.title} ({shortDate(`${e.practiceDate}T00:00:00Z`)})
          </label>
        </div>
      ))}
    </fieldset>
  );
}

function Submit({ portfolio }: { portfolio: TPortfolio }) {
  const action = useAction();
  // The route choice lives on the draft (the prior-learning section), so submitting sends none.
  const submit = async () => {
    const version = await action.run(() =>
      call(portfoliosEndpoints.submit, {
        params: { portfolioId: portfolio.id },
        body: { expectedVersion: portfolio.version },
      }),
    );
    if (version) navigate(`/portfolio/${portfolio.id}/versions/${version.number}`);
  };
  return (
    <section aria-labelledby="submit">
      <h2 id="submit">Submit to the review panel</h2>
      <p>
        Submitting freezes this portfolio as a numbered version: what the panel sees cannot change. You keep your
        working draft.
      </p>
      {portfolio.submission.reasons.length > 0 && (
        <>
          <p>Not ready yet:</p>
          <ul>
            {portfolio.submission.reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </>
      )}
      {action.error ? <ErrorMessage error={action.error} /> : null}
      {portfolio.priorLearning.applying && (
        <p>
          You are applying through the <strong>prior-learning route</strong>.
        </p>
      )}
      {portfolio.submission.canSubmit && (
        <Button onClick={() => void submit()} isBusy={action.isBusy} busyLabel="Submitting…">
          Submit version {portfolio.versions.length + 1}
        </Button>
      )}
    </section>
  );
}
