import { useState, type FormEvent } from "react";
import { dashboardEndpoints, type TDashboard } from "@contracts/dashboard";
import { mentorsEndpoints } from "@contracts/mentors";
import { call } from "../api/call";
import { useQuery } from "../api/useQuery";
import { BarChart } from "../components/BarChart";
import { Button } from "../components/Button";
import { ErrorMessage } from "../components/ErrorMessage";
import { Field } from "../components/Field";
import { Loading } from "../components/Loading";
import { Page } from "../components/Page";
import { Table } from "../components/Table";
import { hrefFor } from "../router";
import { BackgroundJobs } from "./BackgroundJobs";

const stateWords: Record<string, string> = {
  draft: "Draft",
  awaiting_round: "Awaiting a panel round",
  in_review: "In review",
  needs_lead_decision: "Needs your decision",
  approved: "Approved",
  resubmit: "Resubmission asked for",
};

type Filters = { school: string; academicYear: string };

/** Programme leads: completion, portfolios, certificates, credits and hours for the course. */
export function Dashboard() {
  const [filters, setFilters] = useState<Filters>({ school: "", academicYear: "" });
  const [draft, setDraft] = useState<Filters>(filters);
  // Bumped by "Count again now": that one request asks the server to recount instead of reusing.
  const [recounts, setRecounts] = useState(0);
  const data = useQuery(
    (signal) =>
      call(dashboardEndpoints.figures, {
        query: {
          school: filters.school || undefined,
          academicYear: filters.academicYear || undefined,
          fresh: recounts > 0 ? "true" : undefined,
        },
        signal,
      }),
    [filters.school, filters.academicYear, recounts],
  );
  const schools = useQuery((signal) => call(mentorsEndpoints.schools, { signal }), []);
  const apply = (e: FormEvent) => {
    e.preventDefault();
    setFilters({ school: draft.school.trim(), academicYear: draft.academicYear.trim() });
  };
  return (
    <Page title="Cohort dashboard" intro={<p>Completion, certification, credit and training hours for this course.</p>}>
      <form className="filters" onSubmit={apply} aria-label="Filter the dashboard">
        <Field label="School" isOptional hint="The schools your mentors are at">
          {(c) => (
            <select {...c} value={draft.school} onChange={(e) => setDraft({ ...draft, school: e.target.value })}>
              <option value="">All schools</option>
              {(schools.status === "ready" ? schools.data.schools : []).map((s) => (
                <option key={s} value={s}>
                  {s}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Academic year for hours" isOptional hint="For example 2026/27">
          {(c) => (
            <input
              {...c}
              type="text"
              value={draft.academicYear}
              onChange={(e) => setDraft({ ...draft, academicYear: e.target.value })}
            />
          )}
        </Field>
        <Button type="submit">Apply filters</Button>
      </form>
      {data.status === "loading" && <Loading label="Loading the dashboard…" />}
      {data.status === "error" && <ErrorMessage error={data.error} onRetry={data.reload} />}
      {data.status === "ready" && (
        <>
          <p>
            Figures as of{" "}
            {new Date(data.data.asOf).toLocaleString("en-GB", { dateStyle: "medium", timeStyle: "medium" })}.
            {data.data.isRefreshing ? " Newer figures are being counted; reload in a moment to see them." : ""}
          </p>
          <Button variant="secondary" onClick={() => setRecounts((n) => n + 1)}>
            Count again now
          </Button>
          <Figures d={data.data} filters={filters} />
        </>
      )}
      <BackgroundJobs />
    </Page>
  );
}

/** The mentors list, filtered to the mentors behind a figure (and the dashboard's school filter). */
function mentorsHref(filters: Filters, more: Record<string, string | string[]> = {}): string {
  const params = new URLSearchParams(filters.school ? { school: filters.school } : {});
  for (const [key, value] of Object.entries(more)) for (const v of [value].flat()) params.append(key, v);
  const query = params.toString();
  return hrefFor(`/mentors${query ? `?${query}` : ""}`);
}

/** The hours filters behind an hours figure: a kind, in the dashboard's year when one is chosen. */
const hoursOf = (filters: Filters, kind: "any" | "initial" | "refresher") => ({
  hours: kind,
  ...(filters.academicYear ? { hoursInYear: filters.academicYear } : {}),
});

/** A figure as a link to the mentors behind it, its label saying so for screen readers. */
function FigureLink({ href, value, label }: { href: string; value: number; label: string }) {
  return (
    <a href={href} aria-label={`${value} ${label}: see the mentors`}>
      {value}
    </a>
  );
}

function Figures({ d, filters }: { d: TDashboard; filters: Filters }) {
  // Portfolio figures are the whole course's, so their links leave the school filter out.
  const course: Filters = { ...filters, school: "" };
  return (
    <>
      <section aria-labelledby="dash-completion">
        <h2 id="dash-completion">Completion</h2>
        <p>
          <a href={mentorsHref(filters)}>
            {d.mentors} {d.mentors === 1 ? "mentor" : "mentors"}
          </a>{" "}
          in {d.programme.title} (version {d.programme.version}).
        </p>
        <BarChart
          title="Mentors who have completed each module"
          max={Math.max(1, d.mentors)}
          data={d.modules.map((m) => ({
            label: `${m.code}: ${m.title}`,
            value: m.completed,
            valueText: `${m.completed} of ${d.mentors} (${m.started} started)`,
          }))}
        />
        <Table
          caption="Mentors who have completed each module: open a figure to see the mentors"
          rows={d.modules}
          rowKey={(m) => m.code}
          columns={[
            { header: "Module", isRowHeader: true, cell: (m) => `${m.code}: ${m.title}` },
            {
              header: "Completed",
              align: "end",
              cell: (m) => (
                <a
                  href={mentorsHref(filters, { passedModule: m.code })}
                  aria-label={`${m.completed} mentors completed ${m.code}: see them`}
                >
                  {m.completed}
                </a>
              ),
            },
          ]}
        />
        <Table
          caption="Completion by level"
          rows={d.levels}
          rowKey={(l) => l.code}
          columns={[
            { header: "Level", isRowHeader: true, cell: (l) => l.title },
            { header: "Modules", align: "end", cell: (l) => l.modules },
            {
              header: "Mentors who completed every module",
              align: "end",
              cell: (l) => (
                <a
                  href={mentorsHref(filters, { completedLevel: l.code })}
                  aria-label={`${l.mentorsCompleted} mentors completed ${l.title}: see them`}
                >
                  {l.mentorsCompleted}
                </a>
              ),
            },
          ]}
        />
        <Table
          caption="By school"
          rows={d.schools}
          rowKey={(s) => s.school ?? "(none)"}
          emptyMessage="No mentors match these filters."
          columns={[
            { header: "School", isRowHeader: true, cell: (s) => s.school ?? "School not recorded" },
            {
              header: "Mentors",
              align: "end",
              cell: (s) =>
                s.school ? (
                  <a
                    href={mentorsHref({ ...filters, school: s.school })}
                    aria-label={`${s.mentors} mentors at ${s.school}: see them`}
                  >
                    {s.mentors}
                  </a>
                ) : (
                  s.mentors
                ),
            },
            {
              header: "Completed all modules",
              align: "end",
              cell: (s) =>
                s.school ? (
                  <a
                    href={mentorsHref({ ...filters, school: s.school }, { completedAllModules: "true" })}
                    aria-label={`${s.completedAllModules} mentors at ${s.school} completed all modules: see them`}
                  >
                    {s.completedAllModules}
                  </a>
                ) : (
                  s.completedAllModules
                ),
            },
            {
              header: "Training hours",
              align: "end",
              cell: (s) =>
                s.school ? (
                  <FigureLink
                    href={mentorsHref({ ...filters, school: s.school }, hoursOf(filters, "any"))}
                    value={s.trainingHours}
                    label={`training hours at ${s.school}`}
                  />
                ) : (
                  s.trainingHours
                ),
            },
          ]}
        />
      </section>
      <section aria-labelledby="dash-portfolios">
        <h2 id="dash-portfolios">Portfolios</h2>
        <p>Portfolio figures are for the whole course; the school filter does not apply to them.</p>
        <BarChart
          title={`Portfolios by state (${d.portfolios.total} in all)`}
          data={Object.entries(d.portfolios.byState).map(([state, n]) => ({
            label: stateWords[state] ?? state,
            value: n,
          }))}
        />
        <Table
          caption="Portfolios by state: open a figure to see the mentors"
          rows={Object.entries(d.portfolios.byState)}
          rowKey={([state]) => state}
          columns={[
            { header: "State", isRowHeader: true, cell: ([state]) => stateWords[state] ?? state },
            {
              header: "Portfolios",
              align: "end",
              cell: ([state, n]) => (
                <FigureLink
                  href={mentorsHref(course, { portfolioState: state })}
                  value={n}
                  label={`portfolios ${(stateWords[state] ?? state).toLowerCase()}`}
                />
              ),
            },
          ]}
        />
        <Table
          caption="Portfolio versions by panel round"
          rows={d.portfolios.byRound}
          rowKey={(r) => r.id}
          emptyMessage="No panel rounds yet."
          columns={[
            { header: "Round", isRowHeader: true, cell: (r) => `${r.name} (${r.date})` },
            {
              header: "Versions",
              align: "end",
              cell: (r) => (
                <FigureLink
                  href={mentorsHref(course, { round: r.id })}
                  value={r.total}
                  label={`versions in ${r.name}`}
                />
              ),
            },
            {
              header: "In review",
              align: "end",
              cell: (r) => (
                <FigureLink
                  href={mentorsHref(course, { round: r.id, portfolioState: ["in_review", "needs_lead_decision"] })}
                  value={(r.byState.in_review ?? 0) + (r.byState.needs_lead_decision ?? 0)}
                  label={`versions in review in ${r.name}`}
                />
              ),
            },
            {
              header: "Approved",
              align: "end",
              cell: (r) => (
                <FigureLink
                  href={mentorsHref(course, { round: r.id, portfolioState: "approved" })}
                  value={r.byState.approved ?? 0}
                  label={`versions approved in ${r.name}`}
                />
              ),
            },
            {
              header: "Resubmit",
              align: "end",
              cell: (r) => (
                <FigureLink
                  href={mentorsHref(course, { round: r.id, portfolioState: "resubmit" })}
                  value={r.byState.resubmit ?? 0}
                  label={`versions to be resubmitted in ${r.name}`}
                />
              ),
            },
          ]}
        />
      </section>
      <section aria-labelledby="dash-awards">
        <h2 id="dash-awards">Certificates and credit</h2>
        <Table
          caption={`Certificates: ${d.certificates.issued} issued, ${d.certificates.revoked} revoked`}
          rows={d.certificates.byQualification}
          rowKey={(q) => q.code}
          columns={[
            { header: "Qualification", isRowHeader: true, cell: (q) => q.title },
            {
              header: "Issued",
              align: "end",
              cell: (q) => (
                <FigureLink
                  href={mentorsHref(filters, { certificateIssued: q.code })}
                  value={q.issued}
                  label={`${q.title} certificates issued`}
                />
              ),
            },
            {
              header: "Revoked",
              align: "end",
              cell: (q) => (
                <FigureLink
                  href={mentorsHref(filters, { certificateRevoked: q.code })}
                  value={q.revoked}
                  label={`${q.title} certificates revoked`}
                />
              ),
            },
          ]}
        />
        <dl className="figures">
          <dt>Provisional credit awards</dt>
          <dd>
            <FigureLink
              href={mentorsHref(filters, { credit: "provisional" })}
              value={d.credits.provisional}
              label="provisional credit awards"
            />{" "}
            ({d.credits.provisionalCredits} credits)
          </dd>
          <dt>Ratified credit awards</dt>
          <dd>
            <FigureLink
              href={mentorsHref(filters, { credit: "ratified" })}
              value={d.credits.ratified}
              label="ratified credit awards"
            />{" "}
            ({d.credits.ratifiedCredits} credits)
          </dd>
          <dt>Reversed</dt>
          <dd>
            <FigureLink
              href={mentorsHref(filters, { credit: "reversed" })}
              value={d.credits.reversed}
              label="reversed credit awards"
            />
          </dd>
        </dl>
      </section>
      <section aria-labelledby="dash-hours">
        <h2 id="dash-hours">Training hours</h2>
        <p>
          <FigureLink
            href={mentorsHref(filters, hoursOf(filters, "any"))}
            value={d.trainingHours.total}
            label="training hours in all"
          />{" "}
          hours in all:{" "}
          <FigureLink
            href={mentorsHref(filters, hoursOf(filters, "initial"))}
            value={d.trainingHours.initial}
            label="initial training hours"
          />{" "}
          initial,{" "}
          <FigureLink
            href={mentorsHref(filters, hoursOf(filters, "refresher"))}
            value={d.trainingHours.refresher}
            label="refresher training hours"
          />{" "}
          refresher.
        </p>
        <BarChart
          title="Training hours by academic year"
          data={d.trainingHours.byYear.map((y) => ({
            label: y.academicYear,
            value: y.hours,
            valueText: `${y.hours} hours`,
          }))}
        />
        <ul>
          {d.trainingHours.byYear.map((y) => (
            <li key={y.academicYear}>
              <a href={mentorsHref(filters, { hoursInYear: y.academicYear })}>
                Mentors with training hours in {y.academicYear}
              </a>
            </li>
          ))}
        </ul>
      </section>
    </>
  );
}
