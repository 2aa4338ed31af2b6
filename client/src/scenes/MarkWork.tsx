import { useEffect, useRef, useState } from "react";
import { markingEndpoints, type TMarkingDetail } from "@contracts/marking";
import { modulesEndpoints } from "@contracts/modules";
import { call, download } from "../api/call";
import { useQuery } from "../api/useQuery";
import { Button } from "../components/Button";
import { ErrorMessage } from "../components/ErrorMessage";
import { Field } from "../components/Field";
import { Loading } from "../components/Loading";
import { Page } from "../components/Page";
import { hrefFor } from "../router";
import { DraftOffer } from "./DraftOffer";
import { shortDate, useAction, useLoaded } from "./useAction";
import { useDraft } from "./useDraft";

/** One mentor's submitted module work, and the form to mark it or return it. */
export function MarkWork({ recordId }: { recordId: string }) {
  const loaded = useQuery((signal) => call(markingEndpoints.work, { params: { recordId }, signal }), [recordId]);
  const [work, setWork] = useLoaded(loaded);
  if (loaded.status === "loading")
    return (
      <Page title="Mark module work">
        <Loading label="Loading the work…" />
      </Page>
    );
  if (loaded.status === "error")
    return (
      <Page title="Mark module work">
        <ErrorMessage error={loaded.error} onRetry={loaded.reload} />
      </Page>
    );
  return work ? <MarkForm work={work} onChange={setWork} /> : null;
}

function MarkForm({ work, onChange }: { work: TMarkingDetail; onChange: (w: TMarkingDetail) => void }) {
  const [outcome, setOutcome] = useState<"pass" | "resubmit" | "">("");
  const [score, setScore] = useState("");
  const [feedback, setFeedback] = useState("");
  const action = useAction();
  const isPassResubmit = work.marking.scheme === "pass_resubmit";
  const feedbackBox = useRef<HTMLTextAreaElement>(null);
  // The tutor's feedback is kept as it is typed (#17 item 2), for this submission only.
  const draft = useDraft({
    formKey: `marking:${work.recordId}-${work.attempt}`,
    title: `your feedback on ${work.mentor.name}'s Module ${work.moduleNumber}`,
    fields: [{ name: "feedback", label: "Feedback to the mentor", value: feedback }],
    notKept: "The outcome or score you chose is not kept: choose it again.",
    reopen: `open Marking and choose ${work.mentor.name}'s Module ${work.moduleNumber}`,
    enabled: work.canMark,
    onRestore: (v) => setFeedback(v.feedback ?? ""),
  });

  const decide = async (kind: "mark" | "return") => {
    const params = { recordId: work.recordId };
    const updated = await action.run(() =>
      kind === "return"
        ? call(markingEndpoints.return, { params, body: { attempt: work.attempt, feedback } })
        : call(markingEndpoints.mark, {
            params,
            body: {
              attempt: work.attempt,
              feedback,
              ...(isPassResubmit ? (outcome ? { outcome } : {}) : score === "" ? {} : { score: Number(score) }),
            },
          }),
    );
    if (updated) {
      void draft.clear();
      onChange(updated);
      action.setNotice(kind === "mark" ? "Mark saved and queued for the gradebook." : "Work returned to the mentor.");
    }
  };

  return (
    <Page
      title={`Module ${work.moduleNumber}: ${work.moduleTitle}`}
      documentTitle="Mark module work"
      intro={
        <p>
          Submitted by {work.mentor.name}
          {work.mentor.school ? `, ${work.mentor.school}` : ""}.
        </p>
      }
    >
      <p>
        <a href={hrefFor("/marking")}>Back to marking</a>
      </p>
      <p role="status" aria-live="polite">
        {action.notice}
      </p>
      {work.submission && (
        <section aria-labelledby="submitted-work">
          <h2 id="submitted-work">Submission {work.attempt}</h2>
          <h3>Activities</h3>
          <ul>
            {work.submission.activities.map((a) => (
              <li key={a.code}>
                {a.title}: {a.done ? "done" : "not done"}
              </li>
            ))}
          </ul>
          <h3>Reflection</h3>
          <div className="prose">
            <p style={{ whiteSpace: "pre-wrap" }}>{work.submission.reflection}</p>
          </div>
          {work.submission.files.length > 0 && (
            <>
              <h3>Files</h3>
              <ul>
                {work.submission.files.map((f) => (
                  <li key={f.id}>
                    <Button
                      variant="quiet"
                      onClick={() =>
                        void download(modulesEndpoints.workFile, {
                          params: { moduleCode: work.moduleCode, fileId: f.id },
                          query: { mentorUserId: work.mentor.id },
                          fallbackName: f.filename,
                        })
                      }
                    >
                      Download {f.filename}
                    </Button>
                  </li>
                ))}
              </ul>
            </>
          )}
        </section>
      )}
      {work.canMark ? (
        <section aria-labelledby="mark">
          <h2 id="mark">Your decision</h2>
          {action.error ? <ErrorMessage error={action.error} /> : null}
          {draft.offer ? (
            <DraftOffer
              level={3}
              offer={draft.offer}
              of="your feedback"
              onRestore={() => {
                draft.restore();
                feedbackBox.current?.focus();
              }}
              onDiscard={() => {
                void draft.discard();
                feedbackBox.current?.focus();
              }}
            />
          ) : null}
          <form
            onSubmit={(e) => {
              e.preventDefault();
              void decide("mark");
            }}
          >
            {isPassResubmit ? (
              <fieldset className={action.fieldErrors.outcome ? "field field--error" : "field"}>
                <legend className="field__label">Outcome</legend>
                {action.fieldErrors.outcome && <p className="field__error">{action.fieldErrors.outcome}</p>}
                {(["pass", "resubmit"] as const).map((o) => (
                  <div key={o}>
                    <input
                      type="radio"
                      id={`outcome-${o}`}
                      name="outcome"
                      value={o}
                      checked={outcome === o}
                      onChange={() => setOutcome(o)}
                    />{" "}
                    <label htmlFor={`outcome-${o}`}>{o === "pass" ? "Pass" : "Resubmit"}</label>
                  </div>
                ))}
              </fieldset>
            ) : (
              <Field
                label={`Score out of ${work.marking.maximum}`}
                hint={work.marking.passMark !== null ? `The pass mark is ${work.marking.passMark}.` : undefined}
                error={action.fieldErrors.score}
              >
                {(c) => (
                  <input
                    {...c}
                    type="number"
                    inputMode="decimal"
                    min={0}
                    max={work.marking.maximum}
                    value={score}
                    onChange={(e) => setScore(e.target.value)}
                  />
                )}
              </Field>
            )}
            <Field label="Feedback to the mentor" error={action.fieldErrors.feedback}>
              {(c) => (
                <textarea
                  {...c}
                  ref={feedbackBox}
                  rows={6}
                  value={feedback}
                  onChange={(e) => setFeedback(e.target.value)}
                />
              )}
            </Field>
            <p role="status" aria-live="polite" className="field__hint">
              {draft.status}
            </p>
            <Button type="submit" isBusy={action.isBusy} busyLabel="Saving…">
              Save mark
            </Button>{" "}
            <Button
              variant="secondary"
              onClick={() => void decide("return")}
              isBusy={action.isBusy}
              busyLabel="Saving…"
            >
              Return for more work
            </Button>
          </form>
        </section>
      ) : work.canCorrect ? (
        <CorrectMark work={work} onChange={onChange} onNotice={action.setNotice} />
      ) : (
        <p>This work is not waiting to be marked.</p>
      )}
      {work.corrections.length > 0 && (
        <section aria-labelledby="corrections">
          <h2 id="corrections">Corrections of this mark</h2>
          <ol>
            {work.corrections.map((c) => (
              <li key={c.revision}>
                {shortDate(c.correctedAt)}: <strong>{c.before}</strong> → <strong>{c.after}</strong> by{" "}
                {c.correctedByName}
                {c.isFromLms ? " (adopted from the VLE gradebook)" : ""}. Reason: <q>{c.reason}</q>
              </li>
            ))}
          </ol>
        </section>
      )}
      {work.history.length > 0 && (
        <section aria-labelledby="history">
          <h2 id="history">History</h2>
          <ol>
            {work.history.map((h) => (
              <li key={h.attempt}>
                Submission {h.attempt}, {shortDate(h.submittedAt)}:{" "}
                {h.decision ? (
                  <>
                    <strong>{h.decision.label}</strong> by {h.decision.markedByName}.{" "}
                    <q style={{ whiteSpace: "pre-wrap" }}>{h.decision.feedback}</q>
                  </>
                ) : (
                  "not marked yet"
                )}
              </li>
            ))}
          </ol>
        </section>
      )}
    </Page>
  );
}

/**
 * "Correct mark": a new mark that supersedes the current one, with a reason (kept in the decision
 * record). The form opens in place with focus on its first field; Cancel returns focus to the button.
 */
function CorrectMark({
  work,
  onChange,
  onNotice,
}: {
  work: TMarkingDetail;
  onChange: (w: TMarkingDetail) => void;
  onNotice: (n: string) => void;
}) {
  const [isOpen, setOpen] = useState(false);
  const [outcome, setOutcome] = useState<"pass" | "resubmit" | "">("");
  const [score, setScore] = useState("");
  const [feedback, setFeedback] = useState("");
  const [reason, setReason] = useState("");
  const action = useAction();
  const openButton = useRef<HTMLButtonElement>(null);
  const firstField = useRef<HTMLElement | null>(null);
  const wasOpen = useRef(false);
  const isPassResubmit = work.marking.scheme === "pass_resubmit";
  // The reason and feedback are kept as they are typed (#17 item 2); a correction saved clears them.
  const draft = useDraft({
    formKey: `mark-correction:${work.recordId}-${work.attempt}`,
    title: `your correction of ${work.mentor.name}'s mark for Module ${work.moduleNumber}`,
    fields: [
      { name: "reason", label: "Reason for the correction", value: reason },
      { name: "feedback", label: "Feedback to the mentor", value: feedback },
    ],
    notKept: "The corrected outcome or score you chose is not kept: choose it again.",
    reopen: `open Marking, choose ${work.mentor.name}'s Module ${work.moduleNumber} and then Correct mark`,
    onRestore: (v) => {
      setReason(v.reason ?? "");
      setFeedback(v.feedback ?? "");
      setOpen(true);
    },
  });

  useEffect(() => {
    if (isOpen) firstField.current?.focus();
    else if (wasOpen.current) openButton.current?.focus();
    wasOpen.current = isOpen;
  }, [isOpen]);

  const save = async () => {
    const mark = isPassResubmit ? (outcome ? { outcome } : {}) : score === "" ? {} : { score: Number(score) };
    const body = {
      attempt: work.attempt,
      revision: work.markRevision ?? 0,
      ...mark,
      ...(feedback.trim() ? { feedback } : {}),
      reason,
    };
    const updated = await action.run(() =>
      call(markingEndpoints.correct, { params: { recordId: work.recordId }, body }),
    );
    if (updated) {
      void draft.clear();
      setOpen(false);
      setReason("");
      setFeedback("");
      onChange(updated);
      onNotice(
        `Mark corrected to ${updated.latestDecision?.label ?? "the new mark"}; the mentor is told and the gradebook gets the new mark.`,
      );
    }
  };

  return (
    <section aria-labelledby="correct-mark">
      <h2 id="correct-mark">Current mark</h2>
      <p>
        <strong>{work.latestDecision?.label}</strong>
        {work.latestDecision ? ` by ${work.latestDecision.markedByName}` : ""}
        {work.corrections.length > 0
          ? ` (corrected ${work.corrections.length === 1 ? "once" : `${work.corrections.length} times`})`
          : ""}
        .
      </p>
      {draft.offer ? (
        <DraftOffer
          level={3}
          offer={draft.offer}
          of="your correction"
          onRestore={() => {
            draft.restore();
            setTimeout(() => firstField.current?.focus());
          }}
          onDiscard={() => {
            void draft.discard();
            openButton.current?.focus();
          }}
        />
      ) : null}
      {!isOpen ? (
        <Button ref={openButton} variant="secondary" onClick={() => setOpen(true)} aria-expanded={false}>
          Correct mark
        </Button>
      ) : (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
          aria-label="Correct the mark"
        >
          {action.error ? <ErrorMessage error={action.error} /> : null}
          {isPassResubmit ? (
            <fieldset className={action.fieldErrors.outcome ? "field field--error" : "field"}>
              <legend className="field__label">Corrected outcome</legend>
              {action.fieldErrors.outcome && <p className="field__error">{action.fieldErrors.outcome}</p>}
              {(["pass", "resubmit"] as const).map((o, i) => (
                <div key={o}>
                  <input
                    ref={
                      i === 0
                        ? (el) => {
                            firstField.current = el;
                          }
                        : undefined
                    }
                    type="radio"
                    id={`correct-outcome-${o}`}
                    name="correct-outcome"
                    value={o}
                    checked={outcome === o}
                    onChange={() => setOutcome(o)}
                  />{" "}
                  <label htmlFor={`correct-outcome-${o}`}>{o === "pass" ? "Pass" : "Resubmit"}</label>
                </div>
              ))}
            </fieldset>
          ) : (
            <Field
              label={`Corrected score out of ${work.marking.maximum}`}
              hint={work.marking.passMark !== null ? `The pass mark is ${work.marking.passMark}.` : undefined}
              error={action.fieldErrors.score}
            >
              {(c) => (
                <input
                  {...c}
                  ref={(el) => {
                    firstField.current = el;
                  }}
                  type="number"
                  inputMode="decimal"
                  min={0}
                  max={work.marking.maximum}
                  value={score}
                  onChange={(e) => setScore(e.target.value)}
                />
              )}
            </Field>
          )}
          <Field
            label="Reason for the correction"
            hint="Kept in the decision record and shown to the mentor."
            error={action.fieldErrors.reason}
          >
            {(c) => <textarea {...c} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <Field
            label="Feedback to the mentor"
            isOptional
            hint="Leave empty to keep the feedback the mentor already has."
            error={action.fieldErrors.feedback}
          >
            {(c) => <textarea {...c} rows={4} value={feedback} onChange={(e) => setFeedback(e.target.value)} />}
          </Field>
          <p role="status" aria-live="polite" className="field__hint">
            {draft.status}
          </p>
          <Button type="submit" isBusy={action.isBusy} busyLabel="Saving…">
            Save correction
          </Button>{" "}
          <Button variant="secondary" onClick={() => setOpen(false)}>
            Cancel
          </Button>
        </form>
      )}
    </section>
  );
}
