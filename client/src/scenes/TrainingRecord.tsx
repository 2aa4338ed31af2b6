import { useState } from "react";
import { trainingRecordEndpoints, type TRecognisedTraining } from "@contracts/trainingRecord";
import { call, download as downloadFile } from "../api/call";
import { useQuery } from "../api/useQuery";
import { Button } from "../components/Button";
import { ErrorMessage } from "../components/ErrorMessage";
import { Field } from "../components/Field";
import { Loading } from "../components/Loading";
import { useAction } from "./useAction";

const kindName = (kind: string) => (kind === "refresher" ? "refresher" : "initial");

/**
 * The training record that travels: the mentor's signed record to download (to take to another
 * partnership), a form to recognise one another partnership's tool signed, and what was recognised.
 */
export function TrainingRecord({
  mentorUserId,
  name,
  onImported,
}: {
  mentorUserId?: string;
  name: string;
  onImported: () => void;
}) {
  const loaded = useQuery(
    (signal) => call(trainingRecordEndpoints.recognised, { query: { mentorUserId }, signal }),
    [mentorUserId],
  );
  const [credential, setCredential] = useState("");
  const [message, setMessage] = useState("");
  const download = useAction();
  const importing = useAction();
  const importRecord = async () => {
    const done = await importing.run(() =>
      call(trainingRecordEndpoints.import, { body: { mentorUserId, credential } }),
    );
    if (done) {
      setMessage(done.message);
      setCredential("");
      loaded.reload();
      onImported();
    }
  };
  const readFile = async (file: File | undefined) => {
    if (file) setCredential((await file.text()).trim());
  };
  return (
    <section aria-labelledby="training-record">
      <h2 id="training-record">Training record</h2>
      <p>
        {mentorUserId ? `${name}'s` : "Your"} training record lists the hours by type, modules passed and certificates,
        signed by this partnership so that another partnership's Mentor Pathways can recognise it.
      </p>
      {download.error ? <ErrorMessage error={download.error} /> : null}
      <Button
        variant="secondary"
        isBusy={download.isBusy}
        busyLabel="Preparing…"
        onClick={() =>
          void download.run(() =>
            downloadFile(trainingRecordEndpoints.download, {
              query: { mentorUserId },
              fallbackName: "training-record.jwt",
            }),
          )
        }
      >
        Download training record
      </Button>
      <h3>Recognise training from another partnership</h3>
      <p>
        Recognised hours count toward {mentorUserId ? "the mentor's" : "your"} training as exempted (prior learning):
        they are never funded or claimed here.
      </p>
      <p role="status" aria-live="polite">
        {message}
      </p>
      {importing.error ? <ErrorMessage error={importing.error} /> : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void importRecord();
        }}
      >
        <Field
          label="Training record file"
          isOptional
          hint="The .jwt file another partnership's Mentor Pathways gave you; or paste its text below"
        >
          {(c) => (
            <input
              {...c}
              type="file"
              accept=".jwt,application/vc+jwt,text/plain"
              onChange={(e) => void readFile(e.target.files?.[0])}
            />
          )}
        </Field>
        <Field
          label="Training record"
          hint="The signed record's text, starting eyJ"
          error={importing.fieldErrors.credential}
        >
          {(c) => (
            <textarea
              {...c}
              rows={4}
              spellCheck={false}
              value={credential}
              onChange={(e) => setCredential(e.target.value)}
            />
          )}
        </Field>
        <Button type="submit" isBusy={importing.isBusy} busyLabel="Checking…">
          Recognise training
        </Button>
      </form>
      {loaded.status === "loading" ? <Loading label="Loading recognised training…" /> : null}
      {loaded.status === "error" ? <ErrorMessage error={loaded.error} onRetry={loaded.reload} /> : null}
      {loaded.status === "ready" && loaded.data.records.length > 0 ? (
        <ul>
          {loaded.data.records.map((r) => (
            <RecognisedItem key={r.id} record={r} />
          ))}
        </ul>
      ) : null}
    </section>
  );
}

function RecognisedItem({ record }: { record: TRecognisedTraining }) {
  const hours = record.hours.filter((h) => h.completedHours > 0);
  return (
    <li>
      <strong>{record.label}</strong> (signed {record.issuedAt.slice(0, 10)}, added by {record.importedByName}):{" "}
      {hours.length
        ? hours
            .map(
              (h) =>
                `${h.completedHours} hours of ${kindName(h.kind)} training in ${h.academicYear} from ${h.provider}`,
            )
            .join("; ")
        : "no hours"}
      {record.modules.length ? `; modules passed: ${record.modules.map((m) => m.title).join(", ")}` : ""}
      {record.certificates.length ? `; certificates: ${record.certificates.map((c) => c.title).join(", ")}` : ""}.
    </li>
  );
}
