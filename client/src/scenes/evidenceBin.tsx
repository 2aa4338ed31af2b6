import type { TEvidenceBin } from "@contracts/evidence";
import { Button } from "../components/Button";
import { shortDate } from "./useAction";

/** What a bin entry is called in sentences: the evidence's title, or the file and its evidence. */
export const binItemName = (i: TEvidenceBin["items"][number]) =>
  i.kind === "evidence" ? `“${i.evidenceTitle}”` : `“${i.filename}” (from “${i.evidenceTitle}”)`;

/** The evidence bin: what the mentor deleted in the last 30 days, each with the day it goes for good and a Restore button. */
export function EvidenceBin({
  bin,
  onRestore,
}: {
  bin: TEvidenceBin;
  onRestore: (item: TEvidenceBin["items"][number]) => void;
}) {
  return (
    <section aria-labelledby="evidence-bin">
      <h2 id="evidence-bin">Bin</h2>
      <p>
        Evidence and files you delete are kept here for 30 days, then deleted for good. Evidence comes back with its
        files.
      </p>
      {bin.items.length === 0 ? (
        <p>The bin is empty.</p>
      ) : (
        <ul className="bin-list">
          {bin.items.map((i) => (
            <li key={i.id}>
              {i.kind === "evidence" ? "Evidence" : "File"} {binItemName(i)}, deleted {shortDate(i.deletedAt)}; kept
              until {shortDate(i.purgeAt)}.{" "}
              <Button variant="secondary" onClick={() => onRestore(i)}>
                Restore<span className="visually-hidden"> {binItemName(i)}</span>
              </Button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
