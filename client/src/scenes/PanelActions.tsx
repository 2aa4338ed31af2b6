import { useRef, useState } from "react";
import { draftRules } from "@contracts/drafts";
import { panelEndpoints } from "@contracts/panel";
import type { TPortfolioVersion } from "@contracts/portfolio";
import { call } from "../api/call";
import { Button } from "../components/Button";
import { ErrorMessage } from "../components/ErrorMessage";
import { Field } from "../components/Field";
import { useSession } from "../SessionContext";
import { DraftOffer } from "./DraftOffer";
import { useAction } from "./useAction";
import { useDraft } from "./useDraft";

/** The standards judged so far (a standard not yet judged is left out), as the judgements are sent. */
function judgedOf(
  judgements: Array<{ standardCode: string; judgement: "" | "met" | "more_evidence"; comment: string }>,
) {
  return judgements.flatMap(({ standardCode, judgement, comment }) =>
    judgement ? [{ standardCode, judgement, comment }] : [],
  );
}

/** Judging a version per standard, recording an outcome, and the lead's decision. */
export function PanelActions({
  version,
  onChange,
}: {
  version: TPortfolioVersion;
  onChange: (message: string) => void;
}) {
  const me = useSession().user.id;
  const mine = version.feedback.judgements.filter((j) => j.reviewerUserId === me);
  const [judgements, setJudgements] = useState(() =>
    version.coverage.standards.map((s) => {
      const j = mine.find((m) => m.standardCode === s.code);
      return {
        standardCode: s.code,
        title: s.title,
        judgement: (j?.judgement ?? "") as "" | "met" | "more_evidence",
        comment: j?.comment ?? "",
      };
    }),
  );
  const [outcome, setOutcome] = useState<"" | "approved" | "resubmit">("");
  const [summary, setSummary] = useState("");
  const [suggestions, setSuggestions] = useState("");
  const action = useAction();
  const summaryBox = useRef<HTMLTextAreaElement>(null);
  const writes = version.abilities.judge || version.abilities.review || version.abilities.decide;
  // What a reviewer (or the lead) writes is kept as it is typed (#17 item 2): the summary, the
  // suggestions and each standard's comment, by position (a draft holds at most 12 boxes).
  const commentBoxes = judgements.slice(0, draftRules.maxFields - 2);
  const draft = useDraft({
    formKey: `${version.abilities.decide ? "panel-decision" : "panel-review"}:${version.id}`,
    title: `your ${version.abilities.decide ? "decision" : "review"} of ${version.mentor.name}'s version ${version.number}`,
    fields: [
      { name: "summary", label: "Summary for the mentor", value: summary },
      { name: "suggestions", label: "Suggestions", value: suggestions },
      ...commentBoxes.map((j, i) => ({
        name: `standard${i}`,
        label: `Suggestion or comment on standard ${j.standardCode}`,
        value: j.comment,
      })),
    ],
    // Comments already saved with "Save judgements as a draft" are no draft to keep.
    savedValues: Object.fromEntries([
      ["summary", ""],
      ["suggestions", ""],
      ...commentBoxes.map((j, i) => [
        `standard${i}`,
        mine.find((m) => m.standardCode === j.standardCode)?.comment ?? "",
      ]),
    ]),
    notKept:
      "The outcome and the Met or More evidence needed choices are not kept unless you saved the judgements: choose them again.",
    reopen: `open Panel rounds and choose ${version.mentor.name}'s version ${version.number}`,
    enabled: writes,
    onRestore: (v) => {
      setSummary(v.summary ?? "");
      setSuggestions(v.suggestions ?? "");
      setJudgements((all) =>
        all.map((j, i) => (v[`standard${i}`] === undefined ? j : { ...j, comment: v[`standard${i}`] ?? "" })),
      );
    },
  });

  const saveJudgements = async () => {
    const body = { judgements: judgedOf(judgements) };
    const ok = await action.run(() => call(panelEndpoints.saveJudgements, { params: { versionId: version.id }, body }));
    if (ok) onChange("Judgements saved.");
  };
  const record = async (kind: "review" | "decision") => {
    // A reviewer's judgements travel with their outcome: one request, saved together, so none can be left unsaved.
    // An outcome not chosen goes as it is: the server refuses it, naming the field.
    const outcomeChosen = outcome as "approved" | "resubmit";
    const params = { versionId: version.id };
    const ok = await action.run(() =>
      kind === "review"
        ? call(panelEndpoints.review, {
            params,
            body: { outcome: outcomeChosen, summary, suggestions, judgements: judgedOf(judgements) },
          })
        : call(panelEndpoints.decide, { params, body: { outcome: outcomeChosen, summary, suggestions } }),
    );
    if (ok) void draft.clear();
    if (ok) onChange(kind === "review" ? "Your outcome is recorded." : "Decision recorded.");
  };

  return (
    <section aria-labelledby="panel">
      <h2 id="panel">Panel</h2>
      {action.error ? <ErrorMessage error={action.error} /> : null}
      {draft.offer ? (
        <DraftOffer
          level={3}
          offer={draft.offer}
          of={version.abilities.decide ? "your decision" : "your review"}
          onRestore={() => {
            draft.restore();
            summaryBox.current?.focus();
          }}
          onDiscard={() => {
            void draft.discard();
            summaryBox.current?.focus();
          }}
        />
      ) : null}
      {version.feedback.reviews.length > 0 && (
        <>
          <h3>
            Reviewers' outcomes ({version.feedback.reviews.length} of {version.feedback.reviewersRequired} needed)
          </h3>
          <ul>
            {version.feedback.reviews.map((r) => (
              <li key={r.reviewerUserId}>
                {r.reviewerName}: {r.outcome === "approved" ? "approved" : "resubmit"} —{" "}
                <span style={{ whiteSpace: "pre-wrap" }}>{r.summary}</span>
              </li>
            ))}
          </ul>
        </>
      )}
      {version.abilities.judge && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void saveJudgements();
          }}
        >
          <h3>Your judgement of each standard</h3>
          {judgements.map((j, i) => (
            <fieldset key={j.standardCode} className="field">
              <legend className="field__label">
                Standard {j.standardCode}: {j.title}
              </legend>
              {(["met", "more_evidence"] as const).map((value) => (
                <span key={value} style={{ marginRight: "1rem" }}>
                  <input
                    type="radio"
                    id={`j-${j.standardCode}-${value}`}
                    name={`j-${j.standardCode}`}
                    checked={j.judgement === value}
                    onChange={() =>
                      setJudgements((all) => all.map((x, k) => (k === i ? { ...x, judgement: value } : x)))
                    }
                  />{" "}
                  <label htmlFor={`j-${j.standardCode}-${value}`}>
                    {value === "met" ? "Met" : "More evidence needed"}
                  </label>
                </span>
              ))}
              <Field
                label={`Suggestion or comment on standard ${j.standardCode}`}
                isOptional
                hint="Required when more evidence is needed."
                error={action.fieldErrors[`judgements.${i}.comment`]}
              >
                {(c) => (
                  <input
                    {...c}
                    value={j.comment}
                    onChange={(e) =>
                      setJudgements((all) => all.map((x, k) => (k === i ? { ...x, comment: e.target.value } : x)))
                    }
                  />
                )}
              </Field>
            </fieldset>
          ))}
          <Button type="submit" variant="secondary" isBusy={action.isBusy}>
            Save judgements as a draft
          </Button>
          <p className="field__hint">
            "Record outcome" below saves these judgements with your outcome. "Approved" needs every standard met; for
            each standard needing more evidence, say what evidence in its box.
          </p>
          {action.fieldErrors.judgements && <p className="field__error">{action.fieldErrors.judgements}</p>}
        </form>
      )}
      {(version.abilities.review || version.abilities.decide) && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void record(version.abilities.decide ? "decision" : "review");
          }}
        >
          <h3>{version.abilities.decide ? "The programme lead's decision" : "Your outcome"}</h3>
          <fieldset className="field">
            <legend className="field__label">Outcome</legend>
            {(["approved", "resubmit"] as const).map((o) => (
              <span key={o} style={{ marginRight: "1rem" }}>
                <input
                  type="radio"
                  id={`o-${o}`}
                  name="outcome"
                  checked={outcome === o}
                  onChange={() => setOutcome(o)}
                />{" "}
                <label htmlFor={`o-${o}`}>{o === "approved" ? "Approved" : "Resubmit with suggestions"}</label>
              </span>
            ))}
            {action.fieldErrors.outcome && <p className="field__error">{action.fieldErrors.outcome}</p>}
          </fieldset>
          <Field label="Summary for the mentor" error={action.fieldErrors.summary}>
            {(c) => (
              <textarea {...c} ref={summaryBox} rows={4} value={summary} onChange={(e) => setSummary(e.target.value)} />
            )}
          </Field>
          <Field
            label="Suggestions"
            isOptional
            hint="Required when asking for a resubmission."
            error={action.fieldErrors.suggestions}
          >
            {(c) => <textarea {...c} rows={4} value={suggestions} onChange={(e) => setSuggestions(e.target.value)} />}
          </Field>
          <p role="status" aria-live="polite" className="field__hint">
            {draft.status}
          </p>
          <Button type="submit" isBusy={action.isBusy} busyLabel="Recording…">
            Record outcome
          </Button>
        </form>
      )}
    </section>
  );
}
