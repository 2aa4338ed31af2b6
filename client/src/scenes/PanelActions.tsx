import { useState } from "react";
import { ZPortfolioVersion, type TPortfolioVersion } from "@contracts/portfolio";
import { apiRequest } from "../api/http";
import { Button } from "../components/Button";
import { ErrorMessage } from "../components/ErrorMessage";
import { Field } from "../components/Field";
import { useSession } from "../SessionContext";
import { useAction } from "./useAction";

/** Judging a version per standard, recording an outcome, and the lead's decision. */
export function PanelActions({ version, onChange }: { version: TPortfolioVersion; onChange: (message: string) => void }) {
  const me = useSession().user.id;
  const mine = version.feedback.judgements.filter((j) => j.reviewerUserId === me);
  const [judgements, setJudgements] = useState(() =>
    version.coverage.standards.map((s) => {
      const j = mine.find((m) => m.standardCode === s.code);
      return { standardCode: s.code, title: s.title, judgement: (j?.judgement ?? "") as "" | "met" | "more_evidence", comment: j?.comment ?? "" };
    }),
  );
  const [outcome, setOutcome] = useState<"" | "approved" | "resubmit">("");
  const [summary, setSummary] = useState("");
  const [suggestions, setSuggestions] = useState("");
  const action = useAction();

  const saveJudgements = async () => {
    const body = { judgements: judgements.filter((j) => j.judgement).map(({ standardCode, judgement, comment }) => ({ standardCode, judgement, comment })) };
    const ok = await action.run(() => apiRequest("PUT", `/api/panel/versions/${version.id}/judgements`, { body, schema: ZPortfolioVersion }));
    if (ok) onChange("Judgements saved.");
  };
  const record = async (kind: "review" | "decision") => {
    // A reviewer's judgements travel with their outcome: one request, saved together, so none can be left unsaved.
    const judged = judgements.filter((j) => j.judgement).map(({ standardCode, judgement, comment }) => ({ standardCode, judgement, comment }));
    const body = kind === "review" ? { outcome, summary, suggestions, judgements: judged } : { outcome, summary, suggestions };
    const ok = await action.run(() => apiRequest("POST", `/api/panel/versions/${version.id}/${kind}`, { body, schema: ZPortfolioVersion }));
    if (ok) onChange(kind === "review" ? "Your outcome is recorded." : "Decision recorded.");
  };

  return (
    <section aria-labelledby="panel">
      <h2 id="panel">Panel</h2>
      {action.error ? <ErrorMessage error={action.error} /> : null}
      {version.feedback.reviews.length > 0 && (
        <>
          <h3>Reviewers' outcomes ({version.feedback.reviews.length} of {version.feedback.reviewersRequired} needed)</h3>
          <ul>{version.feedback.reviews.map((r) => <li key={r.reviewerUserId}>{r.reviewerName}: {r.outcome === "approved" ? "approved" : "resubmit"} — <span style={{ whiteSpace: "pre-wrap" }}>{r.summary}</span></li>)}</ul>
        </>
      )}
      {version.abilities.judge && (
        <form onSubmit={(e) => { e.preventDefault(); void saveJudgements(); }}>
          <h3>Your judgement of each standard</h3>
          {judgements.map((j, i) => (
            <fieldset key={j.standardCode} className="field">
              <legend className="field__label">Standard {j.standardCode}: {j.title}</legend>
              {(["met", "more_evidence"] as const).map((value) => (
                <span key={value} style={{ marginRight: "1rem" }}>
                  <input type="radio" id={`j-${j.standardCode}-${value}`} name={`j-${j.standardCode}`} checked={j.judgement === value} onChange={() => setJudgements((all) => all.map((x, k) => (k === i ? { ...x, judgement: value } : x)))} />{" "}
                  <label htmlFor={`j-${j.standardCode}-${value}`}>{value === "met" ? "Met" : "More evidence needed"}</label>
                </span>
              ))}
              <Field label={`Suggestion or comment on standard ${j.standardCode}`} isOptional hint="Required when more evidence is needed." error={action.fieldErrors[`judgements.${i}.comment`]}>
                {(c) => <input {...c} value={j.comment} onChange={(e) => setJudgements((all) => all.map((x, k) => (k === i ? { ...x, comment: e.target.value } : x)))} />}
              </Field>
            </fieldset>
          ))}
          <Button type="submit" variant="secondary" isBusy={action.isBusy}>Save judgements as a draft</Button>
          <p className="field__hint">"Record outcome" below saves these judgements with your outcome. "Approved" needs every standard met; for each standard needing more evidence, say what evidence in its box.</p>
          {action.fieldErrors.judgements && <p className="field__error">{action.fieldErrors.judgements}</p>}
        </form>
      )}
      {(version.abilities.review || version.abilities.decide) && (
        <form onSubmit={(e) => { e.preventDefault(); void record(version.abilities.decide ? "decision" : "review"); }}>
          <h3>{version.abilities.decide ? "The programme lead's decision" : "Your outcome"}</h3>
          <fieldset className="field">
            <legend className="field__label">Outcome</legend>
            {(["approved", "resubmit"] as const).map((o) => (
              <span key={o} style={{ marginRight: "1rem" }}>
                <input type="radio" id={`o-${o}`} name="outcome" checked={outcome === o} onChange={() => setOutcome(o)} /> <label htmlFor={`o-${o}`}>{o === "approved" ? "Approved" : "Resubmit with suggestions"}</label>
              </span>
            ))}
            {action.fieldErrors.outcome && <p className="field__error">{action.fieldErrors.outcome}</p>}
          </fieldset>
          <Field label="Summary for the mentor" error={action.fieldErrors.summary}>{(c) => <textarea {...c} rows={4} value={summary} onChange={(e) => setSummary(e.target.value)} />}</Field>
          <Field label="Suggestions" isOptional hint="Required when asking for a resubmission." error={action.fieldErrors.suggestions}>{(c) => <textarea {...c} rows={4} value={suggestions} onChange={(e) => setSuggestions(e.target.value)} />}</Field>
          <Button type="submit" isBusy={action.isBusy} busyLabel="Recording…">Record outcome</Button>
        </form>
      )}
    </section>
  );
}
