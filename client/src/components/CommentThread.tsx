import { useRef, useState } from "react";
import { caseloadEndpoints, type TEvidenceComment } from "@contracts/caseload";
import { call } from "../api/call";
import { DraftOffer } from "../scenes/DraftOffer";
import { useAction } from "../scenes/useAction";
import { useDraft } from "../scenes/useDraft";
import { Button } from "./Button";
import { ErrorMessage } from "./ErrorMessage";
import { Field } from "./Field";
import { TextParagraphs } from "./TextParagraphs";

const roleWords: Record<TEvidenceComment["authorRole"], string> = { mentor: "mentor", leadMentor: "lead mentor" };

/**
 * The thread on one evidence item: the comments, oldest first, and (for the mentor and their lead
 * mentor) a box to add one. `label` names the item, so each thread's form is told apart.
 */
export function CommentThread({
  evidenceId,
  label,
  comments,
  canComment,
}: {
  evidenceId: string;
  label: string;
  comments: TEvidenceComment[];
  canComment: boolean;
}) {
  const [thread, setThread] = useState(comments);
  const [body, setBody] = useState("");
  const action = useAction();
  const box = useRef<HTMLTextAreaElement>(null);
  // A comment being written is kept as it is typed (#17 item 2), one per evidence item.
  const draft = useDraft({
    formKey: `comment:${evidenceId}`,
    title: `your comment on ‘${label}’`,
    fields: [{ name: "body", label: "Comment", value: body }],
    reopen: `open the page where you were commenting on ‘${label}’`,
    enabled: canComment,
    onRestore: (v) => setBody(v.body ?? ""),
  });
  async function send(event: React.FormEvent) {
    event.preventDefault();
    const added = await action.run(() => call(caseloadEndpoints.comment, { body: { evidenceId, body } }));
    if (added) {
      void draft.clear();
      setThread((t) => [...t, added]);
      setBody("");
      action.setNotice("Comment added.");
    }
  }
  return (
    <div className="comment-thread">
      {thread.length === 0 ? (
        <p>No comments yet.</p>
      ) : (
        <ol aria-label={`Comments on ${label}`}>
          {thread.map((c) => (
            <li key={c.id}>
              <p>
                <strong>{c.isMine ? "You" : c.authorName}</strong> ({roleWords[c.authorRole]}),{" "}
                <time dateTime={c.createdAt}>
                  {new Date(c.createdAt).toLocaleDateString("en-GB", {
                    day: "numeric",
                    month: "short",
                    year: "numeric",
                  })}
                </time>
              </p>
              <TextParagraphs text={c.body} />
            </li>
          ))}
        </ol>
      )}
      {canComment && (
        <form onSubmit={send} aria-label={`Comment on ${label}`}>
          {draft.offer ? (
            <DraftOffer
              level={4}
              offer={draft.offer}
              of={`your comment on ‘${label}’`}
              onRestore={() => {
                draft.restore();
                box.current?.focus();
              }}
              onDiscard={() => {
                void draft.discard();
                box.current?.focus();
              }}
            />
          ) : null}
          <Field label="Comment" error={action.fieldErrors.body}>
            {(control) => (
              <textarea
                {...control}
                ref={box}
                rows={3}
                value={body}
                onChange={(e) => setBody(e.target.value)}
                maxLength={4000}
              />
            )}
          </Field>
          {action.error !== null && !action.fieldErrors.body && <ErrorMessage error={action.error} />}
          <Button type="submit" isBusy={action.isBusy} busyLabel="Sending…">
            Add comment
          </Button>
          <p role="status">{action.notice}</p>
          <p role="status" aria-live="polite" className="field__hint">
            {draft.status}
          </p>
        </form>
      )}
    </div>
  );
}
