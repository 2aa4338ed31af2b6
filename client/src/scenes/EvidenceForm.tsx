import { useRef, useState } from "react";
import { attachmentRules, evidenceEndpoints, type TEvidence, type TStandardsList } from "@contracts/evidence";
import { call } from "../api/call";
import { ApiError } from "../api/http";
import { Button } from "../components/Button";
import { ErrorMessage } from "../components/ErrorMessage";
import { Field } from "../components/Field";
import { RichTextEditor } from "./RichTextEditor";
import { DraftOffer } from "./DraftOffer";
import { useDraft } from "./useDraft";
import { useAction } from "./useAction";

type Link = { standardCode: string; descriptorCode: string | null; note: string };

/**
 * Adds or edits one piece of evidence: what, when, the reflection, web links and standards; new
 * evidence can take files too, uploaded one by one once it is saved (`attached` says how that went).
 */
export function EvidenceForm({
  item,
  standards,
  onDone,
}: {
  item: TEvidence | null;
  standards: TStandardsList["standards"];
  onDone: (saved: TEvidence | null, attached?: string) => void;
}) {
  const [title, setTitle] = useState(item?.title ?? "");
  const [practiceDate, setPracticeDate] = useState(item?.practiceDate ?? "");
  const [narrativeHtml, setNarrative] = useState(item?.narrativeHtml ?? "");
  const [links, setLinks] = useState(item?.links.map((l) => `${l.url}`).join("\n") ?? "");
  const [chosen, setChosen] = useState<Link[]>(item?.standards ?? []);
  const [files, setFiles] = useState<File[]>([]);
  const action = useAction();
  const f = action.fieldErrors;
  const titleInput = useRef<HTMLInputElement>(null);
  // What is typed is kept as a draft as it is typed (#17 item 2); files cannot be, and the person is told so.
  const draft = useDraft({
    formKey: `evidence:${item?.id ?? "new"}`,
    title: title.trim() ? `‘${title.trim()}’` : item ? `‘${item.title}’` : "new evidence",
    fields: [
      { name: "title", label: "Title", value: title },
      { name: "practiceDate", label: "Date of the practice", value: practiceDate },
      { name: "narrativeHtml", label: "Reflective narrative", value: narrativeHtml },
      { name: "links", label: "Web links", value: links },
      { name: "standardsJson", label: "Standards this evidence shows", value: JSON.stringify(chosen) },
    ],
    reopen: item ? `open Evidence and choose Edit on “${item.title}”` : "open Evidence and choose Add evidence",
    notKept:
      files.length > 0 ? "Files you chose to attach are not kept: choose them again when you continue." : undefined,
    onRestore: (v) => {
      setTitle(v.title ?? "");
      setPracticeDate(v.practiceDate ?? "");
      setNarrative(v.narrativeHtml ?? "");
      setLinks(v.links ?? "");
      try {
        setChosen(JSON.parse(v.standardsJson ?? "[]") as Link[]);
      } catch {
        // A device copy from an older page: the writing is restored, the ticks are not.
      }
    },
  });

  const keyOf = (s: string, d: string | null) => `${s}|${d ?? ""}`;
  const isChosen = (s: string, d: string | null) =>
    chosen.some((c) => keyOf(c.standardCode, c.descriptorCode) === keyOf(s, d));
  const toggle = (s: string, d: string | null) =>
    setChosen((all) =>
      isChosen(s, d)
        ? all.filter((c) => keyOf(c.standardCode, c.descriptorCode) !== keyOf(s, d))
        : [...all, { standardCode: s, descriptorCode: d, note: "" }],
    );
  const setNote = (s: string, d: string | null, note: string) =>
    setChosen((all) => all.map((c) => (keyOf(c.standardCode, c.descriptorCode) === keyOf(s, d) ? { ...c, note } : c)));

  const save = async () => {
    const body = {
      title,
      practiceDate,
      narrativeHtml,
      links: links
        .split("\n")
        .map((l) => l.trim())
        .filter(Boolean)
        .map((url) => ({ url, label: "" })),
      standards: chosen,
    };
    const tooLarge = files.find((file) => file.size > attachmentRules.maxBytes);
    // Refused before anything is sent: the evidence is not saved half-way.
    if (tooLarge)
      return action.refuse(
        new ApiError(
          413,
          "payload_too_large",
          `“${tooLarge.name}” is over ${attachmentRules.maxBytes / (1024 * 1024)} MB. Please choose a smaller file or remove it.`,
        ),
      );
    const saved = await action.run(() =>
      item
        ? call(evidenceEndpoints.update, {
            params: { evidenceId: item.id },
            body: { ...body, expectedVersion: item.version },
          })
        : call(evidenceEndpoints.create, { body }),
    );
    if (!saved) return;
    void draft.clear();
    const outcomes: string[] = [];
    for (const file of files) {
      const form = new FormData();
      form.append("file", file);
      try {
        await call(evidenceEndpoints.attach, { params: { evidenceId: saved.id }, body: form });
        outcomes.push(`Attached “${file.name}”.`);
      } catch (error) {
        outcomes.push(
          `“${file.name}” was not attached: ${error instanceof ApiError ? error.message : "it could not be sent"} Attach it again from the list.`,
        );
      }
    }
    onDone(saved, outcomes.join(" "));
  };

  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        void save();
      }}
      noValidate
    >
      {action.error ? <ErrorMessage error={action.error} /> : null}
      {draft.offer ? (
        <DraftOffer
          offer={draft.offer}
          onRestore={() => {
            draft.restore();
            titleInput.current?.focus();
          }}
          onDiscard={() => {
            void draft.discard();
            titleInput.current?.focus();
          }}
        />
      ) : null}
      <Field label="Title" error={f.title}>
        {(c) => (
          <input {...c} ref={titleInput} value={title} onChange={(e) => setTitle(e.target.value)} maxLength={200} />
        )}
      </Field>
      <Field
        label="Date of the practice"
        hint="The day the practice this evidence records took place."
        error={f.practiceDate}
      >
        {(c) => <input {...c} type="date" value={practiceDate} onChange={(e) => setPracticeDate(e.target.value)} />}
      </Field>
      <Field label="Reflective narrative" isOptional error={f.narrativeHtml}>
        {(c) => (
          <RichTextEditor control={c} label="Reflective narrative" value={narrativeHtml} onChange={setNarrative} />
        )}
      </Field>
      <Field
        label="Web links"
        isOptional
        hint="One web address per line, starting with https://"
        error={Object.entries(f).find(([k]) => k.startsWith("links"))?.[1]}
      >
        {(c) => <textarea {...c} rows={3} value={links} onChange={(e) => setLinks(e.target.value)} />}
      </Field>
      {!item && (
        <div className="field">
          <input
            id="evidence-files"
            type="file"
            multiple
            className="visually-hidden"
            aria-describedby="evidence-files-hint"
            onChange={(e) => {
              setFiles([...files, ...Array.from(e.target.files ?? [])]);
              e.target.value = "";
            }}
          />
          <label className="button button--secondary" htmlFor="evidence-files">
            Attach files
          </label>
          <p id="evidence-files-hint" className="field__hint">
            Optional. Files up to {attachmentRules.maxBytes / (1024 * 1024)} MB:{" "}
            {attachmentRules.allowed.map((a) => a.label).join(", ")}. They are attached when you save.
          </p>
          {files.length > 0 && (
            <ul aria-label="Files to attach">
              {files.map((file, index) => (
                <li key={`${file.name}-${index}`}>
                  {file.name}{" "}
                  <Button variant="quiet" onClick={() => setFiles(files.filter((_, i) => i !== index))}>
                    Don't attach<span className="visually-hidden"> {file.name}</span>
                  </Button>
                </li>
              ))}
            </ul>
          )}
        </div>
      )}
      <fieldset className="field">
        <legend className="field__label">Standards this evidence shows</legend>
        <p className="field__hint">
          Tick a standard as a whole or its descriptors, and say briefly how the evidence shows it.
        </p>
        {standards.map((s) => (
          <details key={s.code} open={chosen.some((c) => c.standardCode === s.code)}>
            <summary>
              Standard {s.code}: {s.title}
            </summary>
            {[{ code: null as string | null, text: `The standard as a whole` }, ...s.descriptors].map((d) => {
              const id = `std-${s.code}-${d.code ?? "all"}`;
              return (
                <div key={id} style={{ margin: "0.5rem 0" }}>
                  <input
                    type="checkbox"
                    id={id}
                    checked={isChosen(s.code, d.code)}
                    onChange={() => toggle(s.code, d.code)}
                  />{" "}
                  <label htmlFor={id}>
                    {d.code ? `${d.code}: ` : ""}
                    {d.text}
                  </label>
                  {isChosen(s.code, d.code) && (
                    <Field label={`How it shows ${d.code ?? `standard ${s.code}`}`} isOptional>
                      {(c) => (
                        <input
                          {...c}
                          maxLength={500}
                          value={
                            chosen.find((x) => keyOf(x.standardCode, x.descriptorCode) === keyOf(s.code, d.code))
                              ?.note ?? ""
                          }
                          onChange={(e) => setNote(s.code, d.code, e.target.value)}
                        />
                      )}
                    </Field>
                  )}
                </div>
              );
            })}
          </details>
        ))}
      </fieldset>
      <p role="status" aria-live="polite" className="field__hint">
        {draft.status}
      </p>
      <div style={{ display: "flex", gap: "0.5rem" }}>
        <Button type="submit" isBusy={action.isBusy} busyLabel="Saving…">
          Save evidence
        </Button>
        <Button variant="secondary" onClick={() => onDone(null)}>
          Cancel
        </Button>
      </div>
    </form>
  );
}
