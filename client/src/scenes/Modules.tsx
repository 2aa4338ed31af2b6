import { ZPathwayResponse, type TModuleSummary } from "@contracts/modules";
import { apiRequest } from "../api/http";
import { useQuery } from "../api/useQuery";
import { Card, CardGrid } from "../components/Card";
import { ErrorMessage } from "../components/ErrorMessage";
import { Loading } from "../components/Loading";
import { Page } from "../components/Page";
import { ProgressBar } from "../components/ProgressBar";
import { moduleStateLabel } from "./moduleStates";

function statusOf(module: TModuleSummary): string {
  if (module.state === "graded" && module.passed) return module.latestDecision ? `Passed: ${module.latestDecision.label}` : "Passed";
  return moduleStateLabel[module.state];
}

/** The mentor's pathway: each module's state by level, and how far they have got. */
export function Modules() {
  const pathway = useQuery((signal) => apiRequest("GET", "/api/modules", { schema: ZPathwayResponse, signal }), []);
  if (pathway.status === "loading") return <Page title="Your modules"><Loading label="Loading your modules…" /></Page>;
  if (pathway.status === "error") return <Page title="Your modules"><ErrorMessage error={pathway.error} onRetry={pathway.reload} /></Page>;
  const { modules, levels, passedCount, programmeTitle } = pathway.data;
  return (
    <Page title="Your modules" intro={<p>{programmeTitle}. Work through the Entry modules; passing them opens the Mastery modules.</p>}>
      <ProgressBar label="Modules passed" value={passedCount} max={modules.length} valueText={`${passedCount} of ${modules.length} modules passed`} />
      {levels.map((level) => (
        <section key={level.code} aria-labelledby={`level-${level.code}`}>
          <h2 id={`level-${level.code}`}>{level.title}</h2>
          <p>{level.summary}</p>
          <CardGrid label={`${level.title} modules`}>
            {modules
              .filter((m) => m.level === level.code)
              .map((m) => (
                <Card key={m.code} headingLevel={3} title={`Module ${m.number}: ${m.title}`} to={m.state === "locked" ? undefined : `/modules/${m.code}`} status={statusOf(m)}>
                  <p>{m.summary}</p>
                  {m.state === "locked" ? (
                    <ul aria-label="Why it is locked">{m.lockedReasons.map((r) => <li key={r}>{r}</li>)}</ul>
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
