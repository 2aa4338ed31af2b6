import { useState } from "react";
import { hoursEndpoints, type TClaimsSummary } from "@contracts/hours";
import { call, download as downloadFile } from "../api/call";
import { mentorsEndpoints } from "@contracts/mentors";
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
  const canExport = useCan("exportClaims", "Funding");
  const [bandsChanged, setBandsChanged] = useState(0);
  return (
    <Page
      title="Funding claims"
      intro={
        <p>
          Claimable mentor-training hours per school, with the programme's caps and each school's rate band applied.
          {canExport ? "" : " Programme leads export the claims."}
        </p>
      }
    >
      <SchoolRateBands onChange={() => setBandsChanged((n) => n + 1)} />
      {canExport && <FundingYearForm onChange={() => setBandsChanged((n) => n + 1)} />}
      {canExport && <Claims bandsChanged={bandsChanged} />}
    </Page>
  );
}

/** Each school's claim for a year, with a CSV download; reloads when a rate band changes. */
function Claims({ bandsChanged }: { bandsChanged: number }) {
  const [academicYear, setYear] = useState(currentAcademicYear());
  const claims = useQuery(
    (signal) => call(hoursEndpoints.claims, { query: { academicYear }, signal }),
    [academicYear, bandsChanged],
  );
  const download = useAction();
  return (
    <section aria-labelledby="claims">
      <h2 id="claims">Claims by school</h2>
      <Field label="Academic year">
        {(c) => (
          <select {...c} value={academicYear} onChange={(e) => setYear(e.target.value)}>
            {recentYears().map((y) => (
              <option key={y} value={y}>
                {y}
              </option>
            ))}
          </select>
        )}
      </Field>
      {download.error ? <ErrorMessage error={download.error} /> : null}
      {claims.status === "loading" && <Loading label="Loading claims…" />}
      {claims.status === "error" && <ErrorMessage error={claims.error} onRetry={claims.reload} />}
      {claims.status === "ready" && claims.data.fundingMessage && <p role="alert">{claims.data.fundingMessage}</p>}
      <div className="actions">
        <Button
          variant="secondary"
          onClick={() =>
            void download.run(() =>
              downloadFile(hoursEndpoints.assuranceCsv, {
                query: { academicYear },
                fallbackName: "assurance-pack.csv",
              }),
            )
          }
        >
          Download assurance pack (CSV)
        </Button>
        <Button
          variant="secondary"
          onClick={() =>
            void download.run(() =>
              downloadFile(hoursEndpoints.assurancePdf, {
                query: { academicYear },
                fallbackName: "assurance-pack.pdf",
              }),
            )
          }
        >
          Download assurance pack (PDF)
        </Button>
      </div>
      {claims.status === "ready" && (
        <Table<SchoolClaim>
          caption={`Funding claims for ${academicYear}`}
          rows={claims.data.schools}
          rowKey={(s) => s.school}
          emptyMessage="No training hours logged for this year."
          columns={[
            { header: "School", isRowHeader: true, cell: (s) => s.school },
            { header: "URN", cell: (s) => s.urn ?? "Not entered yet" },
            {
              header: "Rate band",
              cell: (s) =>
                s.rateBand.pencePerHour === null
                  ? s.rateBand.label
                  : `${s.rateBand.label} (${pounds(s.rateBand.pencePerHour)} an hour)`,
            },
            { header: "Mentors", align: "end", cell: (s) => s.mentors },
            { header: "Funded hours", align: "end", cell: (s) => s.claimableHours },
            { header: "Unfunded hours", align: "end", cell: (s) => s.unfundedHours },
            {
              header: "Amount",
              align: "end",
              cell: (s) => (s.amountPence === null ? "Not set" : pounds(s.amountPence)),
            },
            {
              header: "Export",
              cell: (s) =>
                s.urn && claims.data.fundingSet ? (
                  <Button
                    variant="secondary"
                    aria-label={`Download the claim CSV for ${s.school}`}
                    onClick={() =>
                      void download.run(() =>
                        downloadFile(hoursEndpoints.claimCsv, {
                          query: { urn: s.urn ?? "", academicYear },
                          fallbackName: "funding-claim.csv",
                        }),
                      )
                    }
                  >
                    Download CSV
                  </Button>
                ) : null,
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
  const bands = useQuery((signal) => call(hoursEndpoints.rateBands, { signal }), [reloads]);
  // Schools come from the mentors' records as well, so a school with no band set yet can be chosen.
  const mentors = useQuery((signal) => call(mentorsEndpoints.list, { signal }), []);
  const [form, setForm] = useState({ school: "", band: "" });
  const [message, setMessage] = useState("");
  const action = useAction();
  if (bands.status === "loading" || mentors.status === "loading") return <Loading label="Loading rate bands…" />;
  if (bands.status === "error") return <ErrorMessage error={bands.error} onRetry={bands.reload} />;
  if (mentors.status === "error") return <ErrorMessage error={mentors.error} onRetry={mentors.reload} />;

  const bandOf = new Map(bands.data.schools.map((s) => [s.school, s.band]));
  const schools = [
    ...new Set([...mentors.data.mentors.flatMap((m) => (m.school ? [m.school] : [])), ...bandOf.keys()]),
  ].sort((a, b) => a.localeCompare(b));
  const labelOf = (code: string | undefined) => {
    const band = bands.data.bands.find((b) => b.code === code);
    return band ? `${band.label} (${pounds(band.pencePerHour)} an hour)` : "Not set: outside London rate";
  };
  const save = async (body: { school: string; band: string }) => {
    const saved = await action.run(() => call(hoursEndpoints.setRateBand, { body }));
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
      <p role="status" aria-live="polite">
        {message}
      </p>
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
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void save({ school, band });
          }}
        >
          <Field label="School" error={action.fieldErrors.school}>
            {(c) => (
              <select
                {...c}
                value={school}
                onChange={(e) => setForm({ school: e.target.value, band: bandOf.get(e.target.value) ?? "" })}
              >
                {schools.map((s) => (
                  <option key={s} value={s}>
                    {s}
                  </option>
                ))}
              </select>
            )}
          </Field>
          <Field label="Rate band" error={action.fieldErrors.band}>
            {(c) => (
              <select {...c} value={band} onChange={(e) => setForm({ school, band: e.target.value })}>
                {bands.data.bands.map((b) => (
                  <option key={b.code} value={b.code}>
                    {b.label} ({pounds(b.pencePerHour)} an hour)
                  </option>
                ))}
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

/**
 * Programme leads: a year's caps and rates. Prompts when the current year has none, since
 * hours logged in a year without figures cannot be priced.
 */
function FundingYearForm({ onChange }: { onChange: () => void }) {
  const [reloads, setReloads] = useState(0);
  const years = useQuery((signal) => call(hoursEndpoints.fundingYears, { signal }), [reloads]);
  // The year is null until the lead edits it, showing the current year; once edited it is what
  // they typed, even empty, so clearing the field never puts the current year back under the caret.
  const [form, setForm] = useState<{
    academicYear: string | null;
    initialCapHours: string;
    refresherCapHours: string;
    rates: Record<string, string>;
  }>({ academicYear: null, initialCapHours: "", refresherCapHours: "", rates: {} });
  const action = useAction();
  if (years.status === "loading") return <Loading label="Loading funding years…" />;
  if (years.status === "error") return <ErrorMessage error={years.error} onRetry={years.reload} />;
  const academicYear = form.academicYear ?? years.data.currentAcademicYear;
  const save = async () => {
    const body = {
      academicYear,
      initialCapHours: form.initialCapHours === "" ? Number.NaN : Number(form.initialCapHours),
      refresherCapHours: form.refresherCapHours === "" ? Number.NaN : Number(form.refresherCapHours),
      rates: years.data.bands.map((b) => ({
        code: b.code,
        poundsPerHour: form.rates[b.code] ? Number(form.rates[b.code]) : Number.NaN,
      })),
    };
    const saved = await action.run(() => call(hoursEndpoints.setFundingYear, { body }));
    if (saved) {
      action.setNotice(`Funding caps and rates for ${saved.academicYear} saved.`);
      setReloads((n) => n + 1);
      onChange();
    }
  };
  return (
    <section aria-labelledby="funding-years">
      <h2 id="funding-years">Funding caps and rates by year</h2>
      {years.data.missingCurrentYear && (
        <p role="alert">
          The programme has no funding caps or rates for {years.data.currentAcademicYear}. Enter them below so this
          year's hours can be priced.
        </p>
      )}
      <p role="status" aria-live="polite">
        {action.notice}
      </p>
      <ul>
        {years.data.years.map((y) => (
          <li key={y.academicYear}>
            {y.academicYear}: {y.initialCapHours} h initial, {y.refresherCapHours} h refresher;{" "}
            {y.rates.map((r) => `${r.label} ${pounds(r.pencePerHour)}`).join(", ")}
          </li>
        ))}
      </ul>
      {action.error ? <ErrorMessage error={action.error} /> : null}
      <form
        onSubmit={(e) => {
          e.preventDefault();
          void save();
        }}
      >
        <Field label="Academic year" hint="For example 2026/27" error={action.fieldErrors.academicYear}>
          {(c) => (
            <input
              {...c}
              type="text"
              value={academicYear}
              onChange={(e) => setForm({ ...form, academicYear: e.target.value })}
            />
          )}
        </Field>
        <Field label="Initial training cap (hours per mentor per provider)" error={action.fieldErrors.initialCapHours}>
          {(c) => (
            <input
              {...c}
              type="number"
              min={0}
              step={0.25}
              value={form.initialCapHours}
              onChange={(e) => setForm({ ...form, initialCapHours: e.target.value })}
            />
          )}
        </Field>
        <Field
          label="Refresher training cap (hours per mentor per provider)"
          error={action.fieldErrors.refresherCapHours}
        >
          {(c) => (
            <input
              {...c}
              type="number"
              min={0}
              step={0.25}
              value={form.refresherCapHours}
              onChange={(e) => setForm({ ...form, refresherCapHours: e.target.value })}
            />
          )}
        </Field>
        {years.data.bands.map((b) => (
          <Field key={b.code} label={`Rate per hour (£): ${b.label}`} error={action.fieldErrors.rates}>
            {(c) => (
              <input
                {...c}
                type="number"
                min={0}
                step={0.01}
                value={form.rates[b.code] ?? ""}
                onChange={(e) => setForm({ ...form, rates: { ...form.rates, [b.code]: e.target.value } })}
              />
            )}
          </Field>
        ))}
        <Button type="submit" variant="secondary" isBusy={action.isBusy} busyLabel="Saving…">
          Save the year's caps and rates
        </Button>
      </form>
    </section>
  );
}
