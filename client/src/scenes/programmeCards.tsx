import { auditEndpoints } from "@contracts/audit";
import { hoursEndpoints } from "@contracts/hours";
import { markingEndpoints } from "@contracts/marking";
import { modulesEndpoints } from "@contracts/modules";
import { call } from "../api/call";
import { useQuery } from "../api/useQuery";
import { Card } from "../components/Card";
import { ProgressBar } from "../components/ProgressBar";

/** Home card: the mentor's pathway progress and what to do next. */
export function ModulesCard() {
  const pathway = useQuery((signal) => call(modulesEndpoints.pathway, { signal }), []);
  const next =
    pathway.status === "ready" ? pathway.data.modules.find((m) => m.state !== "locked" && !m.passed) : undefined;
  return (
    <Card title="Your modules" to="/modules">
      <p>Work through the Entry modules, then the Mastery modules they open.</p>
      {pathway.status === "ready" && (
        <>
          <ProgressBar
            label="Modules passed"
            value={pathway.data.passedCount}
            max={pathway.data.modules.length}
            valueText={`${pathway.data.passedCount} of ${pathway.data.modules.length}`}
          />
          {next && (
            <p>
              Next: Module {next.number}, {next.title}.
            </p>
          )}
        </>
      )}
    </Card>
  );
}

/** Home card: which audit stage is due; a stage that is not open yet (e.g. before the Entry modules are passed) is not offered. */
export function AuditCard() {
  const audit = useQuery((signal) => call(auditEndpoints.read, { signal }), []);
  const due = audit.status === "ready" ? audit.data.stages.find((s) => s.isOpen) : undefined;
  return (
    <Card
      title="Mentor audit"
      to="/audit"
      status={audit.status === "ready" ? (due ? `Due: ${due.title}` : "Up to date") : undefined}
    >
      <p>Rate your confidence against the national mentor standards and see how it grows.</p>
    </Card>
  );
}

/** Home card: this year's hours against the cap. */
export function HoursCard() {
  const ledger = useQuery((signal) => call(hoursEndpoints.ledger, { signal }), []);
  const year =
    ledger.status === "ready"
      ? ledger.data.years.find((y) => y.academicYear === ledger.data.currentAcademicYear)
      : undefined;
  return (
    <Card title="Training hours" to="/hours">
      <p>Keep a record of your training hours for your school's funding claim.</p>
      {year?.fundingMessage && <p>{year.fundingMessage}</p>}
      {year && year.initialCapHours !== null && (
        <ProgressBar
          label={`Initial training ${year.academicYear}`}
          value={year.initialHours}
          max={year.initialCapHours}
          valueText={`${year.initialHours} of ${year.initialCapHours} hours`}
        />
      )}
    </Card>
  );
}

/** Home card for tutors and leads: how much work waits to be marked. */
export function MarkingCard() {
  const list = useQuery((signal) => call(markingEndpoints.list, { signal }), []);
  const waiting = list.status === "ready" ? list.data.items.length : null;
  return (
    <Card title="Marking" to="/marking" status={waiting === null ? undefined : `${waiting} waiting`}>
      <p>Mark module work. Marks stay provisional until they are moderated and ratified.</p>
    </Card>
  );
}

/** Home card for leads: the funding-claim export. */
export function FundingClaimsCard() {
  return (
    <Card title="Funding claims" to="/funding-claims">
      <p>Export each school's training-hours claim for the academic year.</p>
    </Card>
  );
}
