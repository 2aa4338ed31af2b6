import { hoursEndpoints, type THoursBin } from "@contracts/hours";
import { call } from "../api/call";
import { useQuery } from "../api/useQuery";
import { Button } from "../components/Button";
import { ErrorMessage } from "../components/ErrorMessage";
import { shortDate } from "./useAction";

export type THoursBinEntry = THoursBin["entries"][number];

/**
 * The hours bin: entries removed from this ledger in the last 30 days, each with the day it goes
 * for good and a Restore button, so a removal can be undone after "Undo" has gone. `version`
 * changes when the ledger removes or restores, so the bin is read again then.
 */
export function HoursBin({
  mentorUserId,
  version,
  onRestore,
}: {
  mentorUserId?: string;
  version: number;
  onRestore: (entry: THoursBinEntry) => void;
}) {
  const bin = useQuery(
    (signal) => call(hoursEndpoints.bin, { query: { mentorUserId }, signal }),
    [mentorUserId, version],
  );
  if (bin.status === "error") return <ErrorMessage error={bin.error} onRetry={bin.reload} />;
  if (bin.status !== "ready") return null;
  const name = (e: THoursBinEntry) => `“${e.activity}” on ${e.date}`;
  return (
    <section aria-labelledby="hours-bin">
      <h2 id="hours-bin">Bin</h2>
      <p>Hours you remove are kept here for 30 days, then deleted for good.</p>
      {bin.data.entries.length === 0 ? (
        <p>The bin is empty.</p>
      ) : (
        <ul className="bin-list">
          {bin.data.entries.map((e) => (
            <li key={e.id}>
              {name(e)} ({e.hours} hours), removed {shortDate(e.deletedAt)}; kept until {shortDate(e.purgeAt)}.{" "}
              <Button variant="secondary" onClick={() => onRestore(e)}>
                Restore<span className="visually-hidden"> {name(e)}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
