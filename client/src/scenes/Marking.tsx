import { useState } from "react";
import { markingEndpoints, type TMarkingItem } from "@contracts/marking";
import { call } from "../api/call";
import { useQuery } from "../api/useQuery";
import { ErrorMessage } from "../components/ErrorMessage";
import { Field } from "../components/Field";
import { Loading } from "../components/Loading";
import { Page } from "../components/Page";
import { Table } from "../components/Table";
import { hrefFor } from "../router";
import { shortDate } from "./useAction";
import { LmsMarks } from "./LmsMarks";

const filters = { submitted: "Waiting to be marked", marked: "Marked or returned", all: "All" } as const;

/** The tutor's marking list for their course. */
export function Marking() {
  const [status, setStatus] = useState<keyof typeof filters>("submitted");
  const list = useQuery((signal) => call(markingEndpoints.list, { query: { status }, signal }), [status]);
  return (
    <Page title="Marking" intro={<p>Module work from mentors on this course. Marks go to the course gradebook.</p>}>
      <Field label="Show">
        {(c) => (
          <select {...c} value={status} onChange={(e) => setStatus(e.target.value as keyof typeof filters)}>
            {Object.entries(filters).map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
        )}
      </Field>
      {list.status === "loading" && <Loading label="Loading module work…" />}
      {list.status === "error" && <ErrorMessage error={list.error} onRetry={list.reload} />}
      <LmsMarks onAdopted={list.reload} />
      {list.status === "ready" && (
        <Table<TMarkingItem>
          caption={filters[status]}
          rows={list.data.items}
          rowKey={(r) => `${r.recordId}`}
          emptyMessage="No module work here."
          columns={[
            {
              header: "Mentor",
              isRowHeader: true,
              cell: (r) => <a href={hrefFor(`/marking/${r.recordId}`)}>{r.mentor.name}</a>,
            },
            { header: "School", cell: (r) => r.mentor.school ?? "Not recorded" },
            { header: "Module", cell: (r) => `Module ${r.moduleNumber}: ${r.moduleTitle}` },
            { header: "Submission", align: "end", cell: (r) => r.attempt },
            { header: "Submitted", cell: (r) => (r.submittedAt ? shortDate(r.submittedAt) : "") },
            {
              header: "Outcome",
              cell: (r) =>
                r.latestDecision
                  ? `${r.latestDecision.label}${r.latestDecision.correction ? " (corrected)" : ""}`
                  : "Not marked yet",
            },
          ]}
        />
      )}
    </Page>
  );
}
