import { caseloadEndpoints, type TMySupport } from "@contracts/caseload";
import { supportEndpoints } from "@contracts/support";
import { call } from "../api/call";
import { useQuery } from "../api/useQuery";
import { Card } from "../components/Card";
import { CommentThread } from "../components/CommentThread";
import { ErrorMessage } from "../components/ErrorMessage";
import { Loading } from "../components/Loading";
import { Page } from "../components/Page";

type Person = TMySupport["leadMentor"];
const personLine = (p: Person) => (p ? `${p.name}${p.email ? ` (${p.email})` : ""}` : "Not assigned yet");
const longDate = (day: string) =>
  new Date(`${day}T00:00:00Z`).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });

/** Mentors: who does what around them (lead mentor, link tutor, coordinating mentor), the next panel round, what is expected next, and their lead mentor's comments. */
export function MySupport() {
  const support = useQuery((signal) => call(supportEndpoints.mine, { signal }), []);
  const threads = useQuery((signal) => call(caseloadEndpoints.commentThreads, { signal }), []);
  return (
    <Page
      title="Who does what"
      intro={<p>The people who support you, the next panel round and what is expected of you next.</p>}
    >
      {support.status === "loading" && <Loading label="Loading…" />}
      {support.status === "error" && <ErrorMessage error={support.error} onRetry={support.reload} />}
      {support.status === "ready" && (
        <>
          <section aria-labelledby="people">
            <h2 id="people">Your people</h2>
            <dl>
              <dt>Lead mentor</dt>
              <dd>{personLine(support.data.leadMentor)}</dd>
              <dt>Link tutor</dt>
              <dd>{personLine(support.data.linkTutor)}</dd>
              <dt>Coordinating mentor at your school</dt>
              <dd>{personLine(support.data.coordinatingMentor)}</dd>
              <dt>Next panel round</dt>
              <dd>
                {support.data.nextRound
                  ? `${support.data.nextRound.name}, meeting on ${longDate(support.data.nextRound.date)}`
                  : "No round is planned yet"}
              </dd>
            </dl>
          </section>
          <section aria-labelledby="next">
            <h2 id="next">What to do next</h2>
            <ol>
              {support.data.nextSteps.map((s) => (
                <li key={s}>{s}</li>
              ))}
            </ol>
          </section>
        </>
      )}
      <section aria-labelledby="comments">
        <h2 id="comments">Comments on your evidence</h2>
        {threads.status === "loading" && <Loading label="Loading comments…" />}
        {threads.status === "error" && <ErrorMessage error={threads.error} onRetry={threads.reload} />}
        {threads.status === "ready" && threads.data.threads.length === 0 && <p>No comments yet.</p>}
        {threads.status === "ready" &&
          threads.data.threads.map((t) => (
            <article key={t.evidenceId} aria-labelledby={`thread-${t.evidenceId}`}>
              <h3 id={`thread-${t.evidenceId}`}>{t.evidenceTitle}</h3>
              <CommentThread evidenceId={t.evidenceId} label={t.evidenceTitle} comments={t.comments} canComment />
            </article>
          ))}
      </section>
    </Page>
  );
}

/** Home card for mentors: who does what. */
export function MySupportCard() {
  return (
    <Card title="Who does what" to="/support">
      <p>
        Your lead mentor, link tutor and coordinating mentor, the next panel round, what to do next and comments on your
        evidence.
      </p>
    </Card>
  );
}
