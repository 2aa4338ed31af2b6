import { useState } from "react";
import { panelEndpoints } from "@contracts/panel";
import { call } from "../api/call";
import { useQuery } from "../api/useQuery";
import { Button } from "../components/Button";
import { ErrorMessage } from "../components/ErrorMessage";
import { Field } from "../components/Field";
import { Loading } from "../components/Loading";
import { useAction } from "./useAction";

export interface RoundFields {
  name: string;
  date: string;
  memberUserIds: string[];
  status?: "open" | "closed";
}

/**
 * The round form a lead uses to create a round and to correct one later (name, date, members,
 * open or closed). `save` returns a confirmation to announce, or nothing when it failed.
 */
export function PanelRoundForm(props: {
  initial: RoundFields;
  submitLabel: string;
  busyLabel: string;
  save: (fields: RoundFields) => Promise<string | undefined>;
  resetAfterSave?: boolean;
}) {
  const people = useQuery((signal) => call(panelEndpoints.candidates, { signal }), []);
  const [fields, setFields] = useState<RoundFields>(props.initial);
  const action = useAction();
  const set = (patch: Partial<RoundFields>) => setFields((f) => ({ ...f, ...patch }));
  const submit = async () => {
    const done = await action.run(async () => {
      const text = await props.save(fields);
      if (!text) throw new Error("not saved");
      return text;
    });
    if (done) {
      action.setNotice(done);
      if (props.resetAfterSave) setFields(props.initial);
    }
  };
  const members = fields.memberUserIds;
  return (
    <>
      <p role="status" aria-live="polite">
        {action.notice}
      </p>
      {action.error ? <ErrorMessage error={action.error} /> : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void submit();
        }}
        noValidate
      >
        <Field label="Name" hint="For example: Spring 2027 panel" error={action.fieldErrors.name}>
          {(c) => <input {...c} value={fields.name} onChange={(e) => set({ name: e.target.value })} />}
        </Field>
        <Field label="Date the panel meets" error={action.fieldErrors.date}>
          {(c) => <input {...c} type="date" value={fields.date} onChange={(e) => set({ date: e.target.value })} />}
        </Field>
        {fields.status && (
          <Field label="Status" hint="A closed round takes no new portfolios." error={action.fieldErrors.status}>
            {(c) => (
              <select
                {...c}
                value={fields.status}
                onChange={(e) => set({ status: e.target.value as "open" | "closed" })}
              >
                <option value="open">Open</option>
                <option value="closed">Closed</option>
              </select>
            )}
          </Field>
        )}
        <fieldset className="field">
          <legend className="field__label">Members</legend>
          <p className="field__hint">
            Tutors and leads of this course who have opened the tool or appear on the roster.
          </p>
          {action.fieldErrors.memberUserIds && <p className="field__error">{action.fieldErrors.memberUserIds}</p>}
          {people.status === "ready" ? (
            people.data.people.map((p) => (
              <div key={p.userId}>
                <input
                  type="checkbox"
                  id={`m-${p.userId}`}
                  checked={members.includes(p.userId)}
                  onChange={(e) =>
                    set({
                      memberUserIds: e.target.checked ? [...members, p.userId] : members.filter((x) => x !== p.userId),
                    })
                  }
                />{" "}
                <label htmlFor={`m-${p.userId}`}>{p.name}</label>
              </div>
            ))
          ) : people.status === "error" ? (
            <ErrorMessage error={people.error} />
          ) : (
            <Loading />
          )}
        </fieldset>
        <Button type="submit" isBusy={action.isBusy} busyLabel={props.busyLabel}>
          {props.submitLabel}
        </Button>
      </form>
    </>
  );
}
