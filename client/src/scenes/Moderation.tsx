import { useState } from "react";
import type { TModerationQueue } from "@contracts/panel";
import { panelApi } from "../api/panelApi";
import { useQuery } from "../api/useQuery";
import { Button } from "../components/Button";
import { ErrorMessage } from "../components/ErrorMessage";
import { Field } from "../components/Field";
import { Loading } from "../components/Loading";
import { Page } from "../components/Page";
import { Table } from "../components/Table";
import { TextParagraphs } from "../components/TextParagraphs";
import { hrefFor } from "../router";
import { useLatest } from "./useLatest";
import { shortDate, useAction } from "./useAction";

type Item = TModerationQueue["items"][number];
type Review = Item["reviews"][number];

const reasonText: Record<Item["reason"], string> = {
  disagreement: "The reviewers disagree: your decision settles it.",
  sample: "Picked by the programme's moderation sample: confirm the reviewers' outcome or change it.",
  first_resubmission: "A first resubmission: the programme asks the lead to confirm these.",
};
const outcomeText = (o: "approved" | "resubmit") => (o === "approved" ? "Approved" : "Resubmit");

/**
 * The programme lead's moderation queue: each version moderation sends to the lead, with every
 * review and its judgements side by side, and the lead's decision. Nothing reaches the mentor
 * until the round is released.
 */
export function Moderation() {
  const queue = useQuery((signal) => panelApi.moderationQueue(signal), []);
  const data = useLatest(queue);
  const [notice, setNotice] = useState("");
  const intro = (
    <p>
      Outcomes wait here when reviewers disagree, when the sample picks them, or for a first resubmission. Confirmed
      outcomes reach mentors only when you release their round.
    </p>
  );
  if (queue.status === "error")
    return (
      <Page title="Moderation">
        <ErrorMessage error={queue.error} onRetry={queue.reload} />
      </Page>
    );
  if (!data)
    return (
      <Page title="Moderation">
        <Loading label="Loading the moderation queue…" />
      </Page>
    );
  return (
    <Page title="Moderation" intro={intro}>
      <p role="status" aria-live="polite">
        {notice}
      </p>
      {data.items.length === 0 ? (
        <p>Nothing is waiting for your decision.</p>
      ) : (
        data.items.map((item) => (
          <ModerationItem
            key={item.version.id}
            item={item}
            onDecided={(message) => {
              setNotice(message);
              queue.reload();
            }}
          />
        ))
      )}
    </Page>
  );
}

function ModerationItem({ item, onDecided }: { item: Item; onDecided: (message: string) => void }) {
  const v = item.version;
  const headingId = `moderate-${v.id}`;
  const agreed = new Set(item.reviews.map((r) => r.outcome)).size === 1 ? item.reviews[0]?.outcome : undefined;
  const [outcome, setOutcome] = useState<"" | "approved" | "resubmit">(agreed ?? "");
  const [summary, setSummary] = useState(agreed ? item.reviews[0].summary : "");
  const [suggestions, setSuggestions] = useState(
    agreed === "resubmit"
      ? item.reviews
          .map((r) => r.suggestions)
          .filter(Boolean)
          .join("\n")
      : "",
  );
  const action = useAction();
  const decide = async () => {
    const done = await action.run(() =>
      panelApi.decide(v.id, { outcome: outcome as "approved" | "resubmit", summary, suggestions }),
    );
    if (done)
      onDecided(
        `${v.mentor.name}'s ${v.qualificationCode} version ${v.number}: ${outcomeText(done.feedback.decision?.outcome ?? (outcome as "approved"))} recorded. It reaches them when the round is released.`,
      );
  };
  return (
    <section aria-labelledby={headingId} className="moderation-item">
      <h2 id={headingId}>
        {v.mentor.name}: {v.qualificationCode} version {v.number}
      </h2>
      <p>
        {reasonText[item.reason]}{" "}
        {v.round ? (
          <>
            Round: <a href={hrefFor(`/panel/rounds/${v.round.id}`)}>{v.round.name}</a>, meets {shortDate(v.round.date)}
            .{" "}
          </>
        ) : null}
        <a href={hrefFor(`/panel/versions/${v.id}`)}>
          Open the portfolio<span className="visually-hidden"> of {v.mentor.name}</span>
        </a>
      </p>
      <div style={{ display: "grid", gridTemplateColumns: "repeat(auto-fit, minmax(18rem, 1fr))", gap: "1rem" }}>
        {item.reviews.map((r, i) => (
          <ReviewColumn key={r.reviewerUserId} review={r} headingId={`${headingId}-review-${i}`} />
        ))}
      </div>
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void decide();
        }}
        noValidate
      >
        <h3>Your decision</h3>
        {action.error ? <ErrorMessage error={action.error} /> : null}
        <fieldset className="field">
          <legend className="field__label">Outcome</legend>
          {(["approved", "resubmit"] as const).map((o) => (
            <span key={o} style={{ marginRight: "1rem" }}>
              <input
                type="radio"
                id={`${headingId}-${o}`}
                name={`${headingId}-outcome`}
                checked={outcome === o}
                onChange={() => setOutcome(o)}
              />{" "}
              <label htmlFor={`${headingId}-${o}`}>{o === "approved" ? "Approved" : "Resubmit with suggestions"}</label>
            </span>
          ))}
          {action.fieldErrors.outcome && <p className="field__error">{action.fieldErrors.outcome}</p>}
        </fieldset>
        <Field label="Summary for the mentor" error={action.fieldErrors.summary}>
          {(c) => <textarea {...c} rows={3} value={summary} onChange={(e) => setSummary(e.target.value)} />}
        </Field>
        <Field
          label="Suggestions"
          isOptional
          hint="Required when asking for a resubmission."
          error={action.fieldErrors.suggestions}
        >
          {(c) => <textarea {...c} rows={3} value={suggestions} onChange={(e) => setSuggestions(e.target.value)} />}
        </Field>
        <Button type="submit" isBusy={action.isBusy} busyLabel="Recording…">
          {agreed && outcome === agreed ? "Confirm the reviewers' outcome" : "Record decision"}
        </Button>
      </form>
    </section>
  );
}

function ReviewColumn({ review, headingId }: { review: Review; headingId: string }) {
  return (
    <section aria-labelledby={headingId} className="card">
      <h3 id={headingId}>
        {review.reviewerName}: {outcomeText(review.outcome)}
      </h3>
      <TextParagraphs text={review.summary} />
      {review.suggestions ? (
        <>
          <p>
            <strong>Suggestions</strong>
          </p>
          <TextParagraphs text={review.suggestions} />
        </>
      ) : null}
      <Table
        caption={`${review.reviewerName}'s judgements`}
        rows={review.judgements}
        rowKey={(j) => j.standardCode}
        emptyMessage="No judgements recorded."
        columns={[
          { header: "Standard", cell: (j) => j.standardCode, isRowHeader: true },
          { header: "Judgement", cell: (j) => (j.judgement === "met" ? "Met" : "More evidence needed") },
          { header: "Suggestion", cell: (j) => j.comment || "—" },
        ]}
      />
      <p className="field__hint">Recorded {shortDate(review.recordedAt)}</p>
    </section>
  );
}
