import { useState } from "react";
import type { TLmsMark } from "@contracts/gradebook";
import { gradebookApi } from "../api/gradebookApi";
import { useQuery } from "../api/useQuery";
import { Button } from "../components/Button";
import { Card } from "../components/Card";
import { ErrorMessage } from "../components/ErrorMessage";
import { Loading } from "../components/Loading";
import { Table } from "../components/Table";

const fraction = (score: number, maximum: number) => `${score} / ${maximum}`;

/**
 * Marks entered or changed in the VLE gradebook, read back when the marking page opens: adopt
 * one in one click (it becomes the module's mark, or corrects the mark already given, with the
 * VLE as the reason), or keep the tool's mark; a mark changed in both places is a conflict a
 * person settles either way.
 */
export function LmsMarks({ onAdopted }: { onAdopted: () => void }) {
  // Opening the marking page reads the VLE's gradebook afresh (a POST: it records what it finds).
  const read = useQuery((signal) => gradebookApi.readLmsMarks(signal), []);
  const [busy, setBusy] = useState<string | null>(null);
  const [error, setError] = useState<unknown>(null);
  const [message, setMessage] = useState("");

  const settle = async (mark: TLmsMark, how: "adopt" | "dismiss") => {
    setBusy(`${mark.id}:${how}`);
    setError(null);
    setMessage("");
    try {
      await gradebookApi.settleLmsMark(mark.id, how);
      setMessage(
        how === "dismiss"
          ? `Kept the tool's mark for ${mark.mentor.name}, ${mark.module.label}.`
          : mark.adoptAs === "correction"
            ? `Corrected the mark for ${mark.mentor.name}, ${mark.module.label}, to the VLE's mark; the decision record and the mentor are told.`
            : `Adopted the VLE's mark for ${mark.mentor.name}, ${mark.module.label}.`,
      );
      read.reload();
      if (how === "adopt") onAdopted();
    } catch (err) {
      setError(err);
    } finally {
      setBusy(null);
    }
  };

  return (
    <Card title="Marks from the VLE gradebook">
      <p>
        Marks a tutor entered or changed in the VLE's gradebook. Adopt one to make it the module's mark here; where the
        module is already marked, adopting corrects that mark.
      </p>
      <p role="status" aria-live="polite">
        {message}
      </p>
      {error !== null && <ErrorMessage error={error} />}
      {read.status === "loading" && <Loading label="Reading the VLE gradebook…" />}
      {read.status === "error" && <ErrorMessage error={read.error} onRetry={read.reload} />}
      {read.status === "ready" && (
        <Table<TLmsMark>
          caption="Marks in the VLE that differ from Mentor Pathways"
          rows={read.data.marks}
          rowKey={(m) => m.id}
          emptyMessage="No marks from the VLE are waiting."
          columns={[
            { header: "Mentor", isRowHeader: true, cell: (m) => m.mentor.name },
            { header: "Module", cell: (m) => m.module.label },
            {
              header: "In the VLE",
              cell: (m) => (
                <>
                  <strong>{fraction(m.lms.score, m.lms.maximum)}</strong> from {m.source}
                  {m.lms.comment && (
                    <p>
                      <q>{m.lms.comment}</q>
                    </p>
                  )}
                </>
              ),
            },
            {
              header: "In Mentor Pathways",
              cell: (m) => (
                <>
                  {m.tool ? fraction(m.tool.scoreGiven, m.tool.scoreMaximum) : "Not marked"}
                  {m.toolPending && (
                    <p>
                      Changed here to <strong>{fraction(m.toolPending.scoreGiven, m.toolPending.scoreMaximum)}</strong>,
                      not yet in the VLE.
                    </p>
                  )}
                </>
              ),
            },
            {
              header: "State",
              cell: (m) => (m.kind === "conflict" ? <strong>Changed in both places</strong> : "Changed in the VLE"),
            },
            {
              header: "Action",
              cell: (m) => (
                <>
                  {m.canAdopt ? (
                    <Button
                      isBusy={busy === `${m.id}:adopt`}
                      busyLabel="Adopting…"
                      onClick={() => void settle(m, "adopt")}
                      aria-label={`${m.adoptAs === "correction" ? "Correct the mark to" : "Adopt"} the VLE's mark: ${m.mentor.name}, ${m.module.label}`}
                    >
                      {m.adoptAs === "correction" ? "Use the VLE's mark" : "Adopt"}
                    </Button>
                  ) : (
                    <p>{m.whyNotAdoptable}</p>
                  )}{" "}
                  <Button
                    variant="secondary"
                    isBusy={busy === `${m.id}:dismiss`}
                    busyLabel="Saving…"
                    onClick={() => void settle(m, "dismiss")}
                    aria-label={`Keep the tool's mark: ${m.mentor.name}, ${m.module.label}`}
                  >
                    Keep the tool's mark
                  </Button>
                </>
              ),
            },
          ]}
        />
      )}
    </Card>
  );
}
