import { Layout } from "../components/Layout";
import { Page } from "../components/Page";

/** Shown when the server no longer accepts the launch token (it expired, or was revoked). */
export function SessionEnded() {
  return (
    <Layout>
      <Page
        title="Your session has ended"
        documentTitle="Session ended"
        intro={<p>Please launch Mentor Pathways again from your course.</p>}
      >
        <div className="prose">
          <p>For your security, Mentor Pathways sessions end after a while. Anything you had already saved is safe.</p>
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
