import { caseloadEndpoints } from "@contracts/caseload";
import type { TPortfolioStatus } from "@contracts/portfolio";
import { call } from "../api/call";
import { useQuery } from "../api/useQuery";
import { CommentThread } from "../components/CommentThread";
import { ErrorMessage } from "../components/ErrorMessage";
import { Loading } from "../components/Loading";
import { Page } from "../components/Page";
import { hrefFor } from "../router";
import { useHasRole } from "../SessionContext";
import { flagWords } from "./Caseload";

export const portfolioStatusWords: Record<TPortfolioStatus, string> = {
  draft: "draft",
  awaiting_round: "submitted, waiting for a panel round",
  in_review: "with the panel",
  needs_lead_decision: "waiting for the programme lead's decision",
  approved: "approved",
  resubmit: "to resubmit",
};

/** A mentor's evidence and portfolio drafts, read-only, for their lead mentor and the course's staff; with comment threads. */
export function MentorWork({ mentorUserId }: { mentorUserId: string }) {
  const work = useQuery(
    (signal) => call(caseloadEndpoints.mentorWork, { params: { mentorUserId }, signal }),
    [mentorUserId],
  );
  const isLeadMentor = useHasRole("leadMentor");
  if (work.status === "loading")
    return (
      <Page title="Mentor's work">
        <Loading label="Loading the mentor's work…" />
      </Page>
    );
  if (work.status === "error")
    return (
      <Page title="Mentor's work">
        <ErrorMessage error={work.error} onRetry={work.reload} />
      </Page>
    );
  const { mentor, evidence, portfolios, abilities } = work.data;
  return (
    <Page
      title={`${mentor.name}'s work`}
      intro={
        <p>
          Read only: {mentor.name} owns this evidence and these drafts.{" "}
          {abilities.comment ? "You can comment on each piece of evidence; they see it and can reply." : ""}
        </p>
      }
    >
      <p>
        <a href={hrefFor(isLeadMentor ? "/" : "/mentors")}>{isLeadMentor ? "Back to your caseload" : "All mentors"}</a>
      </p>
      <section aria-labelledby="glance">
        <h2 id="glance">At a glance</h2>
        <ul>
          <li>{mentor.school ?? "School not recorded"}</li>
          <li>
            Modules passed: {mentor.modulesPassed} of {mentor.modulesTotal}
          </li>
          <li>Audit: {mentor.auditStagesDone.length ? mentor.auditStagesDone.join(", ") : "not started"}</li>
          <li>
            Training hours in {mentor.academicYear}: {mentor.hoursThisYear}
          </li>
          <li>Needs attention: {mentor.flags.length ? mentor.flags.map((f) => flagWords[f]).join("; ") : "nothing"}</li>
        </ul>
      </section>
      <section aria-labelledby="drafts">
        <h2 id="drafts">Portfolio drafts</h2>
        {portfolios.length === 0 ? (
          <p>No portfolio started yet.</p>
        ) : (
          portfolios.map((p) => (
            <article key={p.id} aria-labelledby={`portfolio-${p.id}`}>
              <h3 id={`portfolio-${p.id}`}>
                {p.qualification.title} ({portfolioStatusWords[p.status]})
              </h3>
              <p>{p.evidenceIds.length} pieces of evidence included.</p>
              <div
                className="prose"
                dangerouslySetInnerHTML={{ __html: p.narrativeHtml || "<p>No overall narrative yet.</p>" }}
              />
            </article>
          ))
        )}
      </section>
      <section aria-labelledby="evidence">
        <h2 id="evidence">Evidence</h2>
        {evidence.length === 0 && <p>No evidence yet.</p>}
        {evidence.map((e) => (
          <article key={e.id} aria-labelledby={`evidence-${e.id}`} className="evidence-item">
            <h3 id={`evidence-${e.id}`}>{e.title}</h3>
            <p>
              Practice on <time dateTime={e.practiceDate}>{e.practiceDate}</time>
              {e.standards.length
                ? `; standards ${e.standards.map((s) => s.descriptorCode || s.standardCode).join(", ")}`
                : ""}
            </p>
            <div className="prose" dangerouslySetInnerHTML={{ __html: e.narrativeHtml }} />
            <h4>Comments</h4>
            <CommentThread evidenceId={e.id} label={e.title} comments={e.comments} canComment={abilities.comment} />
          </article>
        ))}
      </section>
    </Page>
  );
}
