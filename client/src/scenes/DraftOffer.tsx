import { useId } from "react";
import type { DraftCopy } from "../api/drafts";
import { wordsIn } from "../api/drafts";
import { Button } from "../components/Button";

const whenKept = (iso: string) =>
  new Date(iso).toLocaleString("en-GB", { day: "numeric", month: "long", hour: "2-digit", minute: "2-digit" });

/**
 * Offers a draft kept from before (#17 item 2) at the top of its form: what it is, where and when
 * it was kept, and Restore or Discard. Nothing is put into the form until the person chooses.
 */
export function DraftOffer({
  offer,
  onRestore,
  onDiscard,
  level = 2,
  of,
}: {
  offer: DraftCopy;
  onRestore: () => void;
  onDiscard: () => void;
  level?: 2 | 3 | 4;
  /** What it is a draft of, where a page has more than one form that keeps drafts. */ of?: string;
}) {
  const Heading = `h${level}` as const;
  // Two forms on one page may each offer a draft.
  const headingId = useId();
  const title = offer.fields.find((f) => f.name === "title")?.value.trim();
  const words = wordsIn(offer.fields);
  return (
    <section className="card" aria-labelledby={headingId} style={{ marginBottom: "1rem" }}>
      <Heading id={headingId}>
        {of ? `You have an unsaved draft of ${of}` : "You have a draft you had not saved"}
      </Heading>
      <p>
        {title ? <>“{title}”, </> : null}
        {words} {words === 1 ? "word" : "words"}, kept{" "}
        {offer.where === "server" ? "by Mentor Pathways" : "on this device"} at {whenKept(offer.savedAt)}. Restore it to
        carry on writing, or discard it to start again.
      </p>
      <div style={{ display: "flex", gap: "0.5rem", flexWrap: "wrap" }}>
        <Button onClick={onRestore}>Restore the draft</Button>
        <Button variant="secondary" onClick={onDiscard}>
          Discard the draft
        </Button>
      </div>
    </section>
  );
}
