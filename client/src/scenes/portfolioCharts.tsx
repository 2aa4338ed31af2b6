import { useId } from "react";
import type { TCoverage } from "@contracts/portfolio";
import { Table } from "../components/Table";

const monthName = (iso: string) =>
  new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-GB", { month: "short", year: "numeric", timeZone: "UTC" });
const dayLabel = (iso: string | null) =>
  iso
    ? new Date(`${iso}T00:00:00Z`).toLocaleDateString("en-GB", {
        day: "numeric",
        month: "short",
        year: "numeric",
        timeZone: "UTC",
      })
    : "none yet";

type Row = { key: string; label: string; text: string; count: number; latestDate: string | null; isStandard: boolean };

function matrixRows(coverage: TCoverage): Row[] {
  return coverage.standards.flatMap((s) => [
    {
      key: s.code,
      label: `Standard ${s.code}`,
      text: s.title,
      count: s.count,
      latestDate: s.latestDate,
      isStandard: true,
    },
    ...s.descriptors.map((d) => ({
      key: `${s.code}/${d.code}`,
      label: d.code,
      text: d.text,
      count: d.count,
      latestDate: d.latestDate,
      isStandard: false,
    })),
  ]);
}

/**
 * The standards × evidence matrix as a picture: one row per standard and descriptor, a bar for
 * how much evidence and the date of the latest. Every value is also written as text, and the
 * same figures follow in a table for screen readers and for anyone who prefers one.
 */
export function CoverageMatrix({ coverage }: { coverage: TCoverage }) {
  const titleId = useId();
  const descId = useId();
  const rows = matrixRows(coverage);
  const max = Math.max(1, ...rows.map((r) => r.count));
  const rowHeight = 26;
  const width = 640;
  const barX = 190;
  const barMax = 260;
  const empty = rows.filter((r) => !r.isStandard && r.count === 0).length;
  return (
    <figure style={{ margin: 0 }}>
      <svg
        role="img"
        aria-labelledby={titleId}
        aria-describedby={descId}
        viewBox={`0 0 ${width} ${rows.length * rowHeight + 10}`}
        style={{ width: "100%", maxWidth: width, height: "auto" }}
      >
        <title id={titleId}>Evidence for each standard and descriptor</title>
        <desc
          id={descId}
        >{`${rows.length - coverage.standards.length - empty} of ${rows.length - coverage.standards.length} descriptors have evidence. ${coverage.gaps.join(" ")}`}</desc>
        {rows.map((r, i) => {
          const y = i * rowHeight + 5;
          const w = (r.count / max) * barMax;
          return (
            <g key={r.key}>
              <text
                x={r.isStandard ? 0 : 16}
                y={y + 17}
                fontSize="13"
                fontWeight={r.isStandard ? 700 : 400}
                fill="#1b2430"
              >
                {r.label}
              </text>
              <rect x={barX} y={y + 4} width={barMax} height={16} fill="#eef1f5" stroke="#6b7684" strokeWidth="1" />
              {r.count > 0 && (
                <rect x={barX} y={y + 4} width={w} height={16} fill={r.isStandard ? "#13314f" : "#1d4f7a"} />
              )}
              <text x={barX + barMax + 8} y={y + 17} fontSize="13" fill="#1b2430">
                {r.count === 0 ? "No evidence" : `${r.count} · latest ${dayLabel(r.latestDate)}`}
              </text>
            </g>
          );
        })}
      </svg>
      <details>
        <summary>Show the matrix as a table</summary>
        <Table
          caption="Evidence per standard and descriptor"
          rows={rows}
          rowKey={(r) => r.key}
          columns={[
            { header: "Standard or descriptor", cell: (r) => `${r.label}: ${r.text}`, isRowHeader: true },
            { header: "Pieces of evidence", cell: (r) => r.count, align: "end" },
            { header: "Latest dated evidence", cell: (r) => dayLabel(r.latestDate) },
          ]}
        />
      </details>
    </figure>
  );
}

/**
 * Dated evidence across the academic year(s) as a timeline picture, with the span needed (a
 * full year's cycle for Mastery) said in words; the list of dates follows as a table.
 */
export function EvidenceTimeline({ coverage }: { coverage: TCoverage }) {
  const titleId = useId();
  const descId = useId();
  const years = coverage.academicYears;
  if (years.length === 0) return <p>No dated evidence yet.</p>;
  const start = Date.parse(`${years[0].start}T00:00:00Z`);
  const end = Date.parse(`${years.at(-1)!.end}T00:00:00Z`);
  const width = 640;
  const left = 20;
  const span = width - 2 * left;
  const xOf = (iso: string) => left + ((Date.parse(`${iso}T00:00:00Z`) - start) / (end - start)) * span;
  const months: string[] = [];
  for (let d = new Date(start); d.getTime() <= end; d.setUTCMonth(d.getUTCMonth() + 1))
    months.push(d.toISOString().slice(0, 10));
  const { span: s } = coverage;
  return (
    <figure style={{ margin: 0 }}>
      <svg
        role="img"
        aria-labelledby={titleId}
        aria-describedby={descId}
        viewBox={`0 0 ${width} 110`}
        style={{ width: "100%", maxWidth: width, height: "auto" }}
      >
        <title
          id={titleId}
        >{`Timeline of dated evidence, academic year${years.length > 1 ? "s" : ""} ${years.map((y) => y.label).join(" and ")}`}</title>
        <desc
          id={descId}
        >{`${coverage.timeline.length} pieces of evidence from ${dayLabel(s.firstDate)} to ${dayLabel(s.lastDate)}. ${s.message}`}</desc>
        <line x1={left} x2={width - left} y1={50} y2={50} stroke="#6b7684" strokeWidth="2" />
        {months.map((m, i) => (
          <g key={m}>
            <line x1={xOf(m)} x2={xOf(m)} y1={44} y2={56} stroke="#6b7684" />
            {i % 3 === 0 && (
              <text x={xOf(m)} y={75} fontSize="11" textAnchor="middle" fill="#1b2430">
                {monthName(m)}
              </text>
            )}
          </g>
        ))}
        {s.firstDate && s.lastDate && (
          <rect
            x={xOf(s.firstDate)}
            y={30}
            width={Math.max(2, xOf(s.lastDate) - xOf(s.firstDate))}
            height={8}
            fill="#1d4f7a"
            opacity="0.35"
          />
        )}
        {coverage.timeline.map((t) => (
          <circle
            key={t.evidenceId}
            cx={xOf(t.practiceDate)}
            cy={50}
            r={6}
            fill="#13314f"
            stroke="#ffffff"
            strokeWidth="2"
          />
        ))}
        <text x={left} y={100} fontSize="12" fill="#1b2430">
          {s.requiredDays > 0
            ? `Span ${s.days} of ${s.requiredDays} days needed: ${s.isMet ? "met" : "not yet met"}`
            : `Span ${s.days} days`}
        </text>
      </svg>
      <p>{s.message}</p>
      <details>
        <summary>Show the timeline as a table</summary>
        <Table
          caption="Dated evidence, earliest first"
          rows={coverage.timeline}
          rowKey={(t) => t.evidenceId}
          columns={[
            { header: "Date", cell: (t) => dayLabel(t.practiceDate), isRowHeader: true },
            { header: "Evidence", cell: (t) => t.title },
            { header: "Standards", cell: (t) => t.standardCodes.join(", ") || "none" },
          ]}
        />
      </details>
    </figure>
  );
}
