import { useState } from "react";
import type { TRecordSheet } from "@contracts/recordSheets";
import { recordSheetsApi } from "../api/recordSheetsApi";
import { useQuery } from "../api/useQuery";
import { Button } from "../components/Button";
import { ErrorMessage } from "../components/ErrorMessage";
import { Field } from "../components/Field";
import { Loading } from "../components/Loading";
import { Page } from "../components/Page";
import { shortDate, useAction } from "./useAction";

const statusWords: Record<TRecordSheet["status"], string> = {
  draft: "Not submitted yet",
  submitted: "Waiting for sign-off",
  signed: "Signed off, waiting for release",
  released: "Signed off: certificate issued",
};
const signerWords: Record<TRecordSheet["signedOffBy"][number], string> = {
  linkTutor: "link tutor",
  leadMentor: "lead mentor",
  coordinatingMentor: "school's coordinating mentor",
};
/** "link tutor or lead mentor", "link tutor, lead mentor or school's coordinating mentor". */
const signersInWords = (signers: TRecordSheet["signedOffBy"]) => {
  const words = signers.map((s) => signerWords[s]);
  return words.length <= 1 ? words.join("") : `${words.slice(0, -1).join(", ")} or ${words[words.length - 1]}`;
};

/** The mentor's own sheet: fill in the programme's fields, save, and submit for sign-off. */
function OwnSheet({ sheet, onChanged }: { sheet: TRecordSheet; onChanged: () => void }) {
  const [values, setValues] = useState<Record<string, string>>(sheet.values);
  const action = useAction();
  const headingId = `sheet-${sheet.qualification.code}`;
  const body = () => ({ values, expectedVersion: sheet.version });
  async function save(submit: boolean) {
    const done = await action.run(() =>
      submit
        ? recordSheetsApi.submit(sheet.qualification.code, body())
        : recordSheetsApi.save(sheet.qualification.code, body()),
    );
    if (done) {
      action.setNotice(submit ? "Submitted for sign-off." : "Saved.");
      onChanged();
    }
  }
  return (
    <section aria-labelledby={headingId} className="card">
      <h3 id={headingId}>{sheet.qualification.title}</h3>
      <p>
        Status: <strong>{statusWords[sheet.status]}</strong>. Signed off by your {signersInWords(sheet.signedOffBy)}.
      </p>
      {sheet.signOff && (
        <p>
          Signed off by {sheet.signOff.name} ({signerWords[sheet.signOff.role]}) on {shortDate(sheet.signOff.at)}
          {sheet.signOff.comment ? `: “${sheet.signOff.comment}”` : "."}
        </p>
      )}
      {sheet.abilities.edit ? (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save(true);
          }}
        >
          {action.error !== null && <ErrorMessage error={action.error} />}
          {sheet.fields.map((f) => (
            <Field
              key={f.code}
              label={f.label}
              hint={f.hint || (f.kind === "date" ? "For example, 2026-12-12" : undefined)}
              error={action.fieldErrors[`values.${f.code}`]}
              isOptional={!f.required}
            >
              {(control) =>
                f.kind === "longText" ? (
                  <textarea
                    {...control}
                    rows={4}
                    value={values[f.code] ?? ""}
                    onChange={(e) => setValues({ ...values, [f.code]: e.target.value })}
                  />
                ) : (
                  <input
                    {...control}
                    type={f.kind === "date" ? "date" : "text"}
                    value={values[f.code] ?? ""}
                    onChange={(e) => setValues({ ...values, [f.code]: e.target.value })}
                  />
                )
              }
            </Field>
          ))}
          <div className="actions">
            <Button variant="secondary" isBusy={action.isBusy} onClick={() => void save(false)}>
              Save draft
            </Button>
            <Button type="submit" isBusy={action.isBusy} busyLabel="Submitting…">
              Submit for sign-off
            </Button>
          </div>
        </form>
      ) : (
        <SheetValues sheet={sheet} />
      )}
      {action.notice && <p role="status">{action.notice}</p>}
    </section>
  );
}

function SheetValues({ sheet }: { sheet: TRecordSheet }) {
  return (
    <dl>
      {sheet.fields.map((f) => (
        <div key={f.code}>
          <dt>{f.label}</dt>
          <dd>{sheet.values[f.code] || "Not given"}</dd>
        </div>
      ))}
    </dl>
  );
}

/** A submitted sheet the signer may sign off, or a signed one the lead may release. */
function SheetToAct({
  sheet,
  kind,
  onChanged,
}: {
  sheet: TRecordSheet;
  kind: "signOff" | "release";
  onChanged: () => void;
}) {
  const [comment, setComment] = useState("");
  const action = useAction();
  const headingId = `${kind}-${sheet.id}`;
  const title = `${sheet.mentor.name}: ${sheet.qualification.title}`;
  return (
    <article aria-labelledby={headingId} className="card">
      <h3 id={headingId}>{title}</h3>
      {sheet.submittedAt && <p>Submitted {shortDate(sheet.submittedAt)}.</p>}
      <SheetValues sheet={sheet} />
      {sheet.signOff && (
        <p>
          Signed off by {sheet.signOff.name} ({signerWords[sheet.signOff.role]}) on {shortDate(sheet.signOff.at)}.
        </p>
      )}
      <form
        onSubmit={async (e) => {
          e.preventDefault();
          const done = await action.run(() =>
            kind === "signOff"
              ? recordSheetsApi.signOff(sheet.id!, { comment, expectedVersion: sheet.version })
              : recordSheetsApi.release(sheet.id!, sheet.version),
          );
          if (done) onChanged();
        }}
      >
        {action.error !== null && <ErrorMessage error={action.error} />}
        {kind === "signOff" && (
          <Field label={`Comment for ${sheet.mentor.name}`} isOptional error={action.fieldErrors.comment}>
            {(control) => (
              <textarea {...control} rows={3} value={comment} onChange={(e) => setComment(e.target.value)} />
            )}
          </Field>
        )}
        <Button type="submit" isBusy={action.isBusy} aria-describedby={headingId}>
          {kind === "signOff" ? "Sign off" : "Release the award"}
        </Button>
      </form>
    </article>
  );
}

/**
 * Record sheets, where the programme certifies a level by sign-off: mentors fill in and submit
 * theirs; their link tutor, lead mentor or school's coordinating mentor (as the programme says)
 * signs it off; the programme lead releases the award.
 */
export function RecordSheets() {
  const list = useQuery((signal) => recordSheetsApi.list(signal), []);
  const [notice, setNotice] = useState("");
  const changed = (message: string) => () => {
    setNotice(message);
    list.reload();
  };
  return (
    <Page
      title="Record sheets"
      intro={
        <p>
          Where the programme certifies a level by a record sheet: the mentor completes it, a second person signs it off
          and the programme lead releases the certificate.
        </p>
      }
    >
      <p role="status">{notice}</p>
      {list.status === "loading" && <Loading label="Loading record sheets…" />}
      {list.status === "error" && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {list.status === "ready" && (
        <>
          {list.data.mine.length > 0 && (
            <section aria-labelledby="mine">
              <h2 id="mine">Your record sheets</h2>
              {list.data.mine.map((s) => (
                <OwnSheet key={`${s.qualification.code}-${s.version}`} sheet={s} onChanged={list.reload} />
              ))}
            </section>
          )}
          <section aria-labelledby="to-sign">
            <h2 id="to-sign">To sign off</h2>
            {list.data.toSignOff.length === 0 && <p>No record sheets are waiting for your signature.</p>}
            {list.data.toSignOff.map((s) => (
              <SheetToAct
                key={s.id}
                sheet={s}
                kind="signOff"
                onChanged={changed(`You signed off ${s.mentor.name}'s record sheet.`)}
              />
            ))}
          </section>
          {list.data.toRelease.length > 0 && (
            <section aria-labelledby="to-release">
              <h2 id="to-release">To release</h2>
              {list.data.toRelease.map((s) => (
                <SheetToAct
                  key={s.id}
                  sheet={s}
                  kind="release"
                  onChanged={changed(`You released ${s.mentor.name}'s award.`)}
                />
              ))}
            </section>
          )}
        </>
      )}
    </Page>
  );
}
