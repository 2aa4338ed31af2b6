import { useState } from "react";
import { creditsEndpoints, type TCreditAward, type TCreditStatus } from "@contracts/credits";
import { call, download } from "../api/call";
import { useQuery } from "../api/useQuery";
import { Button } from "../components/Button";
import { ErrorMessage } from "../components/ErrorMessage";
import { Field } from "../components/Field";
import { Loading } from "../components/Loading";
import { Page } from "../components/Page";
import { Table } from "../components/Table";
import { useAction } from "./useAction";

const statusWords: Record<TCreditStatus, string> = {
  provisional: "Provisional",
  ratified: "Ratified",
  reversed: "Reversed",
};
const day = (iso: string) =>
  new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "short", year: "numeric" });

/** Programme leads: the credit ledger, exam-board ratification, reversal and the registry transcript. */
export function Credits() {
  const [status, setStatus] = useState<"" | TCreditStatus>("");
  const awards = useQuery(
    (signal) => call(creditsEndpoints.list, { query: { status: status || undefined }, signal }),
    [status],
  );
  const action = useAction();
  const [reversing, setReversing] = useState<TCreditAward | null>(null);
  const [reason, setReason] = useState("");
  const [ratifying, setRatifying] = useState<TCreditAward | null>(null);
  const [board, setBoard] = useState({ boardDate: "", boardReference: "" });

  const ratify = (a: TCreditAward) =>
    action.run(async () => {
      await call(creditsEndpoints.ratify, { params: { awardId: a.id }, body: board });
      setRatifying(null);
      setBoard({ boardDate: "", boardReference: "" });
      awards.reload();
    });
  const reverse = (a: TCreditAward) =>
    action.run(async () => {
      await call(creditsEndpoints.reverse, { params: { awardId: a.id }, body: { reason } });
      setReversing(null);
      setReason("");
      awards.reload();
    });

  return (
    <Page
      title="Credits"
      intro={
        <p>
          M-level credit awards stay provisional until you ratify them for the exam board. A reversal is recorded as a
          new ledger line.
        </p>
      }
    >
      <div className="toolbar">
        <Field label="Show">
          {(c) => (
            <select {...c} value={status} onChange={(e) => setStatus(e.target.value as "" | TCreditStatus)}>
              <option value="">All awards</option>
              <option value="provisional">Provisional</option>
              <option value="ratified">Ratified</option>
              <option value="reversed">Reversed</option>
            </select>
          )}
        </Field>
        <Button
          variant="secondary"
          onClick={() =>
            void action.run(() =>
              download(creditsEndpoints.transcript, {
                query: { status: status || undefined },
                fallbackName: "credit-transcript.csv",
              }),
            )
          }
        >
          Download transcript CSV
        </Button>
      </div>
      {action.error ? <ErrorMessage error={action.error} /> : null}
      {awards.status === "loading" && <Loading label="Loading credit awards…" />}
      {awards.status === "error" && <ErrorMessage error={awards.error} onRetry={awards.reload} />}
      {awards.status === "ready" && (
        <Table<TCreditAward>
          caption="Credit awards"
          rows={awards.data.awards}
          rowKey={(a) => a.id}
          emptyMessage="No credit awards yet. An award is written when a mentor meets the programme's credit rule."
          columns={[
            { header: "Mentor", isRowHeader: true, cell: (a) => a.mentor.name },
            { header: "Code", cell: (a) => a.transcriptCode },
            { header: "Credits", align: "end", cell: (a) => `${a.credits} at level ${a.fheqLevel}` },
            { header: "Awarded", cell: (a) => day(a.awardedAt) },
            { header: "Status", cell: (a) => statusWords[a.status] },
            {
              header: "Actions",
              cell: (a) => (
                <div className="actions">
                  {a.status === "provisional" && (
                    <Button
                      onClick={() => setRatifying(a)}
                      isBusy={action.isBusy}
                      aria-label={`Ratify ${a.credits} credits for ${a.mentor.name}`}
                    >
                      Ratify
                    </Button>
                  )}
                  {a.status !== "reversed" && (
                    <Button
                      variant="secondary"
                      onClick={() => setReversing(a)}
                      aria-label={`Reverse the credit for ${a.mentor.name}`}
                    >
                      Reverse
                    </Button>
                  )}
                </div>
              ),
            },
          ]}
        />
      )}
      {ratifying && (
        <form
          className="panel"
          aria-label={`Ratify the credit for ${ratifying.mentor.name}`}
          onSubmit={(e) => {
            e.preventDefault();
            void ratify(ratifying);
          }}
        >
          <h2>
            Ratify {ratifying.credits} credits for {ratifying.mentor.name}
          </h2>
          <p>The registry's transcript shows the exam board that ratified the credit.</p>
          <Field label="Exam board date" error={action.fieldErrors.boardDate}>
            {(c) => (
              <input
                {...c}
                type="date"
                value={board.boardDate}
                onChange={(e) => setBoard({ ...board, boardDate: e.target.value })}
              />
            )}
          </Field>
          <Field
            label="Exam board reference"
            hint="The minute or decision reference, e.g. EB/2026/14"
            error={action.fieldErrors.boardReference}
          >
            {(c) => (
              <input
                {...c}
                type="text"
                maxLength={100}
                value={board.boardReference}
                onChange={(e) => setBoard({ ...board, boardReference: e.target.value })}
              />
            )}
          </Field>
          <div className="actions">
            <Button type="submit" isBusy={action.isBusy}>
              Record the ratification
            </Button>
            <Button variant="secondary" onClick={() => setRatifying(null)}>
              Cancel
            </Button>
          </div>
        </form>
      )}
      {reversing && (
        <form
          className="panel"
          aria-label={`Reverse the credit for ${reversing.mentor.name}`}
          onSubmit={(e) => {
            e.preventDefault();
            void reverse(reversing);
          }}
        >
          <h2>Reverse the credit for {reversing.mentor.name}</h2>
          <Field label="Reason" error={action.fieldErrors.reason} hint="Kept in the ledger with your name and the date">
            {(c) => <textarea {...c} value={reason} onChange={(e) => setReason(e.target.value)} rows={3} />}
          </Field>
          <div className="actions">
            <Button type="submit" isBusy={action.isBusy}>
              Record the reversal
            </Button>
            <Button variant="secondary" onClick={() => setReversing(null)}>
              Cancel
            </Button>
          </div>
        </form>
      )}
    </Page>
  );
}
