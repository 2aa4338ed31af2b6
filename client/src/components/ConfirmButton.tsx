import { useEffect, useRef, useState, type ReactNode } from "react";
import { Button } from "./Button";

/**
 * A button for something that takes a thing away ("Delete", "Remove") that asks once, in place:
 * "Delete “Title”? Yes, delete / Cancel". Focus goes to Cancel, so a second Enter never
 * deletes by accident, and comes back to the button when the person cancels.
 */
export function ConfirmButton(p: {
  label: ReactNode;
  question: string;
  confirmLabel: string;
  onConfirm: () => void;
  variant?: "secondary" | "quiet";
}) {
  const [isAsking, setAsking] = useState(false);
  const cancelRef = useRef<HTMLButtonElement>(null);
  const openerRef = useRef<HTMLButtonElement>(null);
  const returnFocus = useRef(false);
  useEffect(() => {
    if (isAsking) cancelRef.current?.focus();
    else if (returnFocus.current) {
      returnFocus.current = false;
      openerRef.current?.focus();
    }
  }, [isAsking]);

  if (!isAsking) {
    return (
      <Button ref={openerRef} variant={p.variant ?? "quiet"} onClick={() => setAsking(true)}>
        {p.label}
      </Button>
    );
  }
  return (
    <span className="confirm" role="group" aria-label={p.question}>
      <span className="confirm__question">{p.question}</span>{" "}
      <Button
        variant="secondary"
        onClick={() => {
          setAsking(false);
          p.onConfirm();
        }}
      >
        {p.confirmLabel}
      </Button>{" "}
      <Button
        ref={cancelRef}
        variant="quiet"
        onClick={() => {
          returnFocus.current = true;
          setAsking(false);
        }}
      >
        Cancel
      </Button>
    </span>
  );
}
