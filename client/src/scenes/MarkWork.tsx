import { useState } from "react";
import { ZMarkingDetail, type TMarkingDetail } from "@contracts/marking";
import { apiRequest } from "../api/http";
import { useQuery } from "../api/useQuery";
import { Button } from "../components/Button";
import { ErrorMessage } from "../components/ErrorMessage";
import { Field } from "../components/Field";
import { Loading } from "../components/Loading";
import { Page } from "../components/Page";
import { hrefFor } from "../router";
import { shortDate, useAction, useLoaded } from "./useAction";

/** One mentor's submitted module work, and the form to mark it or return it. */
export function MarkWork({ recordId }: { recordId: string }) {
  const loaded = useQuery((signal) => apiRequest("GET", `/api/marking/${encodeURIComponent(recordId)}`, { schema: ZMarkingDetail, signal }), [recordId]);
  const [work, setWork] = useLoaded(loaded);
  if (loaded.status === "loading") return <Page title="Mark module work"><Loading label="Loading the work…" /></Page>;
  if (loaded.status === "error") return <Page title="Mark module work"><ErrorMessage error={loaded.error} onRetry={loaded.reload} /></Page>;
  return work ? <MarkForm work={work} onChange={setWork} /> : null;
}

function MarkForm({ work, onChange }: { work: TMarkingDetail; onChange: (w: TMarkingDetail) => void }) {
  const [outcome, setOutcome] = useState<"pass" | "resubmit" | "">("");
  const [score, setScore] = useState("");
  const [feedback, setFeedback] = useState("");
  const action = useAction();
  const isPassResubmit = work.marking.scheme === "pass_resubmit";

  const decide = async (kind: "mark" | "return") => {
    const body =
      kind === "return"
        ? { attempt: work.attempt, feedback }
        : { attempt: work.attempt, feedback, ...(isPassResubmit ? (outcome ? { outcome } : {}) : score === "" ? {} : { score: Number(score) }) };
    const updated = await action.run(() => apiRequest("POST", `/api/marking/${work.recordId}/${kind}`, { body, schema: ZMarkingDetail }));
    if (updated) {
      onChange(updated);
      action.setNotice(kind === "mark" ? "Mark saved and queued for the gradebook." : "Work returned to the mentor.");
    }
  };

  return (
    <Page title={`Module ${work.moduleNumber}: ${work.moduleTitle}`} documentTitle="Mark module work" intro={<p>Submitted by {work.mentor.name}{work.mentor.school ? `, ${work.mentor.school}` : ""}.</p>}>
      <p><a href={hrefFor("/marking")}>Back to marking</a></p>
      <p role="status" aria-live="polite">{action.notice}</p>
      {work.submission && (
        <section aria-labelledby="submitted-work">
          <h2 id="submitted-work">Submission {work.attempt}</h2>
          <h3>Activities</h3>
          <ul>{work.submission.activities.map((a) => <li key={a.code}>{a.title}: {a.done ? "done" : "not done"}</li>)}</ul>
          <h3>Reflection</h3>
          <div className="prose"><p style={{ whiteSpace: "pre-wrap" }}>{work.submission.reflection}</p></div>
        </section>
      )}
      {work.canMark ? (
        <section aria-labelledby="mark">
          <h2 id="mark">Your decision</h2>
          {action.error ? <ErrorMessage error={action.error} /> : null}
          <form onSubmit={(e) => { e.preventDefault(); void decide("mark"); }}>
            {isPassResubmit ? (
              <fieldset className={action.fieldErrors.outcome ? "field field--error" : "field"}>
                <legend className="field__label">Outcome</legend>
                {action.fieldErrors.outcome && <p className="field__error">{action.fieldErrors.outcome}</p>}
                {(["pass", "resubmit"] as const).map((o) => (
                  <div key={o}>
                    <input type="radio" id={`outcome-${o}`} name="outcome" value={o} checked={outcome === o} onChange={() => setOutcome(o)} />{" "}
                    <label htmlFor={`outcome-${o}`}>{o === "pass" ? "Pass" : "Resubmit"}</label>
                  </div>
                ))}
              </fieldset>
            ) : (
              <Field label={`Score out of ${work.marking.maximum}`} hint={work.marking.passMark !== null ? `The pass mark is ${work.marking.passMark}.` : undefined} error={action.fieldErrors.score}>
                {(c) => <input {...c} type="number" inputMode="decimal" min={0} max={work.marking.maximum} value={score} onChange={(e) => setScore(e.target.value)} />}
              </Field>
            )}
            <Field label="Feedback to the mentor" error={action.fieldErrors.feedback}>
              {(c) => <textarea {...c} rows={6} value={feedback} onChange={(e) => setFeedback(e.target.value)} />}
            </Field>
            <Button type="submit" isBusy={action.isBusy} busyLabel="Saving…">Save mark</Button>{" "}
            <Button variant="secondary" onClick={() => void decide("return")} isBusy={action.isBusy} busyLabel="Saving…">Return for more work</Button>
          </form>
        </section>
      ) : (
        <p>This work is not waiting to be marked.</p>
      )}
      {work.history.length > 0 && (
        <section aria-labelledby="history">
          <h2 id="history">History</h2>
          <ol>
            {work.history.map((h) => (
              <li key={h.attempt}>
                Submission {h.attempt}, {shortDate(h.submittedAt)}: {h.decision ? <><strong>{h.decision.label}</strong> by {h.decision.markedByName}. <q>{h.decision.feedback}</q></> : "not marked yet"}
              </li>
            ))}
          </ol>
        </section>
      )}
    </Page>
  );
}
