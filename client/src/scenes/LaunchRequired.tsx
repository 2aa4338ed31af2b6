import { Layout } from "../components/Layout";
import { Page } from "../components/Page";

/** Shown when /app/ is opened directly, with no launch from a VLE behind it. */
export function LaunchRequired() {
  return (
    <Layout>
      <Page title="Open Mentor Pathways from your course" documentTitle="Open from your course">
        <div className="prose">
          <p>
            Mentor Pathways opens from your university's virtual learning environment (VLE), such as Moodle, Canvas or
            Blackboard, so that it knows who you are and which course you are on.
          </p>
          <h2>How to open it</h2>
          <ol>
            <li>Sign in to your university's VLE.</li>
            <li>Go to your mentor development course.</li>
            <li>Select the Mentor Pathways link in the course.</li>
          </ol>
          <p>If you cannot see the link, ask your course tutor or your university's partnership team.</p>
          <h2>For developers</h2>
          <p>
            <a href="/dev-platform/">Try it with the development platform</a> (available only when the server runs in
            development mode).
          </p>
        </div>
      </Page>
    </Layout>
  );
}
