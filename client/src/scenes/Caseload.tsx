import { caseloadEndpoints, type TAttentionFlag, type TMentorGlance } from "@contracts/caseload";
import { call } from "../api/call";
import { useQuery } from "../api/useQuery";
import { ErrorMessage } from "../components/ErrorMessage";
import { Loading } from "../components/Loading";
import { Page } from "../components/Page";
import { Table } from "../components/Table";
import { hrefFor } from "../router";
import { portfolioStatusWords } from "./MentorWork";
import { Notices } from "./Notices";

/** What each "needs attention" flag means, in the lead mentor's words. */
export const flagWords: Record<TAttentionFlag, string> = {
  noRecentEvidence: "No evidence in 30 days",
  auditBeforeMastery: "Audit before Mastery not done",
  resubmissionPending: "Resubmission pending",
  hoursOverCap: "Hours over the funded cap",
};

/** The in-app path of one mentor's work, read-only. */
export const mentorWorkPath = (mentorUserId: string) => `/mentor-work/${encodeURIComponent(mentorUserId)}`;

/** Lead mentors: the mentors assigned to them, how each is getting on, and who needs attention. */
export function Caseload() {
  const caseload = useQuery((signal) => call(caseloadEndpoints.caseload, { signal }), []);
  return (
    <Page
      title="Your caseload"
      intro={
        <p>
          The mentors you lead. Open a mentor to read their evidence and portfolio drafts and to comment on their
          evidence.
        </p>
      }
    >
      <Notices isQuietWhenEmpty />
      {caseload.status === "loading" && <Loading label="Loading your caseload…" />}
      {caseload.status === "error" && <ErrorMessage error={caseload.error} onRetry={caseload.reload} />}
      {caseload.status === "ready" && (
        <Table<TMentorGlance>
          caption="Mentors you lead"
          rows={caseload.data.mentors}
          rowKey={(m) => m.id}
          emptyMessage="No mentors are assigned to you yet. Your programme lead or your VLE assigns them."
          columns={[
            { header: "Mentor", isRowHeader: true, cell: (m) => <a href={hrefFor(mentorWorkPath(m.id))}>{m.name}</a> },
            { header: "School", cell: (m) => m.school ?? "Not recorded" },
            {
              header: "Modules passed",
              cell: (m) =>
                `${m.modulesPassed} of ${m.modulesTotal}${m.modulesSubmitted ? ` (${m.modulesSubmitted} waiting to be marked)` : ""}`,
            },
            { header: "Audit", cell: (m) => `${m.auditStagesDone.length} of ${m.auditStagesTotal} stages` },
            { header: "Hours", cell: (m) => `${m.hoursThisYear} in ${m.academicYear}` },
            {
              header: "Evidence",
              cell: (m) => `${m.evidenceCount}${m.lastEvidenceAddedOn ? `, last added ${m.lastEvidenceAddedOn}` : ""}`,
            },
            {
              header: "Portfolio",
              cell: (m) =>
                m.portfolios.length
                  ? m.portfolios.map((p) => `${p.title}: ${portfolioStatusWords[p.status]}`).join("; ")
                  : "Not started",
            },
            {
              header: "Needs attention",
              cell: (m) =>
                m.flags.length ? (
                  <ul className="flags">
                    {m.flags.map((f) => (
                      <li key={f}>{flagWords[f]}</li>
                    ))}
                  </ul>
                ) : (
                  "Nothing"
                ),
            },
          ]}
        />
      )}
    </Page>
  );
}
