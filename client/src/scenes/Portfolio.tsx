import { portfoliosEndpoints } from "@contracts/portfolio";
import { call } from "../api/call";
import { useQuery } from "../api/useQuery";
import { Button } from "../components/Button";
import { Card, CardGrid } from "../components/Card";
import { ErrorMessage } from "../components/ErrorMessage";
import { Loading } from "../components/Loading";
import { Page } from "../components/Page";
import { hrefFor, navigate } from "../router";
import { statusLabel } from "./portfolioWords";
import { useAction } from "./useAction";

/** A mentor's portfolios, one per qualification, and where each stands. */
export function Portfolio() {
  const list = useQuery((signal) => call(portfoliosEndpoints.list, { signal }), []);
  const action = useAction();
  if (list.status === "loading")
    return (
      <Page title="Portfolio">
        <Loading label="Loading your portfolios…" />
      </Page>
    );
  if (list.status === "error")
    return (
      <Page title="Portfolio">
        <ErrorMessage error={list.error} onRetry={list.reload} />
      </Page>
    );
  const start = async (qualificationCode: string) => {
    const created = await action.run(() => call(portfoliosEndpoints.create, { body: { qualificationCode } }));
    if (created) navigate(`/portfolio/${created.id}`);
  };
  return (
    <Page
      title="Portfolio"
      intro={
        <p>
          One portfolio per qualification. Gather <a href={hrefFor("/evidence")}>evidence</a>, include it, check your
          coverage and submit to the review panel.
        </p>
      }
    >
      {action.error ? <ErrorMessage error={action.error} /> : null}
      <CardGrid>
        {list.data.qualifications.map((q) => {
          const portfolio = list.data.portfolios.find((p) => p.qualification.code === q.code);
          return portfolio ? (
            <Card key={q.code} title={q.title} to={`/portfolio/${portfolio.id}`} status={statusLabel[portfolio.status]}>
              <p>{q.summary}</p>
              <p>
                {portfolio.evidenceIds.length} pieces of evidence included; {portfolio.versions.length} submitted
                version{portfolio.versions.length === 1 ? "" : "s"}.
              </p>
            </Card>
          ) : (
            <Card key={q.code} title={q.title} status="Not started">
              <p>{q.summary}</p>
              <Button variant="secondary" isBusy={action.isBusy} onClick={() => void start(q.code)}>
                Start this portfolio<span className="visually-hidden">: {q.title}</span>
              </Button>
            </Card>
          );
        })}
      </CardGrid>
    </Page>
  );
}
