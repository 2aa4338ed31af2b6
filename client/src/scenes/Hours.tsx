import { useState } from "react";
import { ZHoursLedger, type THoursEntry, type THoursLedger } from "@contracts/hours";
import { z } from "zod";
import { apiRequest } from "../api/http";
import { useQuery } from "../api/useQuery";
import { Button } from "../components/Button";
import { ErrorMessage } from "../components/ErrorMessage";
import { Field } from "../components/Field";
import { Loading } from "../components/Loading";
import { Page } from "../components/Page";
import { ProgressBar } from "../components/ProgressBar";
import { Table } from "../components/Table";
import { MentorPagesNav } from "./Mentors";
import { pounds, useAction, useLoaded } from "./useAction";

/**
 * A mentor's training-hours ledger: hours against the year's caps, and what the school can claim.
 * Mentors keep their own; tutors and leads pass `mentorUserId` to log hours for a mentor of their course.
 */
export function Hours({ mentorUserId }: { mentorUserId?: string }) {
  const loaded = useQuery((signal) => apiRequest("GET", "/api/hours", { schema: ZHoursLedger, query: { mentorUserId }, signal }), [mentorUserId]);
  const [ledger, setLedger] = useLoaded(loaded);
  if (loaded.status === "loading") return <Page title="Training hours"><Loading label="Loading the hours…" /></Page>;
  if (loaded.status === "error") return <Page title="Training hours"><ErrorMessage error={loaded.error} onRetry={loaded.reload} /></Page>;
  return ledger ? <Ledger ledger={ledger} onChange={setLedger} reload={loaded.reload} mentorUserId={mentorUserId} /> : null;
}

function Ledger({ ledger, onChange, reload, mentorUserId }: { ledger: THoursLedger; onChange: (l: THoursLedger) => void; reload: () => void; mentorUserId?: string }) {
  const [form, setForm] = useState({ date: "", activity: "", hours: "", kind: "initial" });
  const [message, setMessage] = useState("");
  const action = useAction();
  const add = async () => {
    const body = { mentorUserId, date: form.date, activity: form.activity, hours: form.hours === "" ? 0 : Number(form.hours), kind: form.kind };
    const updated = await action.run(() => apiRequest("POST", "/api/hours", { body, schema: ZHoursLedger }));
    if (updated) {
      onChange(updated);
      setForm({ ...form, activity: "", hours: "" });
      setMessage("Hours added.");
    }
  };
  const remove = async (entry: THoursEntry) => {
    const ok = await action.run(async () => {
      await apiRequest("DELETE", `/api/hours/entries/${entry.id}`, { schema: z.undefined() });
      return true;
    });
    if (ok) {
      setMessage(`Removed “${entry.activity}”.`);
      reload();
    }
  };

  return (
    <Page
      title={mentorUserId ? `${ledger.mentor.name}: training hours` : "Training hours"}
      intro={
        <p>
          {mentorUserId ? `${ledger.mentor.name}'s school can claim funding for their mentor training` : "Your school can claim funding for your mentor training"}, up to the
          year's caps. School: {ledger.mentor.school ?? "not recorded"}.
        </p>
      }
    >
      {mentorUserId && <MentorPagesNav mentorUserId={mentorUserId} name={ledger.mentor.name} current="hours" />}
      <p role="status" aria-live="polite">{message}</p>
      {ledger.years.map((y) => (
        <section key={y.academicYear} aria-labelledby={`year-${y.academicYear}`}>
          <h2 id={`year-${y.academicYear}`}>{y.academicYear}{y.academicYear === ledger.currentAcademicYear ? " (this year)" : ""}</h2>
          <ProgressBar label="Initial training" value={y.initialHours} max={y.initialCapHours} valueText={`${y.initialHours} of ${y.initialCapHours} hours`} />
          <ProgressBar label="Refresher training" value={y.refresherHours} max={y.refresherCapHours} valueText={`${y.refresherHours} of ${y.refresherCapHours} hours`} />
          <p>
            Claimable: <strong>{y.claimableHours} hours</strong> at {pounds(y.rateBand.pencePerHour)} an hour ({y.rateBand.label}) = <strong>{pounds(y.amountPence)}</strong>
          </p>
        </section>
      ))}
      <section aria-labelledby="add-hours">
        <h2 id="add-hours">Add training hours</h2>
        {action.error ? <ErrorMessage error={action.error} /> : null}
        <form onSubmit={(e) => { e.preventDefault(); void add(); }}>
          <Field label="Date" error={action.fieldErrors.date}>{(c) => <input {...c} type="date" value={form.date} onChange={(e) => setForm({ ...form, date: e.target.value })} />}</Field>
          <Field label="Activity" hint="For example: Mentor training day 1" error={action.fieldErrors.activity}>{(c) => <input {...c} type="text" maxLength={200} value={form.activity} onChange={(e) => setForm({ ...form, activity: e.target.value })} />}</Field>
          <Field label="Hours" hint="In quarter hours, up to 12" error={action.fieldErrors.hours}>{(c) => <input {...c} type="number" step={0.25} min={0.25} max={12} value={form.hours} onChange={(e) => setForm({ ...form, hours: e.target.value })} />}</Field>
          <Field label="Kind of training" error={action.fieldErrors.kind}>
            {(c) => (
              <select {...c} value={form.kind} onChange={(e) => setForm({ ...form, kind: e.target.value })}>
                <option value="initial">Initial</option>
                <option value="refresher">Refresher</option>
              </select>
            )}
          </Field>
          <Button type="submit" isBusy={action.isBusy} busyLabel="Adding…">Add hours</Button>
        </form>
      </section>
      <Table<THoursEntry>
        caption={mentorUserId ? `${ledger.mentor.name}'s training hours` : "Your training hours"}
        rows={ledger.entries}
        rowKey={(e) => e.id}
        emptyMessage="No hours logged yet."
        columns={[
          { header: "Date", isRowHeader: true, cell: (e) => e.date },
          { header: "Activity", cell: (e) => e.activity },
          { header: "Kind", cell: (e) => (e.kind === "initial" ? "Initial" : "Refresher") },
          { header: "Hours", align: "end", cell: (e) => e.hours },
          { header: "Logged by", cell: (e) => e.loggedByName },
          { header: "Actions", cell: (e) => (e.canDelete ? <Button variant="quiet" onClick={() => void remove(e)} aria-label={`Remove ${e.activity} on ${e.date}`}>Remove</Button> : null) },
        ]}
      />
    </Page>
  );
}
