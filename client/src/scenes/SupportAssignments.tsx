import { useState } from "react";
import { ZSupportAssigned, ZSupportList, type TSupportList } from "@contracts/caseload";
import { apiRequest } from "../api/http";
import { useQuery } from "../api/useQuery";
import { Button } from "../components/Button";
import { ErrorMessage } from "../components/ErrorMessage";
import { Field } from "../components/Field";
import { Loading } from "../components/Loading";
import { Page } from "../components/Page";
import { useAction } from "./useAction";

type Person = TSupportList["leadMentors"][number];

function PersonSelect({ label, people, value, onChange, error }: { label: string; people: Person[]; value: string; onChange: (v: string) => void; error?: string }) {
  return (
    <Field label={label} error={error}>
      {(control) => (
        <select {...control} value={value} onChange={(e) => onChange(e.target.value)}>
          <option value="">Nobody</option>
          {people.map((p) => <option key={p.id} value={p.id}>{p.name}</option>)}
        </select>
      )}
    </Field>
  );
}

/** Programme leads: who leads and tutors each mentor, set by mentor or for a whole school. */
export function SupportAssignments() {
  const list = useQuery((signal) => apiRequest("GET", "/api/support", { schema: ZSupportList, signal }), []);
  const [mentorId, setMentorId] = useState("");
  const [school, setSchool] = useState("");
  const [leadMentorId, setLeadMentorId] = useState("");
  const [tutorId, setTutorId] = useState("");
  const action = useAction();
  if (list.status === "loading") return <Page title="Lead mentors and link tutors"><Loading label="Loading…" /></Page>;
  if (list.status === "error") return <Page title="Lead mentors and link tutors"><ErrorMessage error={list.error} onRetry={list.reload} /></Page>;
  const data = list.data;

  async function assign(event: React.FormEvent) {
    event.preventDefault();
    const body = { leadMentorUserId: leadMentorId || null, linkTutorUserId: tutorId || null };
    const done = await action.run(() =>
      mentorId
        ? apiRequest("PUT", `/api/support/mentors/${encodeURIComponent(mentorId)}`, { schema: ZSupportAssigned, body })
        : apiRequest("POST", "/api/support/schools", { schema: ZSupportAssigned, body: { ...body, school } }),
    );
    if (done) {
      action.setNotice(`Saved for ${done.mentorsUpdated} ${done.mentorsUpdated === 1 ? "mentor" : "mentors"}.`);
      list.reload();
    }
  }

  return (
    <Page title="Lead mentors and link tutors" intro={<p>Choose who leads and tutors each mentor. A lead mentor whose VLE names their mentors gets them from the VLE at each launch.</p>}>
      <form onSubmit={assign} aria-labelledby="assign-heading">
        <h2 id="assign-heading">Assign</h2>
        <Field label="Mentor" hint="Or leave it and choose a school to assign every mentor there." error={action.fieldErrors.mentorUserId}>
          {(control) => (
            <select {...control} value={mentorId} onChange={(e) => setMentorId(e.target.value)}>
              <option value="">Every mentor of a school</option>
              {data.mentors.map((m) => <option key={m.id} value={m.id}>{m.name}</option>)}
            </select>
          )}
        </Field>
        {!mentorId && (
          <Field label="School" error={action.fieldErrors.school}>
            {(control) => (
              <select {...control} value={school} onChange={(e) => setSchool(e.target.value)}>
                <option value="">Choose a school</option>
                {data.schools.map((s) => <option key={s} value={s}>{s}</option>)}
              </select>
            )}
          </Field>
        )}
        <PersonSelect label="Lead mentor" people={data.leadMentors} value={leadMentorId} onChange={setLeadMentorId} error={action.fieldErrors.leadMentorUserId} />
        <PersonSelect label="Link tutor" people={data.tutors} value={tutorId} onChange={setTutorId} error={action.fieldErrors.linkTutorUserId} />
        {action.error !== null && Object.keys(action.fieldErrors).length === 0 && <ErrorMessage error={action.error} />}
        <Button type="submit" isBusy={action.isBusy}>Save</Button>
        <p role="status">{action.notice}</p>
      </form>
      <table>
        <caption>Mentors and who supports them</caption>
        <thead><tr><th scope="col">Mentor</th><th scope="col">School</th><th scope="col">Lead mentor</th><th scope="col">Link tutor</th></tr></thead>
        <tbody>
          {data.mentors.map((m) => (
            <tr key={m.id}>
              <th scope="row">{m.name}</th>
              <td>{m.school ?? "Not recorded"}</td>
              <td>{m.leadMentor ? `${m.leadMentor.name}${m.leadMentorSource === "lms" ? " (from the VLE)" : ""}` : "Nobody"}</td>
              <td>{m.linkTutor?.name ?? "Nobody"}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </Page>
  );
}
