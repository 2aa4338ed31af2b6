import { keptDrafts, type KeptDraft } from "../api/drafts";
import { Layout } from "../components/Layout";
import { Page } from "../components/Page";

const timeOf = (iso: string) => new Date(iso).toLocaleTimeString("en-GB", { hour: "2-digit", minute: "2-digit" });

/** "Title, Date of the practice and Reflective narrative". */
function listOf(labels: string[]): string {
  return labels.length <= 1 ? labels.join("") : `${labels.slice(0, -1).join(", ")} and ${labels.at(-1)}`;
}

/** Exactly what is kept of one draft, and where (#17 item 2). */
function KeptDraftText({ draft }: { draft: KeptDraft }) {
  const where =
    draft.where === "server"
      ? `Mentor Pathways kept it at ${timeOf(draft.savedAt)}.`
      : `It is kept on this device (in this browser) as at ${timeOf(draft.savedAt)}, not yet by Mentor Pathways: open Mentor Pathways again on this device to get it back.`;
  return (
    <li>
      Your draft of {draft.title} ({draft.words} {draft.words === 1 ? "word" : "words"}) is saved. {where}
      {draft.keptLabels.length > 0 ? ` It keeps what you had in ${listOf(draft.keptLabels)}.` : ""}
      {draft.notKept ? ` ${draft.notKept}` : ""}
      {draft.reopen ? ` To continue, ${draft.reopen}: it offers to restore the draft.` : ""}
    </li>
  );
}

/** Shown when the server no longer accepts the launch token (it expired, or was revoked). */
export function SessionEnded() {
  // Read once, as the session ends: what this page had typed and kept.
  const drafts = keptDrafts();
  return (
    <Layout>
      <Page
        title="Your session has ended"
        documentTitle="Session ended"
        intro={
          <p>
            {drafts.length > 0 ? "Nothing you typed is lost. " : ""}Please launch Mentor Pathways again from your
            course.
          </p>
        }
      >
        <div className="prose">
          {drafts.length > 0 ? (
            <>
              <h2>What is kept</h2>
              <ul>
                {drafts.map((d) => (
                  <KeptDraftText key={d.formKey} draft={d} />
                ))}
              </ul>
              <p>
                Open Mentor Pathways again from your course to continue. Anything you had already saved is safe too.
              </p>
            </>
          ) : (
            <p>
              For your security, Mentor Pathways sessions end after a while. Anything you had already saved is safe.
            </p>
          )}
          <h2>How to carry on</h2>
          <ol>
            <li>Go back to your course in your university's VLE (for example Moodle, Canvas or Blackboard).</li>
            <li>Select the Mentor Pathways link in the course. If the course page is already open, reload it first.</li>
          </ol>
          <p>If this keeps happening, contact your university's partnership team.</p>
        </div>
      </Page>
    </Layout>
  );
}
