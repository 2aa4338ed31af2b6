import { useState } from "react";
import { ZEvidence, type TEvidence, type TStandardsList } from "@contracts/evidence";
import { apiRequest } from "../api/http";
import { Button } from "../components/Button";
import { ErrorMessage } from "../components/ErrorMessage";
import { Field } from "../components/Field";
import { RichTextEditor } from "./RichTextEditor";
import { useAction } from "./useAction";

type Link = { standardCode: string; descriptorCode: string | null; note: string };

/** Adds or edits one piece of evidence: what, when, the reflection, web links and standards. */
export function EvidenceForm({ item, standards, onDone }: { item: TEvidence | null; standards: TStandardsList["standards"]; onDone: (saved: TEvidence | null) => void }) {
  const [title, setTitle] = useState(item?.title ?? "");
  const [practiceDate, setPracticeDate] = useState(item?.practiceDate ?? "");
  const [narrativeHtml, setNarrative] = useState(item?.narrativeHtml ?? "");
  const [links, setLinks] = useState(item?.links.map((l) => `${l.url}`).join("\n") ?? "");
  const [chosen, setChosen] = useState<Link[]>(item?.standards ?? []);
  const action = useAction();
  const f = action.fieldErrors;

  const keyOf = (s: string, d: string | null) => `${s}|${d ?? ""}`;
  const isChosen = (s: string, d: string | null) => chosen.some((c) => keyOf(c.standardCode, c.descriptorCode) === keyOf(s, d));
  const toggle = (s: string, d: string | null) =>
    setChosen((all) => (isChosen(s, d) ? all.filter((c) => keyOf(c.standardCode, c.descriptorCode) !== keyOf(s, d)) : [...all, { standardCode: s, descriptorCode: d, note: "" }]));
  const setNote = (s: string, d: string | null, note: string) => setChosen((all) => all.map((c) => (keyOf(c.standardCode, c.descriptorCode) === keyOf(s, d) ? { ...c, note } : c)));

  const save = async () => {
    const body = {
      title,
      practiceDate,
      narrativeHtml,
      links: links.split("\n").map((l) => l.trim()).filter(Boolean).map((url) => ({ url, label: "" })),
      standards: chosen,
      ...(item ? { expectedVersion: item.version } : {}),
    };
    const saved = await action.run(() => (item ? apiRequest("PATCH", `/api/evidence/${item.id}`, { body, schema: ZEvidence }) : apiRequest("POST", "/api/evidence", { body, schema: ZEvidence })));
    if (saved) onDone(saved);
  };

  return (
    <form onSubmit={(e) => { e.preventDefault(); void save(); }} noValidate>
      {action.error ? <ErrorMessage error={action.error} /> : null}
      <Field label="Title" error={f.title}>{(c) => <input {...c} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />}</Field>
      <Field label="Date of the practice" hint="The day the practice this evidence records took place." error={f.practiceDate}>
        {(c) => <input {...c} type="date" value={practiceDate} onChange={(e) => setPracticeDate(e.target.value)} />}
      </Field>
      <Field label="Reflective narrative" isOptional error={f.narrativeHtml}>
        {(c) => <RichTextEditor control={c} label="Reflective narrative" value={narrativeHtml} onChange={setNarrative} />}
      </Field>
      <Field label="Web links" isOptional hint="One web address per line, starting with https://" error={Object.entries(f).find(([k]) => k.startsWith("links"))?.[1]}>
        {(c) => <textarea {...c} rows={3} value={links} onChange={(e) => setLinks(e.target.value)} />}
      </Field>
      <fieldset className="field">
        <legend className="field__label">Standards this evidence shows</legend>
        <p className="field__hint">Tick a standard as a whole or its descriptors, and say briefly how the evidence shows it.</p>
        {standards.map((s) => (
          <details key={s.code} open={chosen.some((c) => c.standardCode === s.code)}>
            <summary>Standard {s.code}: {s.title}</summary>
            {[{ code: null as string | null, text: `The standard as a whole` }, ...s.descriptors].map((d) => {
              const id = `std-${s.code}-${d.code ?? "all"}`;
              return (
                <div key={id} style={{ margin: "0.5rem 0" }}>
                  <input type="checkbox" id={id} checked={isChosen(s.code, d.code)} onChange={() => toggle(s.code, d.code)} />{" "}
                  <label htmlFor={id}>{d.code ? `${d.code}: ` : ""}{d.text}</label>
                  {isChosen(s.code, d.code) && (
                    <Field label={`How it shows ${d.code ?? `standard ${s.code}`}`} isOptional>
                      {(c) => <input {...c} maxLength={500} value={chosen.find((x) => keyOf(x.standardCode, x.descriptorCode) === keyOf(s.code, d.code))?.note ?? ""} onChange={(e) => setNote(s.code, d.code, e.target.value)} />}
                    </Field>
                  )}
                </div>
              );
            })}
          </details>
        ))}
      </fieldset>
      <div style={{ display: "flex", gap: "0.5rem" }}>
        <Button type="submit" isBusy={action.isBusy} busyLabel="Saving…">Save evidence</Button>
        <Button variant="secondary" onClick={() => onDone(null)}>Cancel</Button>
      </div>
    </form>
  );
}
