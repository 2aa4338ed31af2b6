import { modulesEndpoints, type TModuleSummary } from "@contracts/modules";
import { call } from "../api/call";
import { useQuery } from "../api/useQuery";
import { Card, CardGrid } from "../components/Card";
import { ErrorMessage } from "../components/ErrorMessage";
import { Loading } from "../components/Loading";
import { Page } from "../components/Page";
import { ProgressBar } from "../components/ProgressBar";
import { MentorPagesNav, mentorPath } from "./Mentors";
import { moduleStateLabel } from "./moduleStates";

function statusOf(module: TModuleSummary): string {
  if (module.state === "graded" && module.passed)
    return module.latestDecision ? `Passed: ${module.latestDecision.label}` : "Passed";
  return moduleStateLabel[module.state];
}

/**
 * A mentor's pathway: each module's state by level, and how far they have got. Mentors see
 * their own; tutors and leads pass `mentorUserId` to look at one of their course's mentors.
 */
export function Modules({ mentorUserId }: { mentorUserId?: string }) {
  const pathway = useQuery(
    (signal) => call(modulesEndpoints.pathway, { query: { mentorUserId }, signal }),
    [mentorUserId],
  );
  const title = mentorUserId ? "Mentor's modules" : "Your modules";
  if (pathway.status === "loading")
    return (
      <Page title={title}>
        <Loading label="Loading the modules…" />
      </Page>
    );
  if (pathway.status === "error")
    return (
      <Page title={title}>
        <ErrorMessage error={pathway.error} onRetry={pathway.reload} />
      </Page>
    );
  const { modules, levels, passedCount, programmeTitle, mentor } = pathway.data;
  const moduleLink = (code: string) =>
    mentorUserId ? mentorPath(mentorUserId, `modules/${encodeURIComponent(code)}`) : `/modules/${code}`;
  return (
    <Page
      title={mentorUserId ? `${mentor.name}: modules` : title}
      intro={
        <p>
          {programmeTitle}.{" "}
          {mentorUserId
            ? "Passing the Entry modules opens the Mastery modules."
            : "Work through the Entry modules; passing them opens the Mastery modules."}
        </p>
      }
    >
      {mentorUserId && <MentorPagesNav mentorUserId={mentorUserId} name={mentor.name} current="" />}
      <ProgressBar
        label="Modules passed"
        value={passedCount}
        max={modules.length}
        valueText={`${passedCount} of ${modules.length} modules passed`}
      />
      {levels.map((level) => (
        <section key={level.code} aria-labelledby={`level-${level.code}`}>
          <h2 id={`level-${level.code}`}>{level.title}</h2>
          <p>{level.summary}</p>
          <CardGrid label={`${level.title} modules`}>
            {modules
              .filter((m) => m.level === level.code)
              .map((m) => (
                <Card
                  key={m.code}
                  headingLevel={3}
                  title={`Module ${m.number}: ${m.title}`}
                  to={moduleLink(m.code)}
                  status={statusOf(m)}
                >
                  <p>{m.summary}</p>
                  {m.state === "locked" ? (
                    <ul aria-label="Why it is locked">
                      {m.lockedReasons.map((r) => (
                        <li key={r}>{r}</li>
                      ))}
                    </ul>
                  ) : (
                    <p>
                      {m.activitiesDone} of {m.activitiesTotal} activities done · {m.notionalHours} notional hours
                    </p>
                  )}
                </Card>
              ))}
          </CardGrid>
        </section>
      ))}
    </Page>
  );
}
