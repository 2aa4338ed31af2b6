import { useState } from "react";
import type { TSupportList } from "@contracts/caseload";
import { supportEndpoints } from "@contracts/support";
import { call } from "../api/call";
import { useQuery } from "../api/useQuery";
import { Button } from "../components/Button";
import { ErrorMessage } from "../components/ErrorMessage";
import { Field } from "../components/Field";
import { Loading } from "../components/Loading";
import { Page } from "../components/Page";
import { useAction } from "./useAction";

type Person = TSupportList["leadMentors"][number];
type Row = TSupportList["mentors"][number];

/** "" keeps what is there (the field is left out), NOBODY clears it, anything else is a person's id. */
const NOBODY = "__nobody__";
const choice = (value: string) => (value === "" ? undefined : value === NOBODY ? null : value);
const schoolKey = (s: string) => s.trim().replace(/\s+/g, " ").toLocaleLowerCase("en-GB");

function PersonSelect({
  label,
  hint,
  people,
  value,
  onChange,
  error,
}: {
  label: string;
  hint?: string;
  people: Person[];
  value: string;
  onChange: (v: string) => void;
  error?: string;
}) {
  return (
    <Field label={label} hint={hint} error={error}>
      {(control) => (
        <select {...control} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">Keep as it is</option>
          <option value={NOBODY}>Nobody</option>
          {people.map((p) => (
            <option key={p.id} value={p.id}>
              {p.name}
            </option>
          ))}
        </select>
      )}
    </Field>
  );
}

const sourceWords: Record<NonNullable<Row["leadMentorSource"]>, string> = {
  lms: " (from the VLE)",
  programmeLead: "",
  school: " (the school's)",
};
const named = (p: Person | null, source?: Row["leadMentorSource"]) =>
  p ? `${p.name}${source ? sourceWords[source] : ""}` : "Nobody";

/**
 * Programme leads: who leads and tutors each mentor, set by mentor or for a whole school (which
 * reaches mentors who join the school later), and each school's coordinating mentor.
 */
export function SupportAssignments() {
  const list = useQuery((signal) => call(supportEndpoints.list, { signal }), []);
  const [mentorId, setMentorId] = useState("");
  const [school, setSchool] = useState("");
  const [leadMentorId, setLeadMentorId] = useState("");
  const [tutorId, setTutorId] = useState("");
  const [coordinatorId, setCoordinatorId] = useState("");
  const action = useAction();
  const title = "Lead mentors, link tutors and coordinating mentors";
  if (list.status === "loading")
    return (
      <Page title={title}>
        <Loading label="Loading…" />
      </Page>
    );
  if (list.status === "error")
    return (
      <Page title={title}>
        <ErrorMessage error={list.error} onRetry={list.reload} />
      </Page>
    );
  const data = list.data;
  const atSchool = school ? data.schoolPeople.filter((p) => schoolKey(p.school) === schoolKey(school)) : [];

  async function assign(event: React.FormEvent) {
    event.preventDefault();
    const body = { leadMentorUserId: choice(leadMentorId), linkTutorUserId: choice(tutorId) };
    const done = await action.run(() =>
      mentorId
        ? call(supportEndpoints.assign, { params: { mentorUserId: mentorId }, body })
        : call(supportEndpoints.assignSchool, {
            body: { ...body, school, coordinatingMentorUserId: choice(coordinatorId) },
          }),
    );
    if (done) {
      action.setNotice(
        mentorId
          ? "Saved for 1 mentor."
          : `Saved for ${school}: ${done.mentorsUpdated} ${done.mentorsUpdated === 1 ? "mentor" : "mentors"} there now, and anyone who joins it later.`,
      );
      list.reload();
    }
  }

  return (
    <Page
      title={title}
      intro={
        <p>
          Choose who leads and tutors each mentor, one by one or for every mentor of a school, now and later. A lead
          mentor whose VLE names their mentors gets them from the VLE at each launch.
        </p>
      }
    >
      <form onSubmit={assign} aria-labelledby="assign-heading">
        <h2 id="assign-heading">Assign</h2>
        <Field
          label="Mentor"
          hint="Or leave it and choose a school to assign every mentor there."
          error={action.fieldErrors.mentorUserId}
        >
          {(control) => (
            <select {...control} value={mentorId} onChange={(e) => setMentorId(e.target.value)}>
              <option value="">Every mentor of a school</option>
              {data.mentors.map((m) => (
                <option key={m.id} value={m.id}>
                  {m.name}
                </option>
              ))}
            </select>
          )}
        </Field>
        {!mentorId && (
          <Field label="School" error={action.fieldErrors.school}>
            {(control) => (
              <select
                {...control}
                value={school}
                onChange={(e) => {
                  setSchool(e.target.value);
                  setCoordinatorId("");
                }}
              >
                <option value="">Choose a school</option>
                {data.schools.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            )}
          </Field>
        )}
        <PersonSelect
          label="Lead mentor"
          people={data.leadMentors}
          value={leadMentorId}
          onChange={setLeadMentorId}
          error={action.fieldErrors.leadMentorUserId}
        />
        <PersonSelect
          label="Link tutor"
          people={data.tutors}
          value={tutorId}
          onChange={setTutorId}
          error={action.fieldErrors.linkTutorUserId}
        />
        {!mentorId && school && (
          <PersonSelect
            label="Coordinating mentor"
            hint={`Someone at ${school} who coordinates mentoring there.`}
            people={atSchool}
            value={coordinatorId}
            onChange={setCoordinatorId}
            error={action.fieldErrors.coordinatingMentorUserId}
          />
        )}
        {action.error !== null && Object.keys(action.fieldErrors).length === 0 && <ErrorMessage error={action.error} />}
        <Button type="submit" isBusy={action.isBusy}>
          Save
        </Button>
        <p role="status">{action.notice}</p>
      </form>
      {data.schoolAssignments.length > 0 && (
        <div className="table-scroll">
          <table className="table">
            <caption>Assigned by school</caption>
            <thead>
              <tr>
                <th scope="col">School</th>
                <th scope="col">Lead mentor</th>
                <th scope="col">Link tutor</th>
                <th scope="col">Coordinating mentor</th>
              </tr>
            </thead>
            <tbody>
              {data.schoolAssignments.map((s) => (
                <tr key={s.school}>
                  <th scope="row">{s.school}</th>
                  <td data-label="Lead mentor">{named(s.leadMentor)}</td>
                  <td data-label="Link tutor">{named(s.linkTutor)}</td>
                  <td data-label="Coordinating mentor">{named(s.coordinatingMentor)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <div className="table-scroll">
        <table className="table">
          <caption>Mentors and who supports them</caption>
          <thead>
            <tr>
              <th scope="col">Mentor</th>
              <th scope="col">School</th>
              <th scope="col">Lead mentor</th>
              <th scope="col">Link tutor</th>
              <th scope="col">Coordinating mentor</th>
            </tr>
          </thead>
          <tbody>
            {data.mentors.map((m) => (
              <tr key={m.id}>
                <th scope="row">{m.name}</th>
                <td data-label="School">{m.school ?? "Not recorded"}</td>
                <td data-label="Lead mentor">{named(m.leadMentor, m.leadMentorSource)}</td>
                <td data-label="Link tutor">{named(m.linkTutor, m.linkTutorSource)}</td>
                <td data-label="Coordinating mentor">{named(m.coordinatingMentor)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
    </Page>
  );
}
