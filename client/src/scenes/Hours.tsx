import { useEffect, useState } from "react";
import { hoursEndpoints, type THoursEntry, type THoursEntryCreate, type THoursLedger } from "@contracts/hours";
import { profileEndpoints, type TMentorProfile } from "@contracts/profile";
import { call } from "../api/call";
import { useQuery } from "../api/useQuery";
import { Button } from "../components/Button";
import { ConfirmButton } from "../components/ConfirmButton";
import { ErrorMessage } from "../components/ErrorMessage";
import { Field } from "../components/Field";
import { Loading } from "../components/Loading";
import { Page } from "../components/Page";
import { ProgressBar } from "../components/ProgressBar";
import { Table } from "../components/Table";
import { MentorPagesNav } from "./Mentors";
import { HoursBin } from "./hoursBin";
import { TrainingRecord } from "./TrainingRecord";
import { pounds, useAction, useLoaded } from "./useAction";

/**
 * A mentor's training-hours ledger: hours against the year's caps, and what the school can claim.
 * Mentors keep their own; tutors and leads pass `mentorUserId` to log hours for a mentor of their course.
 */
export function Hours({ mentorUserId }: { mentorUserId?: string }) {
  const loaded = useQuery((signal) => call(hoursEndpoints.ledger, { query: { mentorUserId }, signal }), [mentorUserId]);
  const [ledger, setLedger] = useLoaded(loaded);
  if (loaded.status === "loading")
    return (
      <Page title="Training hours">
        <Loading label="Loading the hours…" />
      </Page>
    );
  if (loaded.status === "error")
    return (
      <Page title="Training hours">
        <ErrorMessage error={loaded.error} onRetry={loaded.reload} />
      </Page>
    );
  return ledger ? (
    <Ledger ledger={ledger} onChange={setLedger} reload={loaded.reload} mentorUserId={mentorUserId} />
  ) : null;
}

function Ledger({
  ledger,
  onChange,
  reload,
  mentorUserId,
}: {
  ledger: THoursLedger;
  onChange: (l: THoursLedger) => void;
  reload: () => void;
  mentorUserId?: string;
}) {
  const [form, setForm] = useState<
    Omit<Record<keyof THoursEntryCreate, string>, "mentorUserId" | "kind" | "status"> &
      Pick<Required<THoursEntryCreate>, "kind" | "status">
  >({
    date: "",
    activity: "",
    hours: "",
    kind: "initial",
    status: "completed",
    provider: "",
    deliveredBy: "",
  });
  const [warnings, setWarnings] = useState<string[]>([]);
  const [message, setMessage] = useState("");
  // The entry the last removal put in the bin, so "Undo" can bring it straight back.
  const [undo, setUndo] = useState<THoursEntry | null>(null);
  const [focusUndo, setFocusUndo] = useState(false);
  // Bumped on every removal and restore, so the bin below is read again.
  const [binVersion, setBinVersion] = useState(0);
  useEffect(() => {
    if (focusUndo && undo) {
      document.getElementById("undo-remove")?.focus();
      setFocusUndo(false);
    }
  });
  const action = useAction();
  const add = async () => {
    const body = {
      mentorUserId,
      date: form.date,
      activity: form.activity,
      hours: form.hours === "" ? 0 : Number(form.hours),
      kind: form.kind,
      status: form.status,
      ...(form.provider.trim() ? { provider: form.provider } : {}),
      ...(form.deliveredBy.trim() ? { deliveredBy: form.deliveredBy } : {}),
    };
    const updated = await action.run(() => call(hoursEndpoints.log, { body }));
    if (updated) {
      onChange(updated);
      setForm({ ...form, activity: "", hours: "" });
      setWarnings(updated.warnings);
      setMessage("Hours added.");
    }
  };
  const remove = async (entry: THoursEntry) => {
    const ok = await action.run(async () => {
      await call(hoursEndpoints.remove, { params: { entryId: entry.id } });
      return true;
    });
    if (!ok) return;
    // Read afresh in place: a reload would replace the ledger (and its notice and Undo) with a loading message.
    const updated = await action.run(() => call(hoursEndpoints.ledger, { query: { mentorUserId } }));
    if (updated) onChange(updated);
    setMessage(`Removed “${entry.activity}”. It is in the bin for 30 days.`);
    setBinVersion((v) => v + 1);
    setUndo(entry);
    setFocusUndo(true);
  };
  const restore = async (entry: Pick<THoursEntry, "id" | "activity">) => {
    const updated = await action.run(() => call(hoursEndpoints.restore, { params: { entryId: entry.id } }));
    if (updated) {
      onChange(updated);
      setBinVersion((v) => v + 1);
      setUndo(null);
      setMessage(`Restored “${entry.activity}”.`);
    }
  };

  return (
    <Page
      title={mentorUserId ? `${ledger.mentor.name}: training hours` : "Training hours"}
      intro={
        <p>
          {mentorUserId
            ? `${ledger.mentor.name}'s school can claim funding for their mentor training`
            : "Your school can claim funding for your mentor training"}
          , up to the year's caps. School: {ledger.mentor.school ?? "not recorded"}.
        </p>
      }
    >
      {mentorUserId && <MentorPagesNav mentorUserId={mentorUserId} name={ledger.mentor.name} current="hours" />}
      <MentorDetails mentorUserId={mentorUserId} />
      <p role="status" aria-live="polite">
        {message}
      </p>
      {undo && !action.error ? (
        <p>
          <Button id="undo-remove" variant="secondary" onClick={() => void restore(undo)}>
            Undo
            <span className="visually-hidden">
              : restore {undo.activity} on {undo.date}
            </span>
          </Button>
        </p>
      ) : null}
      {warnings.length > 0 && (
        <div role="alert">
          {warnings.map((w) => (
            <p key={w}>{w}</p>
          ))}
        </div>
      )}
      {ledger.years.map((y) => (
        <section key={y.academicYear} aria-labelledby={`year-${y.academicYear}`}>
          <h2 id={`year-${y.academicYear}`}>
            {y.academicYear}
            {y.academicYear === ledger.currentAcademicYear ? " (this year)" : ""}
          </h2>
          {y.fundingMessage && <p role="note">{y.fundingMessage}</p>}
          {y.initialCapHours !== null && (
            <ProgressBar
              label="Initial training (funded)"
              value={y.initialFundedHours}
              max={y.initialCapHours}
              valueText={`${y.initialFundedHours} of ${y.initialCapHours} funded hours (${y.initialHours} logged)`}
            />
          )}
          {y.refresherCapHours !== null && (
            <ProgressBar
              label="Refresher training (funded)"
              value={y.refresherFundedHours}
              max={y.refresherCapHours}
              valueText={`${y.refresherFundedHours} of ${y.refresherCapHours} funded hours (${y.refresherHours} logged)`}
            />
          )}
          {y.unfundedHours > 0 && (
            <p>
              Unfunded: <strong>{y.unfundedHours} hours</strong> (beyond the caps, or exempted through prior learning).
            </p>
          )}
          {y.rateBand.pencePerHour !== null && y.amountPence !== null && (
            <p>
              Funded: <strong>{y.claimableHours} hours</strong> at {pounds(y.rateBand.pencePerHour)} an hour (
              {y.rateBand.label}) = <strong>{pounds(y.amountPence)}</strong>
            </p>
          )}
        </section>
      ))}
      <section aria-labelledby="add-hours">
        <h2 id="add-hours">Add training hours</h2>
        {action.error ? <ErrorMessage error={action.error} /> : null}
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void add();
          }}
        >
          <Field label="Date" error={action.fieldErrors.date}>
            {(c) => (
              <input
                {...c}
                type="date"
                value={form.date}
                onChange={(e) => setForm({ ...form, date: e.target.value })}
              />
            )}
          </Field>
          <Field label="Activity" hint="For example: Mentor training day 1" error={action.fieldErrors.activity}>
            {(c) => (
              <input
                {...c}
                type="text"
                maxLength={200}
                value={form.activity}
                onChange={(e) => setForm({ ...form, activity: e.target.value })}
              />
            )}
          </Field>
          <Field label="Hours" hint="In quarter hours, up to 12" error={action.fieldErrors.hours}>
            {(c) => (
              <input
                {...c}
                type="number"
                step={0.25}
                min={0.25}
                max={12}
                value={form.hours}
                onChange={(e) => setForm({ ...form, hours: e.target.value })}
              />
            )}
          </Field>
          <Field label="Kind of training" error={action.fieldErrors.kind}>
            {(c) => (
              <select
                {...c}
                value={form.kind}
                onChange={(e) => setForm({ ...form, kind: e.target.value as THoursEntryCreate["kind"] })}
              >
                <option value="initial">Initial</option>
                <option value="refresher">Refresher</option>
              </select>
            )}
          </Field>
          <Field
            label="Completed or exempted"
            hint="Exempted hours (recognised prior learning) are recorded but not funded"
            error={action.fieldErrors.status}
          >
            {(c) => (
              <select
                {...c}
                value={form.status}
                onChange={(e) => setForm({ ...form, status: e.target.value as Required<THoursEntryCreate>["status"] })}
              >
                <option value="completed">Completed</option>
                <option value="exempted">Exempted (prior learning)</option>
              </select>
            )}
          </Field>
          <Field label="Provider" hint="Leave blank for this partnership" error={action.fieldErrors.provider}>
            {(c) => (
              <input
                {...c}
                type="text"
                maxLength={200}
                value={form.provider}
                onChange={(e) => setForm({ ...form, provider: e.target.value })}
              />
            )}
          </Field>
          <Field
            label="Delivered by"
            hint="The lead mentor who delivered it, or the session"
            error={action.fieldErrors.deliveredBy}
          >
            {(c) => (
              <input
                {...c}
                type="text"
                maxLength={200}
                value={form.deliveredBy}
                onChange={(e) => setForm({ ...form, deliveredBy: e.target.value })}
              />
            )}
          </Field>
          <Button type="submit" isBusy={action.isBusy} busyLabel="Adding…">
            Add hours
          </Button>
        </form>
      </section>
      <TrainingRecord mentorUserId={mentorUserId} name={ledger.mentor.name} onImported={reload} />
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
          { header: "Funded", align: "end", cell: (e) => (e.fundedHours === null ? "Not set" : e.fundedHours) },
          { header: "Status", cell: (e) => e.recognisedFrom ?? (e.status === "exempted" ? "Exempted" : "Completed") },
          { header: "Provider and deliverer", cell: (e) => [e.provider, e.deliveredBy].filter(Boolean).join(": ") },
          { header: "Logged by", cell: (e) => e.loggedByName },
          {
            header: "Actions",
            cell: (e) =>
              e.canDelete ? (
                <ConfirmButton
                  label={
                    <>
                      Remove
                      <span className="visually-hidden">
                        {" "}
                        {e.activity} on {e.date}
                      </span>
                    </>
                  }
                  question={`Remove “${e.activity}” on ${e.date}?`}
                  confirmLabel="Yes, remove"
                  onConfirm={() => void remove(e)}
                />
              ) : null,
          },
        ]}
      />
      <HoursBin mentorUserId={mentorUserId} version={binVersion} onRestore={(e) => void restore(e)} />
    </Page>
  );
}

/** The mentor's TRN, school URN and (where the programme asks) date of birth, for the school's claim. */
function MentorDetails({ mentorUserId }: { mentorUserId?: string }) {
  const loaded = useQuery((signal) => call(profileEndpoints.read, { query: { mentorUserId }, signal }), [mentorUserId]);
  const [profile, setProfile] = useLoaded(loaded);
  if (loaded.status === "loading") return <Loading label="Loading details…" />;
  if (loaded.status === "error") return <ErrorMessage error={loaded.error} onRetry={loaded.reload} />;
  return profile ? <MentorDetailsForm profile={profile} onSaved={setProfile} mentorUserId={mentorUserId} /> : null;
}

function MentorDetailsForm({
  profile,
  onSaved,
  mentorUserId,
}: {
  profile: TMentorProfile;
  onSaved: (p: TMentorProfile) => void;
  mentorUserId?: string;
}) {
  const [form, setForm] = useState({
    trn: profile.trn ?? "",
    schoolUrn: profile.schoolUrn ?? "",
    dateOfBirth: profile.dateOfBirth ?? "",
  });
  const [message, setMessage] = useState("");
  const action = useAction();
  const save = async () => {
    const body = {
      mentorUserId,
      trn: form.trn,
      schoolUrn: form.schoolUrn,
      ...(profile.asksDateOfBirth ? { dateOfBirth: form.dateOfBirth || null } : {}),
    };
    const saved = await action.run(() => call(profileEndpoints.save, { body }));
    if (saved) {
      onSaved(saved);
      setMessage("Details saved.");
    }
  };
  return (
    <section aria-labelledby="mentor-details">
      <h2 id="mentor-details">Details for the funding claim</h2>
      <p>
        {profile.name}
        {profile.email ? ` (${profile.email})` : ""}. Student identifier: {profile.sourcedId ?? "not sent by the VLE"}.
      </p>
      <p role="status" aria-live="polite">
        {message}
      </p>
      {action.error ? <ErrorMessage error={action.error} /> : null}
      {profile.canEdit ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save();
          }}
        >
          <Field label="Teacher reference number (TRN)" hint="7 digits" error={action.fieldErrors.trn}>
            {(c) => (
              <input
                {...c}
                type="text"
                inputMode="numeric"
                autoComplete="off"
                maxLength={7}
                value={form.trn}
                onChange={(e) => setForm({ ...form, trn: e.target.value })}
              />
            )}
          </Field>
          <Field
            label="School URN"
            hint="Your school's unique reference number: 6 digits"
            error={action.fieldErrors.schoolUrn}
          >
            {(c) => (
              <input
                {...c}
                type="text"
                inputMode="numeric"
                autoComplete="off"
                maxLength={6}
                value={form.schoolUrn}
                onChange={(e) => setForm({ ...form, schoolUrn: e.target.value })}
              />
            )}
          </Field>
          {profile.asksDateOfBirth && (
            <Field
              label="Date of birth"
              hint={profile.dateOfBirthReason ?? undefined}
              error={action.fieldErrors.dateOfBirth}
            >
              {(c) => (
                <input
                  {...c}
                  type="date"
                  autoComplete="bday"
                  value={form.dateOfBirth}
                  onChange={(e) => setForm({ ...form, dateOfBirth: e.target.value })}
                />
              )}
            </Field>
          )}
          <Button type="submit" variant="secondary" isBusy={action.isBusy} busyLabel="Saving…">
            Save details
          </Button>
        </form>
      ) : (
        <p>
          TRN: {profile.trn ?? "not entered"}. School URN: {profile.schoolUrn ?? "not entered"}.
        </p>
      )}
    </section>
  );
}
