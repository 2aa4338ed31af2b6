import type { ReactNode } from "react";
import type { TEvidence, TStandardsList } from "@contracts/evidence";
import { Field } from "../components/Field";

/** What the journal shows: one standard (or all), a date range (inclusive, "YYYY-MM-DD" or ""), and the order. */
export interface JournalFilter {
  standardCode: string;
  from: string;
  to: string;
  order: "newest" | "oldest" | "mine";
}

export const allEvidence: JournalFilter = { standardCode: "", from: "", to: "", order: "newest" };

/** The entries the filter keeps, in its order ("mine" keeps the mentor's own order, which portfolios follow). */
export function filterJournal(items: readonly TEvidence[], filter: JournalFilter): TEvidence[] {
  const kept = items.filter(
    (item) =>
      (!filter.standardCode || item.standards.some((s) => s.standardCode === filter.standardCode)) &&
      (!filter.from || item.practiceDate >= filter.from) &&
      (!filter.to || item.practiceDate <= filter.to),
  );
  if (filter.order === "mine") return kept;
  const sign = filter.order === "newest" ? -1 : 1;
  return [...kept].sort((a, b) => sign * a.practiceDate.localeCompare(b.practiceDate) || a.position - b.position);
}

/**
 * The first paragraphs of a narrative as plain text, at most about `maxChars` long: the journal
 * shows what the mentor wrote without opening the form. The narrative is the server's cleaned
 * HTML; it is read as text here, never inserted as HTML.
 */
export function narrativeOpening(html: string, maxParagraphs = 2, maxChars = 320): string[] {
  if (!html.trim()) return [];
  const doc = new DOMParser().parseFromString(html, "text/html");
  const blocks = [...doc.body.querySelectorAll("p, li, h1, h2, h3, h4, blockquote")]
    .map((el) => el.textContent?.trim() ?? "")
    .filter(Boolean);
  const paragraphs = blocks.length > 0 ? blocks : [doc.body.textContent?.trim() ?? ""].filter(Boolean);
  const opening: string[] = [];
  let length = 0;
  for (const text of paragraphs.slice(0, maxParagraphs)) {
    const room = maxChars - length;
    if (room <= 20) break;
    opening.push(
      text.length > room
        ? `${text.slice(0, text.lastIndexOf(" ", room) > 0 ? text.lastIndexOf(" ", room) : room)}…`
        : text,
    );
    length += text.length;
  }
  const isCut = paragraphs.length > opening.length || opening.some((p) => p.endsWith("…"));
  if (isCut && opening.length > 0 && !opening[opening.length - 1].endsWith("…")) opening[opening.length - 1] += " …";
  return opening;
}

/** "5 October 2026" for a "2026-10-05" calendar date. */
export const longDate = (isoDate: string) =>
  new Date(`${isoDate}T00:00:00Z`).toLocaleDateString("en-GB", {
    day: "numeric",
    month: "long",
    year: "numeric",
    timeZone: "UTC",
  });

/** The standards an entry shows, as the mentor picked them: "1.1", "Standard 2 as a whole". */
export function standardsText(item: TEvidence, standards: TStandardsList["standards"]): string {
  if (item.standards.length === 0) return "none linked yet";
  return item.standards
    .map((s) =>
      s.descriptorCode
        ? s.descriptorCode
        : `Standard ${s.standardCode} (${standards.find((x) => x.code === s.standardCode)?.title ?? "as a whole"})`,
    )
    .join(", ");
}

/** The journal's filters: by standard, by date of the practice, and the order. They apply as they change. */
export function JournalFilters({
  filter,
  standards,
  onChange,
  shown,
  total,
}: {
  filter: JournalFilter;
  standards: TStandardsList["standards"];
  onChange: (f: JournalFilter) => void;
  shown: number;
  total: number;
}) {
  const set = (change: Partial<JournalFilter>) => onChange({ ...filter, ...change });
  const isFiltered = filter.standardCode !== "" || filter.from !== "" || filter.to !== "";
  return (
    <section aria-labelledby="journal-filters" className="journal-filters">
      <h2 id="journal-filters" className="visually-hidden">
        Filter your evidence
      </h2>
      <div className="filters">
        <Field label="Standard">
          {(c) => (
            <select {...c} value={filter.standardCode} onChange={(e) => set({ standardCode: e.target.value })}>
              <option value="">All standards</option>
              {standards.map((s) => (
                <option key={s.code} value={s.code}>
                  Standard {s.code}: {s.title}
                </option>
              ))}
            </select>
          )}
        </Field>
        <Field label="Practice date from">
          {(c) => <input {...c} type="date" value={filter.from} onChange={(e) => set({ from: e.target.value })} />}
        </Field>
        <Field label="Practice date to">
          {(c) => <input {...c} type="date" value={filter.to} onChange={(e) => set({ to: e.target.value })} />}
        </Field>
        <Field label="Order">
          {(c) => (
            <select
              {...c}
              value={filter.order}
              onChange={(e) => set({ order: e.target.value as JournalFilter["order"] })}
            >
              <option value="newest">Newest first</option>
              <option value="oldest">Oldest first</option>
              <option value="mine">My order (for portfolios)</option>
            </select>
          )}
        </Field>
      </div>
      <p role="status" aria-live="polite" aria-atomic="true">
        {isFiltered ? `Showing ${shown} of ${total} pieces of evidence.` : ""}
      </p>
    </section>
  );
}

/** One journal entry: date, title, the narrative's opening, links, standards and attachments; `actions` are the entry's buttons. */
export function JournalEntry({
  item,
  standards,
  attachments,
  actions,
}: {
  item: TEvidence;
  standards: TStandardsList["standards"];
  attachments: ReactNode;
  actions: ReactNode;
}) {
  const opening = narrativeOpening(item.narrativeHtml);
  const headingId = `evidence-${item.id}`;
  return (
    <li className="journal-entry">
      <article aria-labelledby={headingId}>
        <p className="journal-entry__date">
          <time dateTime={item.practiceDate}>{longDate(item.practiceDate)}</time>
          {item.archivedAt && <span className="badge">Archived</span>}
          {item.submittedIn.length > 0 && (
            <span>
              {" "}
              · In submitted {item.submittedIn.map((s) => `${s.qualificationCode} version ${s.number}`).join(", ")}
            </span>
          )}
        </p>
        <h2 id={headingId} className="journal-entry__title" tabIndex={-1}>
          {item.title}
        </h2>
        {opening.length > 0 ? (
          <div className="journal-entry__narrative">
            {opening.map((text, i) => (
              <p key={i}>{text}</p>
            ))}
          </div>
        ) : (
          <p className="journal-entry__empty">No narrative written yet.</p>
        )}
        <dl className="journal-entry__facts">
          <div>
            <dt>Standards</dt>
            <dd>{standardsText(item, standards)}</dd>
          </div>
          {item.links.length > 0 && (
            <div>
              <dt>Web links</dt>
              <dd>
                <ul>
                  {item.links.map((l) => (
                    <li key={l.url}>
                      <a href={l.url} target="_blank" rel="noreferrer noopener">
                        {l.label || l.url}
                        <span className="visually-hidden"> (opens in a new tab)</span>
                      </a>
                    </li>
                  ))}
                </ul>
              </dd>
            </div>
          )}
          <div>
            <dt>Attachments</dt>
            <dd>{item.attachments.length === 0 ? "none" : attachments}</dd>
          </div>
        </dl>
        {actions}
      </article>
    </li>
  );
}
