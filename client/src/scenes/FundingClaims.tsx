import { useState } from "react";
import { ZClaimsSummary, ZRateBandList, ZRateBandUpdate, type TClaimsSummary } from "@contracts/hours";
import { ZMentorList } from "@contracts/mentors";
import { apiDownload, apiRequest } from "../api/http";
import { useQuery } from "../api/useQuery";
import { Button } from "../components/Button";
import { ErrorMessage } from "../components/ErrorMessage";
import { Field } from "../components/Field";
import { Loading } from "../components/Loading";
import { Page } from "../components/Page";
import { Table } from "../components/Table";
import { useCan } from "../SessionContext";
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

/**
 * Funding for mentor training: tutors and leads set the rate band each school claims at;
 * programme leads also see each school's claim for a year and export it as CSV.
 */
export function FundingClaims() {
  const canExport = useCan("exportFundingClaims");
  const [bandsChanged, setBandsChanged] = useState(0);
  return (
    <Page
      title="Funding claims"
      intro={<p>Claimable mentor-training hours per school, with the programme's caps and each school's rate band applied.{canExport ? "" : " Programme leads export the claims."}</p>}
    >
      <SchoolRateBands onChange={() => setBandsChanged((n) => n + 1)} />
      {canExport && <Claims bandsChanged={bandsChanged} />}
    </Page>
  );
}

/** Each school's claim for a year, with a CSV download; reloads when a rate band changes. */
function Claims({ bandsChanged }: { bandsChanged: number }) {
  const [academicYear, setYear] = useState(currentAcademicYear());
  const claims = useQuery((signal) => apiRequest("GET", "/api/hours/claims", { query: { academicYear }, schema: ZClaimsSummary, signal }), [academicYear, bandsChanged]);
  const download = useAction();
  return (
    <section aria-labelledby="claims">
      <h2 id="claims">Claims by school</h2>
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
    </section>
  );
}

/** The rate band each school claims at, and a form to change one (tutors and leads). */
function SchoolRateBands({ onChange }: { onChange: () => void }) {
  const [reloads, setReloads] = useState(0);
  const bands = useQuery((signal) => apiRequest("GET", "/api/hours/rate-bands", { schema: ZRateBandList, signal }), [reloads]);
  // Schools come from the mentors' records as well, so a school with no band set yet can be chosen.
  const mentors = useQuery((signal) => apiRequest("GET", "/api/mentors", { schema: ZMentorList, signal }), []);
  const [form, setForm] = useState({ school: "", band: "" });
  const [message, setMessage] = useState("");
  const action = useAction();
  if (bands.status === "loading" || mentors.status === "loading") return <Loading label="Loading rate bands…" />;
  if (bands.status === "error") return <ErrorMessage error={bands.error} onRetry={bands.reload} />;
  if (mentors.status === "error") return <ErrorMessage error={mentors.error} onRetry={mentors.reload} />;

  const bandOf = new Map(bands.data.schools.map((s) => [s.school, s.band]));
  const schools = [...new Set([...mentors.data.mentors.flatMap((m) => (m.school ? [m.school] : [])), ...bandOf.keys()])].sort((a, b) => a.localeCompare(b));
  const labelOf = (code: string | undefined) => {
    const band = bands.data.bands.find((b) => b.code === code);
    return band ? `${band.label} (${pounds(band.pencePerHour)} an hour)` : "Not set: outside London rate";
  };
  const save = async (body: { school: string; band: string }) => {
    const saved = await action.run(() => apiRequest("PUT", "/api/hours/rate-bands", { body, schema: ZRateBandUpdate }));
    if (saved) {
      setMessage(`${saved.school} now claims at ${labelOf(saved.band)}.`);
      setReloads((n) => n + 1);
      onChange();
    }
  };
  const school = form.school || schools[0] || "";
  const band = form.band || bandOf.get(school) || bands.data.bands[0]?.code || "";

  return (
    <section aria-labelledby="rate-bands">
      <h2 id="rate-bands">School rate bands</h2>
      <p role="status" aria-live="polite">{message}</p>
      {action.error ? <ErrorMessage error={action.error} /> : null}
      <Table<string>
        caption="Rate band for each school"
        rows={schools}
        rowKey={(s) => s}
        emptyMessage="No schools recorded for this course's mentors yet."
        columns={[
          { header: "School", isRowHeader: true, cell: (s) => s },
          { header: "Rate band", cell: (s) => labelOf(bandOf.get(s)) },
        ]}
      />
      {schools.length > 0 && (
        <form onSubmit={(e) => { e.preventDefault(); void save({ school, band }); }}>
          <Field label="School" error={action.fieldErrors.school}>
            {(c) => (
              <select {...c} value={school} onChange={(e) => setForm({ school: e.target.value, band: bandOf.get(e.target.value) ?? "" })}>
                {schools.map((s) => <option key={s} value={s}>{s}</option>)}
              </select>
            )}
          </Field>
          <Field label="Rate band" error={action.fieldErrors.band}>
            {(c) => (
              <select {...c} value={band} onChange={(e) => setForm({ school, band: e.target.value })}>
                {bands.data.bands.map((b) => <option key={b.code} value={b.code}>{b.label} ({pounds(b.pencePerHour)} an hour)</option>)}
              </select>
            )}
          </Field>
          <Button type="submit" variant="secondary" isBusy={action.isBusy} busyLabel="Saving…">
            Save rate band
          </Button>
        </form>
      )}
    </section>
  );
}
