import { useState } from "react";
import { ZClaimsSummary, type TClaimsSummary } from "@contracts/hours";
import { apiDownload, apiRequest } from "../api/http";
import { useQuery } from "../api/useQuery";
import { Button } from "../components/Button";
import { ErrorMessage } from "../components/ErrorMessage";
import { Field } from "../components/Field";
import { Loading } from "../components/Loading";
import { Page } from "../components/Page";
import { Table } from "../components/Table";
import { pounds, useAction } from "./useAction";

function currentAcademicYear(): string {
  const now = new Date();
  const start = now.getMonth() >= 8 ? now.getFullYear() : now.getFullYear() - 1;
  return `${start}/${String((start + 1) % 100).padStart(2, "0")}`;
}

function recentYears(): string[] {
  const start = Number(currentAcademicYear().slice(0, 4));
  return [0, 1, 2, 3].map((back) => `${start - back}/${String((start - back + 1) % 100).padStart(2, "0")}`);
}

type SchoolClaim = TClaimsSummary["schools"][number];

/** Programme leads: each school's training-hours claim for a year, exported as CSV. */
export function FundingClaims() {
  const [academicYear, setYear] = useState(currentAcademicYear());
  const claims = useQuery((signal) => apiRequest("GET", "/api/hours/claims", { query: { academicYear }, schema: ZClaimsSummary, signal }), [academicYear]);
  const download = useAction();
  return (
    <Page title="Funding claims" intro={<p>Claimable mentor-training hours per school, with the programme's caps and each school's rate band applied.</p>}>
      <Field label="Academic year">
        {(c) => (
          <select {...c} value={academicYear} onChange={(e) => setYear(e.target.value)}>
            {recentYears().map((y) => <option key={y} value={y}>{y}</option>)}
          </select>
        )}
      </Field>
      {download.error ? <ErrorMessage error={download.error} /> : null}
      {claims.status === "loading" && <Loading label="Loading claims…" />}
      {claims.status === "error" && <ErrorMessage error={claims.error} onRetry={claims.reload} />}
      {claims.status === "ready" && (
        <Table<SchoolClaim>
          caption={`Funding claims for ${academicYear}`}
          rows={claims.data.schools}
          rowKey={(s) => s.school}
          emptyMessage="No training hours logged for this year."
          columns={[
            { header: "School", isRowHeader: true, cell: (s) => s.school },
            { header: "Rate band", cell: (s) => `${s.rateBand.label} (${pounds(s.rateBand.pencePerHour)} an hour)` },
            { header: "Mentors", align: "end", cell: (s) => s.mentors },
            { header: "Claimable hours", align: "end", cell: (s) => s.claimableHours },
            { header: "Amount", align: "end", cell: (s) => pounds(s.amountPence) },
            {
              header: "Export",
              cell: (s) => (
                <Button variant="secondary" aria-label={`Download CSV for ${s.school}`} onClick={() => void download.run(() => apiDownload("/api/hours/claims.csv", { query: { school: s.school, academicYear }, fallbackName: "funding-claim.csv" }))}>
                  Download CSV
                </Button>
              ),
            },
          ]}
        />
      )}
    </Page>
  );
}
