import { useRef, useState } from "react";
import { modulesEndpoints, type TModuleDetail } from "@contracts/modules";
import { call } from "../api/call";
import { useQuery } from "../api/useQuery";
import { Button } from "../components/Button";
import { ErrorMessage } from "../components/ErrorMessage";
import { Field } from "../components/Field";
import { Loading } from "../components/Loading";
import { Page } from "../components/Page";
import { ProgressBar } from "../components/ProgressBar";
import { TextParagraphs } from "../components/TextParagraphs";
import { hrefFor } from "../router";
import { mentorPath } from "./Mentors";
import { ModuleContent } from "./ModuleContent";
import { ModuleWorkFiles } from "./ModuleWorkFiles";
import { moduleStateLabel } from "./moduleStates";
import { DraftOffer } from "./DraftOffer";
import { useDraft } from "./useDraft";
import { shortDate, useAction, useLoaded } from "./useAction";

/**
 * One module: what it teaches, its activities to tick off, files, the reflection, submission and the tutor's feedback.
 * With `mentorUserId`, staff see a mentor's module as it stands (the server makes it read-only).
 */
export function ModuleDetail({ moduleCode, mentorUserId }: { moduleCode: string; mentorUserId?: string }) {
  const loaded = useQuery(
    (signal) => call(modulesEndpoints.module, { params: { moduleCode }, query: { mentorUserId }, signal }),
    [moduleCode, mentorUserId],
  );
  const [module, setModule] = useLoaded(loaded);
  if (loaded.status === "loading")
    return (
      <Page title="Module">
        <Loading label="Loading the module…" />
      </Page>
    );
  if (loaded.status === "error")
    return (
      <Page title="Module">
        <ErrorMessage error={loaded.error} onRetry={loaded.reload} />
      </Page>
    );
  return module ? <ModuleWork module={module} onChange={setModule} mentorUserId={mentorUserId} /> : null;
}

function ModuleWork({
  module,
  onChange,
  mentorUserId,
}: {
  module: TModuleDetail;
  onChange: (m: TModuleDetail) => void;
  mentorUserId?: string;
}) {
  const [reflection, setReflection] = useState(module.reflection);
  const action = useAction();
  const reflectionBox = useRef<HTMLTextAreaElement>(null);
  // The mentor's reflection is kept as it is typed (#17 item 2); staff only read it.
  const draft = useDraft({
    formKey: `module-work:${module.code}`,
    title: `your reflection for Module ${module.number}`,
    fields: [{ name: "reflection", label: "Module reflection", value: reflection }],
    savedValues: { reflection: module.reflection },
    reopen: `open Modules and then Module ${module.number}`,
    enabled: module.canEdit && !mentorUserId,
    onRestore: (v) => setReflection(v.reflection ?? ""),
  });
  const params = { moduleCode: module.code };
  const save = async (request: () => Promise<TModuleDetail>, done: string) => {
    const updated = await action.run(request);
    if (updated) {
      onChange(updated);
      action.setNotice(done);
    }
    return updated;
  };
  const done = module.activities.filter((a) => a.done).length;

  return (
    <Page title={`Module ${module.number}: ${module.title}`} intro={<p>{module.summary}</p>}>
      <p>
        {mentorUserId ? (
          <a href={hrefFor(mentorPath(mentorUserId))}>Back to the mentor's modules</a>
        ) : (
          <a href={hrefFor("/modules")}>Back to your modules</a>
        )}
      </p>
      <p>
        <strong>Status:</strong> {moduleStateLabel[module.state]}
        {module.submittedAt && module.state === "submitted" ? ` on ${shortDate(module.submittedAt)}` : ""}
      </p>
      {module.opensWhen && (
        <div className="panel" role="note" aria-label="Why this module is locked">
          <p>
            <strong>This module is locked.</strong> {module.opensWhen} You can read what it covers below.
          </p>
        </div>
      )}
      <ProgressBar
        label="Activities done"
        value={done}
        max={module.activities.length}
        valueText={`${done} of ${module.activities.length} activities done`}
      />
      <p role="status" aria-live="polite">
        {action.notice}
      </p>
      {action.error ? <ErrorMessage error={action.error} /> : null}

      <ModuleContent module={module} mentorUserId={mentorUserId} />

      <section aria-labelledby="activities">
        <h2 id="activities">Activities</h2>
        <ul className="activity-list">
          {module.activities.map((a) => (
            <li key={a.code}>
              <input
                type="checkbox"
                id={`activity-${a.code}`}
                checked={a.done}
                disabled={!module.canEdit || action.isBusy}
                aria-describedby={`activity-${a.code}-text`}
                onChange={(e) =>
                  save(
                    () =>
                      call(modulesEndpoints.setActivity, {
                        params: { ...params, activityCode: a.code },
                        body: { completed: e.target.checked },
                      }),
                    `“${a.title}” ${e.target.checked ? "marked done" : "marked not done"}.`,
                  )
                }
              />{" "}
              <label htmlFor={`activity-${a.code}`}>
                <strong>{a.title}</strong>
                {a.required ? "" : " (optional)"}
              </label>
              <div id={`activity-${a.code}-text`}>
                <p>{a.description}</p>
                {a.submit && (
                  <p>
                    <strong>What to submit:</strong> {a.submit}
                  </p>
                )}
              </div>
            </li>
          ))}
        </ul>
      </section>

      {module.state !== "locked" && (
        <section aria-labelledby="reflection">
          <h2 id="reflection">{mentorUserId ? "Reflection" : "Your reflection"}</h2>
          {module.canEdit ? (
            <form
              onSubmit={(e) => {
                e.preventDefault();
                void save(
                  () => call(modulesEndpoints.saveReflection, { params, body: { reflection } }),
                  "Reflection saved.",
                ).then((saved) => saved && draft.clear());
              }}
            >
              {draft.offer ? (
                <DraftOffer
                  level={3}
                  offer={draft.offer}
                  onRestore={() => {
                    draft.restore();
                    reflectionBox.current?.focus();
                  }}
                  onDiscard={() => {
                    void draft.discard();
                    reflectionBox.current?.focus();
                  }}
                />
              ) : null}
              <Field
                label="Module reflection"
                hint="What you did, what you learned and what you will do next."
                error={action.fieldErrors.reflection}
              >
                {(c) => (
                  <textarea
                    {...c}
                    ref={reflectionBox}
                    rows={8}
                    value={reflection}
                    onChange={(e) => setReflection(e.target.value)}
                  />
                )}
              </Field>
              <p className="field__hint" role="status" aria-live="polite">
                {draft.status}
              </p>
              <Button type="submit" variant="secondary" isBusy={action.isBusy} busyLabel="Saving…">
                Save reflection
              </Button>
            </form>
          ) : (
            <div className="prose">
              <TextParagraphs text={module.reflection} empty="No reflection written." />
            </div>
          )}
        </section>
      )}

      <ModuleWorkFiles module={module} action={action} onChange={onChange} mentorUserId={mentorUserId} />

      {module.canEdit && (
        <section aria-labelledby="submit">
          <h2 id="submit">Submit to your tutor</h2>
          {module.submitBlockers.length > 0 && (
            <ul aria-label="Before you can submit">
              {module.submitBlockers.map((b) => (
                <li key={b}>{b}</li>
              ))}
            </ul>
          )}
          <Button
            onClick={() =>
              void save(() => call(modulesEndpoints.submit, { params }), "Module work submitted to your tutor.")
            }
            disabled={!module.canSubmit || reflection !== module.reflection}
            isBusy={action.isBusy}
            busyLabel="Submitting…"
          >
            Submit module work
          </Button>
          {reflection !== module.reflection && <p>Save your reflection before you submit.</p>}
        </section>
      )}

      {module.history.length > 0 && (
        <section aria-labelledby="feedback">
          <h2 id="feedback">Submissions and feedback</h2>
          <ol>
            {module.history.map((h) => (
              <li key={h.attempt}>
                Submission {h.attempt}, {shortDate(h.submittedAt)}:{" "}
                {h.decision ? (
                  <>
                    <strong>{h.decision.label}</strong> from {h.decision.markedByName}.
                    {h.decision.correction && (
                      <p>
                        Corrected on {shortDate(h.decision.correction.correctedAt)} by{" "}
                        {h.decision.correction.correctedByName}
                        {h.decision.correction.isFromLms ? " (from the VLE gradebook)" : ""}: it was{" "}
                        {h.decision.correction.previous}. Reason: <q>{h.decision.correction.reason}</q>
                      </p>
                    )}
                    {h.decision.feedback && (
                      <blockquote className="prose">
                        <TextParagraphs text={h.decision.feedback} />
                      </blockquote>
                    )}
                  </>
                ) : mentorUserId ? (
                  "waiting to be marked"
                ) : (
                  "waiting for your tutor"
                )}
              </li>
            ))}
          </ol>
        </section>
      )}
    </Page>
  );
}
