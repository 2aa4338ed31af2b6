import { useEffect, useRef, useState } from "react";
import { portfoliosEndpoints, type TPortfolio, type TPriorLearningRouteInfo } from "@contracts/portfolio";
import { call } from "../api/call";
import { Button } from "../components/Button";
import { ErrorMessage } from "../components/ErrorMessage";
import { Field } from "../components/Field";
import { DraftOffer } from "./DraftOffer";
import { useAction } from "./useAction";
import { useDraft } from "./useDraft";

/** What a prior-learning route waives and requires, as sentences for the mentor and the panel. */
export function routeRequirements(route: TPriorLearningRouteInfo): string[] {
  const lines: string[] = [];
  if (route.waivesModules.length > 0)
    lines.push(`Waives module${route.waivesModules.length > 1 ? "s" : ""} ${route.waivesModules.join(", ")}.`);
  lines.push(
    route.evidenceWithinYears === null
      ? "Evidence may be of any date."
      : `Evidence dated within ${route.evidenceWithinYears} year${route.evidenceWithinYears === 1 ? "" : "s"} before applying (instead of a full year's span).`,
  );
  if (route.statementMinLength > 0)
    lines.push(`A statement of experience of at least ${route.statementMinLength} characters.`);
  lines.push(
    route.earnsCredit ? "Earns the programme's M-level credit." : "Earns the certificate, not M-level credit.",
  );
  return lines;
}

/**
 * The mentor's application through the prior-learning route, on the portfolio draft: tick the
 * route and write the statement of experience. Saved on the draft, so every resubmission keeps it.
 */
export function PriorLearningApplication({ portfolio, onSaved }: { portfolio: TPortfolio; onSaved: () => void }) {
  const route = portfolio.qualification.priorLearningRoute;
  const [applying, setApplying] = useState(portfolio.priorLearning.applying);
  const [statement, setStatement] = useState(portfolio.priorLearning.statement);
  const action = useAction();
  useEffect(() => {
    setApplying(portfolio.priorLearning.applying);
    setStatement(portfolio.priorLearning.statement);
  }, [portfolio.priorLearning.applying, portfolio.priorLearning.statement]);
  const statementBox = useRef<HTMLTextAreaElement>(null);
  // The statement is kept as it is typed (#17 item 2).
  const draft = useDraft({
    formKey: `prior-learning:${portfolio.id}`,
    title: "your statement of experience",
    fields: [{ name: "statement", label: "Statement of experience", value: statement }],
    savedValues: { statement: portfolio.priorLearning.statement },
    reopen: "open Portfolio and then this portfolio",
    enabled: route !== null,
    onRestore: (v) => {
      setApplying(true);
      setStatement(v.statement ?? "");
      // The box appears with the tick: focus it once it is there.
      setTimeout(() => statementBox.current?.focus(), 0);
    },
  });
  if (!route) return null;
  const save = async () => {
    const saved = await action.run(() =>
      call(portfoliosEndpoints.priorLearning, {
        params: { portfolioId: portfolio.id },
        body: { applying, statement, expectedVersion: portfolio.version },
      }),
    );
    if (saved) {
      void draft.clear();
      action.setNotice(
        applying ? "Prior-learning application saved." : "You are no longer applying through the prior-learning route.",
      );
      onSaved();
    }
  };
  return (
    <section aria-labelledby="prior-route">
      <h2 id="prior-route">Prior-learning route</h2>
      <p>A very experienced mentor may apply with evidence gathered from past mentoring. This route:</p>
      <ul>
        {routeRequirements(route).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      {action.error ? <ErrorMessage error={action.error} /> : null}
      {draft.offer ? (
        <DraftOffer
          level={3}
          of="your statement of experience"
          offer={draft.offer}
          onRestore={draft.restore}
          onDiscard={() => {
            void draft.discard();
            document.getElementById("prior")?.focus();
          }}
        />
      ) : null}
      <p>
        <input type="checkbox" id="prior" checked={applying} onChange={(e) => setApplying(e.target.checked)} />{" "}
        <label htmlFor="prior">I am applying through the prior-learning route</label>
      </p>
      {applying && (
        <Field
          label="Statement of experience"
          hint={`The mentoring you have done: how many trainees, over which years, in which settings${route.statementMinLength > 0 ? ` (at least ${route.statementMinLength} characters; ${statement.trim().length} so far)` : ""}.`}
          error={action.fieldErrors.statement}
        >
          {(c) => (
            <textarea
              {...c}
              ref={statementBox}
              rows={8}
              value={statement}
              onChange={(e) => setStatement(e.target.value)}
            />
          )}
        </Field>
      )}
      <p className="field__hint" role="status" aria-live="polite">
        {draft.status}
      </p>
      <Button onClick={() => void save()} isBusy={action.isBusy} busyLabel="Saving…">
        Save route
      </Button>
      <p role="status" aria-live="polite">
        {action.notice}
      </p>
    </section>
  );
}

/** What the panel sees of an application through the route: the label, the statement and the route's requirements. */
export function PriorLearningPanelView({
  application,
}: {
  application: { statement: string; route: TPriorLearningRouteInfo };
}) {
  return (
    <section aria-labelledby="prior-application">
      <h2 id="prior-application">Prior-learning route</h2>
      <p>
        The mentor applies through the prior-learning route, with evidence from past mentoring. Judge the standards on
        that evidence.
      </p>
      <h3>What the route requires</h3>
      <ul>
        {routeRequirements(application.route).map((line) => (
          <li key={line}>{line}</li>
        ))}
      </ul>
      <h3>Statement of experience</h3>
      <p style={{ whiteSpace: "pre-wrap" }}>{application.statement || "No statement."}</p>
    </section>
  );
}
