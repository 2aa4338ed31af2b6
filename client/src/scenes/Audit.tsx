import { useState } from "react";
import { auditEndpoints, type TAuditResponse } from "@contracts/audit";
import { call } from "../api/call";
import { useQuery } from "../api/useQuery";
import { BarChart } from "../components/BarChart";
import { Button } from "../components/Button";
import { ErrorMessage } from "../components/ErrorMessage";
import { Field } from "../components/Field";
import { Loading } from "../components/Loading";
import { Page } from "../components/Page";
import { MentorPagesNav } from "./Mentors";
import { shortDate, useAction, useLoaded } from "./useAction";

/**
 * The mentor audit: confidence per descriptor, the stages to complete, and progress since entry.
 * Mentors rate their own; tutors and leads pass `mentorUserId` to read a mentor's (only the mentor rates).
 */
export function Audit({ mentorUserId }: { mentorUserId?: string }) {
  const loaded = useQuery((signal) => call(auditEndpoints.read, { query: { mentorUserId }, signal }), [mentorUserId]);
  const [audit, setAudit] = useLoaded(loaded);
  if (loaded.status === "loading")
    return (
      <Page title="Mentor audit">
        <Loading label="Loading the audit…" />
      </Page>
    );
  if (loaded.status === "error")
    return (
      <Page title="Mentor audit">
        <ErrorMessage error={loaded.error} onRetry={loaded.reload} />
      </Page>
    );
  if (!audit) return null;
  return mentorUserId ? (
    <MentorAudit audit={audit} mentorUserId={mentorUserId} />
  ) : (
    <AuditForm audit={audit} onChange={setAudit} />
  );
}

/** The stages, with a button to complete one when `onComplete` is given (the mentor's own audit). */
function AuditStages({
  audit,
  onComplete,
  isBusy,
}: {
  audit: TAuditResponse;
  onComplete?: (stage: string, title: string) => void;
  isBusy?: boolean;
}) {
  return (
    <section aria-labelledby="stages">
      <h2 id="stages">Audit stages</h2>
      <ul>
        {audit.stages.map((s) => (
          <li key={s.code}>
            <strong>{s.title}</strong>:{" "}
            {s.completedAt ? (
              `completed ${shortDate(s.completedAt)}`
            ) : !s.isOpen ? (
              `not open yet. ${s.blockers.join(" ")}`
            ) : s.blockers.length > 0 || !onComplete ? (
              s.blockers.join(" ") || "not completed yet"
            ) : (
              <Button variant="secondary" onClick={() => onComplete(s.code, s.title)} isBusy={isBusy}>
                Complete the {s.title.toLowerCase()}
              </Button>
            )}
          </li>
        ))}
      </ul>
    </section>
  );
}

/** Average confidence per standard at each audit stage (entry, before Mastery) and now: the chart staff and mentor both see. */
function AuditProgress({ audit, heading }: { audit: TAuditResponse; heading: string }) {
  const outOf = (value: number | null, none: string) => ({
    value: value ?? 0,
    valueText: value === null ? none : `${value} of ${audit.scale.length}`,
  });
  const chart = audit.standards.flatMap((s) => [
    ...s.stageAverages.map((a) => ({
      label: `${s.code}. ${s.title}: ${a.title.toLowerCase()}`,
      ...outOf(a.average, "not taken yet"),
    })),
    { label: `${s.code}. ${s.title}: now`, ...outOf(s.currentAverage, "not yet rated") },
  ]);
  const stages = audit.stages.map((s) => s.title.toLowerCase());
  return (
    <section aria-labelledby="progress">
      <h2 id="progress">{heading}</h2>
      <BarChart
        title={`Average confidence per standard: ${stages.join(", ")} and now (scale 1 to ${audit.scale.length})`}
        data={chart}
        max={Math.max(...audit.scale.map((p) => p.value))}
      />
    </section>
  );
}

/** A mentor's audit as their tutor or lead reads it: stages, entry-versus-now chart and each rating. */
function MentorAudit({ audit, mentorUserId }: { audit: TAuditResponse; mentorUserId: string }) {
  const name = audit.mentor?.name ?? "Mentor";
  const labelOf = (value: number | null) =>
    value === null ? "Not rated" : `${value}: ${audit.scale.find((p) => p.value === value)?.label ?? ""}`;
  return (
    <Page
      title={`${name}: mentor audit`}
      intro={
        <p>
          How {name} rates their confidence against the national mentor standards. Only the mentor can change these
          ratings.
        </p>
      }
    >
      <MentorPagesNav mentorUserId={mentorUserId} name={name} current="audit" />
      <AuditStages audit={audit} />
      <AuditProgress audit={audit} heading="Progress since entry" />
      {audit.standards.map((s) => (
        <section key={s.code} aria-labelledby={`standard-${s.code}`}>
          <h2 id={`standard-${s.code}`}>
            {s.code}. {s.title}
          </h2>
          <dl>
            {s.descriptors.map((d) => (
              <div key={d.code}>
                <dt>
                  {d.code} {d.text}
                </dt>
                <dd>
                  {labelOf(d.current)}
                  {d.history.length > 1 && d.history[0].reason ? ` (changed: ${d.history[0].reason})` : ""}
                </dd>
              </div>
            ))}
          </dl>
        </section>
      ))}
    </Page>
  );
}

function AuditForm({ audit, onChange }: { audit: TAuditResponse; onChange: (a: TAuditResponse) => void }) {
  const [values, setValues] = useState<Record<string, string>>({});
  const [reasons, setReasons] = useState<Record<string, string>>({});
  const action = useAction();
  const descriptors = audit.standards.flatMap((s) => s.descriptors);
  const pending = descriptors.filter(
    (d) => values[d.code] !== undefined && values[d.code] !== "" && Number(values[d.code]) !== d.current,
  );

  const save = async () => {
    const ratings = pending.map((d) => ({
      descriptor: d.code,
      value: Number(values[d.code]),
      ...(reasons[d.code] ? { reason: reasons[d.code] } : {}),
    }));
    const updated = await action.run(() => call(auditEndpoints.rate, { body: { ratings } }));
    if (updated) {
      onChange(updated);
      setValues({});
      setReasons({});
      action.setNotice(`${ratings.length} rating${ratings.length === 1 ? "" : "s"} saved.`);
    }
  };
  const complete = async (stage: string, title: string) => {
    const updated = await action.run(() => call(auditEndpoints.completeStage, { params: { stage } }));
    if (updated) {
      onChange(updated);
      action.setNotice(`${title} completed.`);
    }
  };
  // Field errors come back by position in the list we sent.
  const errorFor = (code: string, part: string) =>
    action.fieldErrors[`ratings.${pending.findIndex((d) => d.code === code)}.${part}`];

  return (
    <Page
      title="Mentor audit"
      intro={
        <p>
          Rate your confidence against each of the national mentor standards. Take it at entry, and again before you
          start Mastery.
        </p>
      }
    >
      <p role="status" aria-live="polite">
        {action.notice}
      </p>
      {action.error ? <ErrorMessage error={action.error} /> : null}
      <AuditStages audit={audit} onComplete={(code, title) => void complete(code, title)} isBusy={action.isBusy} />
      <AuditProgress audit={audit} heading="Your progress" />
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        {audit.standards.map((s) => (
          <fieldset key={s.code} className="audit-standard">
            <legend>
              <h2>
                {s.code}. {s.title}
              </h2>
            </legend>
            <p>{s.summary}</p>
            {s.descriptors.map((d) => {
              const value = values[d.code] ?? (d.current === null ? "" : String(d.current));
              const isChange = d.current !== null && value !== "" && Number(value) !== d.current;
              return (
                <div key={d.code}>
                  <Field
                    label={`${d.code} ${d.text}`}
                    hint={
                      d.history.length > 1
                        ? `Changed ${d.history.length - 1} time(s); last reason: ${d.history[0].reason ?? "none given"}`
                        : undefined
                    }
                    error={errorFor(d.code, "value")}
                  >
                    {(c) => (
                      <select {...c} value={value} onChange={(e) => setValues({ ...values, [d.code]: e.target.value })}>
                        <option value="">Not rated</option>
                        {audit.scale.map((p) => (
                          <option key={p.value} value={p.value}>
                            {p.value}: {p.label}
                          </option>
                        ))}
                      </select>
                    )}
                  </Field>
                  {isChange && (
                    <Field label={`Reason your confidence in ${d.code} changed`} error={errorFor(d.code, "reason")}>
                      {(c) => (
                        <input
                          {...c}
                          type="text"
                          maxLength={500}
                          value={reasons[d.code] ?? ""}
                          onChange={(e) => setReasons({ ...reasons, [d.code]: e.target.value })}
                        />
                      )}
                    </Field>
                  )}
                </div>
              );
            })}
          </fieldset>
        ))}
        <Button type="submit" disabled={pending.length === 0} isBusy={action.isBusy} busyLabel="Saving…">
          Save {pending.length || ""} rating{pending.length === 1 ? "" : "s"}
        </Button>
      </form>
    </Page>
  );
}
