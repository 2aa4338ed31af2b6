import { useState, type FormEvent } from "react";
import { mentorsEndpoints, type TMentorSummary } from "@contracts/mentors";
import type { EndpointQuery } from "@contracts/endpoint";
import { call } from "../api/call";
import { useQuery } from "../api/useQuery";
import { Button } from "../components/Button";
import { Card } from "../components/Card";
import { ErrorMessage } from "../components/ErrorMessage";
import { Field } from "../components/Field";
import { Loading } from "../components/Loading";
import { Page } from "../components/Page";
import { Table } from "../components/Table";
import { hrefFor, navigate, useLocation } from "../router";

/** Tutors and leads: the mentors on this course, how far each has got, and a way into their pages. */
export function Mentors() {
  const { query } = useLocation();
  // The dashboard links here with the filters behind a figure (school, module, level, hours, portfolio
  // state and round, certificate, credit); a portfolio state may be repeated.
  const filters: Record<string, string | string[]> = Object.fromEntries(
    [
      "search",
      "waitingForMark",
      "school",
      "passedModule",
      "completedLevel",
      "completedAllModules",
      "hoursInYear",
      "hours",
      "round",
      "certificateIssued",
      "certificateRevoked",
      "credit",
    ].flatMap((k) => (query.get(k) ? [[k, query.get(k)!]] : [])),
  );
  if (query.getAll("portfolioState").length > 0) filters.portfolioState = query.getAll("portfolioState");
  const key = JSON.stringify(filters);
  // The filters go as the address gives them: the server checks them and names any it cannot use.
  const list = useQuery(
    (signal) => call(mentorsEndpoints.list, { query: filters as EndpointQuery<typeof mentorsEndpoints.list>, signal }),
    [key],
  );
  return (
    <Page
      title="Mentors"
      intro={
        <p>
          The mentors on this course. Open a mentor to see their modules and audit, or to log training hours for them.
        </p>
      }
    >
      <MentorSearch key={key} query={query} />
      {list.status === "ready" && list.data.filteredBy && (
        <p role="note">
          Showing the mentors {list.data.filteredBy}. <a href={hrefFor("/mentors")}>Show all mentors</a>
        </p>
      )}
      {list.status === "loading" && <Loading label="Loading the mentors…" />}
      {list.status === "error" && <ErrorMessage error={list.error} onRetry={list.reload} />}
      {list.status === "ready" && (
        <Table<TMentorSummary>
          caption={`Mentors on this course, with training hours for ${list.data.academicYear}`}
          rows={list.data.mentors}
          rowKey={(m) => m.id}
          emptyMessage={
            list.data.filteredBy ? "No mentors match." : "No mentors have opened Mentor Pathways on this course yet."
          }
          columns={[
            { header: "Mentor", isRowHeader: true, cell: (m) => <a href={hrefFor(mentorPath(m.id))}>{m.name}</a> },
            { header: "School", cell: (m) => m.school ?? "Not recorded" },
            { header: "Modules passed", align: "end", cell: (m) => `${m.modulesPassed} of ${m.modulesTotal}` },
            { header: "Waiting to be marked", align: "end", cell: (m) => m.modulesSubmitted },
            { header: `Hours ${list.data.academicYear}`, align: "end", cell: (m) => m.hoursThisYear },
          ]}
        />
      )}
    </Page>
  );
}

/**
 * Search and the everyday filters (school, work waiting to be marked). They go into the page's
 * address, so a filtered list can be bookmarked and Back returns to it; the dashboard's figure
 * filters already in the address are kept.
 */
function MentorSearch({ query }: { query: URLSearchParams }) {
  const [search, setSearch] = useState(query.get("search") ?? "");
  const [school, setSchool] = useState(query.get("school") ?? "");
  const [waiting, setWaiting] = useState(query.get("waitingForMark") === "true");
  const schools = useQuery((signal) => call(mentorsEndpoints.schools, { signal }), []);
  const apply = (event: FormEvent) => {
    event.preventDefault();
    const next = new URLSearchParams(query);
    const set = (name: string, value: string) => (value ? next.set(name, value) : next.delete(name));
    set("search", search.trim());
    set("school", school);
    set("waitingForMark", waiting ? "true" : "");
    const qs = next.toString();
    navigate(qs ? `/mentors?${qs}` : "/mentors");
  };
  return (
    <form role="search" aria-label="Find mentors" className="filters" onSubmit={apply}>
      <Field label="Search" hint="Part of a name or school" isOptional>
        {(c) => (
          <input {...c} type="search" value={search} maxLength={100} onChange={(e) => setSearch(e.target.value)} />
        )}
      </Field>
      <Field label="School" isOptional>
        {(c) => (
          <select {...c} value={school} onChange={(e) => setSchool(e.target.value)}>
            <option value="">All schools</option>
            {(schools.status === "ready" ? schools.data.schools : school ? [school] : []).map((s) => (
              <option key={s} value={s}>
                {s}
              </option>
            ))}
          </select>
        )}
      </Field>
      <div className="field">
        <label>
          <input type="checkbox" checked={waiting} onChange={(e) => setWaiting(e.target.checked)} /> Only mentors with
          work waiting to be marked
        </label>
      </div>
      <Button type="submit">Find mentors</Button>
    </form>
  );
}

/** The in-app path of one of a mentor's pages, as staff open them. */
export function mentorPath(mentorUserId: string, page: "" | "audit" | "hours" | `modules/${string}` = ""): string {
  return `/mentors/${encodeURIComponent(mentorUserId)}${page ? `/${page}` : ""}`;
}

/**
 * Links between one mentor's pages, for staff; the mentor's own pages are in the main navigation.
 * `current` marks the page being shown (aria-current), so it is announced, not only styled.
 */
export function MentorPagesNav({
  mentorUserId,
  name,
  current,
}: {
  mentorUserId: string;
  name: string;
  current: "" | "audit" | "hours" | "module";
}) {
  const pages = [
    { page: "" as const, label: "Modules" },
    { page: "audit" as const, label: "Mentor audit" },
    { page: "hours" as const, label: "Training hours" },
  ];
  return (
    <nav aria-label={`${name}'s pages`}>
      <ul>
        <li>
          <a href={hrefFor("/mentors")}>All mentors</a>
        </li>
        {pages.map((p) => (
          <li key={p.page}>
            <a href={hrefFor(mentorPath(mentorUserId, p.page))} aria-current={current === p.page ? "page" : undefined}>
              {p.label}
            </a>
          </li>
        ))}
      </ul>
    </nav>
  );
}

/** Home card for tutors and leads: the mentors list. */
export function MentorsCard() {
  return (
    <Card title="Mentors" to="/mentors">
      <p>See the mentors on this course and how far each has got, and log training hours for them.</p>
    </Card>
  );
}
