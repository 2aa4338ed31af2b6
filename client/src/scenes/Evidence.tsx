import { useEffect, useRef, useState } from "react";
import { attachmentRules, evidenceEndpoints, type TEvidence, type TEvidenceBin } from "@contracts/evidence";
import { call, download, fetchBlob } from "../api/call";
import { ApiError } from "../api/http";
import { useQuery } from "../api/useQuery";
import { AttachmentPreview } from "../components/AttachmentPreview";
import { Button } from "../components/Button";
import { ConfirmButton } from "../components/ConfirmButton";
import { ErrorMessage } from "../components/ErrorMessage";
import { Loading } from "../components/Loading";
import { Page } from "../components/Page";
import { binItemName, EvidenceBin } from "./evidenceBin";
import { EvidenceForm } from "./EvidenceForm";
import { allEvidence, filterJournal, JournalEntry, JournalFilters, type JournalFilter } from "./evidenceJournal";
import { useAction } from "./useAction";

/** Restoring from the bin, as "Undo" and the bin list do it. */
const restoreEvidence = (evidenceId: string) => () =>
  call(evidenceEndpoints.restoreFromBin, { params: { evidenceId } });
const restoreAttachment = (evidenceId: string, attachmentId: string) => () =>
  call(evidenceEndpoints.restoreAttachment, { params: { evidenceId, attachmentId } });

/** A mentor's evidence as a journal (date, title, the narrative's opening, standards, attachments; filtered by standard and date): add, edit, reorder, attach files, archive. */
export function Evidence() {
  const [showArchived, setShowArchived] = useState(false);
  const list = useQuery(
    (signal) => call(evidenceEndpoints.list, { query: { archived: showArchived ? "include" : "exclude" }, signal }),
    [showArchived],
  );
  const standards = useQuery((signal) => call(evidenceEndpoints.standards, { signal }), []);
  const bin = useQuery((signal) => call(evidenceEndpoints.bin, { signal }), []);
  // What the last delete put in the bin, so "Undo" can bring it straight back.
  const [undo, setUndo] = useState<{ name: string; restore: () => Promise<unknown>; focusId: string } | null>(null);
  const [editing, setEditing] = useState<TEvidence | "new" | null>(null);
  const [filter, setFilter] = useState<JournalFilter>(allEvidence);
  const action = useAction();
  // Where focus goes once the page shows what an action changed (an entry's heading, or the
  // page's h1), and the list it must not land on: the one from before the reload, which the
  // list replaces with a loading message, dropping focus.
  const focusNext = useRef<{ id: string; before: unknown } | null>(null);
  const listData = list.status === "ready" ? list.data : null;
  useEffect(() => {
    const next = focusNext.current;
    if (!next || (!editing && (!listData || listData === next.before))) return;
    focusNext.current = null;
    ((next.id !== "h1" && document.getElementById(next.id)) || document.querySelector<HTMLElement>("main h1"))?.focus();
  });
  /** Focus `id` (or the h1) once the list has loaded again after this action. */
  const focusAfterReload = (id: string) => {
    focusNext.current = { id, before: listData };
    list.reload();
  };

  if (list.status === "loading" || standards.status === "loading")
    return (
      <Page title="Evidence">
        <Loading label="Loading your evidence…" />
      </Page>
    );
  if (list.status === "error")
    return (
      <Page title="Evidence">
        <ErrorMessage error={list.error} onRetry={list.reload} />
      </Page>
    );
  if (standards.status === "error")
    return (
      <Page title="Evidence">
        <ErrorMessage error={standards.error} onRetry={standards.reload} />
      </Page>
    );
  const items = list.data.items;
  const active = items.filter((i) => !i.archivedAt);

  const move = async (item: TEvidence, by: -1 | 1) => {
    const order = active.map((i) => i.id);
    const index = order.indexOf(item.id);
    order.splice(index, 1);
    order.splice(index + by, 0, item.id);
    const ok = await action.run(async () => {
      await call(evidenceEndpoints.reorder, { body: { order } });
      return true;
    });
    if (ok) {
      action.setNotice(`Moved "${item.title}" ${by < 0 ? "up" : "down"}.`);
      focusAfterReload(`evidence-${item.id}`);
    }
  };
  /** Takes something out of the bin (from "Undo" or the bin list) and focuses it on the list. */
  const restoreFromBin = async (name: string, restore: () => Promise<unknown>, focusId: string) => {
    const ok = await action.run(async () => {
      await restore();
      return true;
    });
    if (ok) {
      setUndo(null);
      action.setNotice(`Restored ${name}.`);
      bin.reload();
      focusAfterReload(focusId);
    }
  };
  const restoreBinItem = (i: TEvidenceBin["items"][number]) =>
    void restoreFromBin(
      binItemName(i),
      i.kind === "evidence" ? restoreEvidence(i.id) : restoreAttachment(i.evidenceId, i.id),
      `evidence-${i.evidenceId}`,
    );
  const act = async (item: TEvidence, what: "archive" | "restore" | "delete") => {
    const ok = await action.run(async () => {
      const params = { evidenceId: item.id };
      if (what === "delete") await call(evidenceEndpoints.remove, { params });
      else await call(what === "archive" ? evidenceEndpoints.archive : evidenceEndpoints.unarchive, { params });
      return true;
    });
    if (!ok) return;
    if (what === "delete") {
      // Focus goes to "Undo", the one thing a person who deleted by mistake wants next.
      setUndo({ name: `“${item.title}”`, restore: restoreEvidence(item.id), focusId: `evidence-${item.id}` });
      action.setNotice(`Deleted “${item.title}”. It is in the bin for 30 days.`);
      bin.reload();
      focusAfterReload("undo-delete");
      return;
    }
    setUndo(null);
    action.setNotice(`"${item.title}" ${what}d.`);
    focusAfterReload(`evidence-${item.id}`);
  };
  const upload = async (item: TEvidence, file: File) => {
    // Refused here, before a byte is sent: the server would refuse it too, after the upload.
    if (file.size > attachmentRules.maxBytes) {
      action.refuse(
        new ApiError(
          413,
          "payload_too_large",
          `"${file.name}" is ${sizeText(file.size)}; files can be up to ${sizeText(attachmentRules.maxBytes)}. Please choose a smaller file, or make this one smaller (for example, save it as a PDF or a smaller image).`,
        ),
      );
      return;
    }
    const form = new FormData();
    form.append("file", file);
    const ok = await action.run(() => call(evidenceEndpoints.attach, { params: { evidenceId: item.id }, body: form }));
    if (ok) {
      action.setNotice(`Attached "${ok.filename}" to "${item.title}".`);
      focusAfterReload(`evidence-${item.id}`);
    }
  };
  const detach = async (item: TEvidence, attachmentId: string, filename: string) => {
    const ok = await action.run(() =>
      call(evidenceEndpoints.removeAttachment, { params: { evidenceId: item.id, attachmentId } }),
    );
    if (!ok) return;
    if (ok.result === "archived") {
      setUndo(null);
      action.setNotice(`"${filename}" removed from your draft; submitted versions keep it.`);
      focusAfterReload(`evidence-${item.id}`);
      return;
    }
    setUndo({
      name: `“${filename}”`,
      restore: restoreAttachment(item.id, attachmentId),
      focusId: `evidence-${item.id}`,
    });
    action.setNotice(`Deleted “${filename}”. It is in the bin for 30 days.`);
    bin.reload();
    focusAfterReload("undo-delete");
  };
  const openForm = (what: TEvidence | "new") => {
    action.setNotice("");
    focusNext.current = { id: "h1", before: null };
    setEditing(what);
  };

  if (editing) {
    return (
      <Page title={editing === "new" ? "Add evidence" : `Edit: ${editing.title}`} documentTitle="Evidence">
        <EvidenceForm
          item={editing === "new" ? null : editing}
          standards={standards.data.standards}
          onDone={(saved, attached) => {
            // Back on the list, focus lands on what was saved (or on the entry left unchanged).
            setEditing(null);
            setUndo(null);
            action.setNotice(saved ? [`Saved "${saved.title}".`, attached].filter(Boolean).join(" ") : "");
            focusAfterReload(saved ? `evidence-${saved.id}` : editing === "new" ? "h1" : `evidence-${editing.id}`);
          }}
        />
      </Page>
    );
  }

  const allowed = attachmentRules.allowed.map((a) => a.label).join(", ");
  const shown = filterJournal(items, filter);
  const canMove = filter.order === "mine" && shown.length === items.length;
  return (
    <Page
      title="Evidence"
      intro={
        <p>
          Your journal of practice: dated pieces of evidence, each linked to the mentor standards. Include them in a
          portfolio to submit them.
        </p>
      }
    >
      <p role="status" aria-live="polite">
        {action.notice}
      </p>
      {undo && !action.error ? (
        <p>
          <Button
            id="undo-delete"
            variant="secondary"
            onClick={() => void restoreFromBin(undo.name, undo.restore, undo.focusId)}
          >
            Undo<span className="visually-hidden">: restore {undo.name}</span>
          </Button>
        </p>
      ) : null}
      {action.error ? <ErrorMessage error={action.error} /> : null}
      <p>
        <Button onClick={() => openForm("new")}>Add evidence</Button>
      </p>
      <JournalFilters
        filter={filter}
        standards={standards.data.standards}
        onChange={setFilter}
        shown={shown.length}
        total={items.length}
      />
      <p>
        <input
          type="checkbox"
          id="show-archived"
          checked={showArchived}
          onChange={(e) => setShowArchived(e.target.checked)}
        />{" "}
        <label htmlFor="show-archived">Show archived evidence</label>
      </p>
      {items.length === 0 ? (
        <p>You have no evidence yet.</p>
      ) : shown.length === 0 ? (
        <p>No evidence matches these filters.</p>
      ) : (
        <ol className="evidence-list journal">
          {shown.map((item) => {
            const index = active.findIndex((i) => i.id === item.id);
            return (
              <JournalEntry
                key={item.id}
                item={item}
                standards={standards.data.standards}
                attachments={
                  <ul className="journal-entry__files">
                    {item.attachments.map((a) => (
                      <li key={a.id}>
                        <Button
                          variant="quiet"
                          onClick={() =>
                            void download(evidenceEndpoints.attachment, {
                              params: { evidenceId: item.id, attachmentId: a.id },
                              fallbackName: a.filename,
                            })
                          }
                        >
                          Download {a.filename}
                        </Button>{" "}
                        <AttachmentPreview
                          load={(type) =>
                            fetchBlob(evidenceEndpoints.attachment, {
                              params: { evidenceId: item.id, attachmentId: a.id },
                              type,
                            })
                          }
                          filename={a.filename}
                          mimeType={a.mimeType}
                        />{" "}
                        {!item.archivedAt && (
                          <ConfirmButton
                            label={<>Remove {a.filename}</>}
                            question={`Remove “${a.filename}”?`}
                            confirmLabel="Yes, remove"
                            onConfirm={() => void detach(item, a.id, a.filename)}
                          />
                        )}
                      </li>
                    ))}
                  </ul>
                }
                actions={
                  !item.archivedAt ? (
                    <div className="actions">
                      <Button variant="secondary" onClick={() => openForm(item)}>
                        Edit<span className="visually-hidden"> {item.title}</span>
                      </Button>
                      {canMove && index > 0 && (
                        <Button variant="secondary" onClick={() => void move(item, -1)}>
                          Move up<span className="visually-hidden"> {item.title}</span>
                        </Button>
                      )}
                      {canMove && index < active.length - 1 && (
                        <Button variant="secondary" onClick={() => void move(item, 1)}>
                          Move down<span className="visually-hidden"> {item.title}</span>
                        </Button>
                      )}
                      <input
                        id={`file-${item.id}`}
                        type="file"
                        className="visually-hidden"
                        aria-describedby="file-rules"
                        onChange={(e) => {
                          const f = e.target.files?.[0];
                          if (f) void upload(item, f);
                          e.target.value = "";
                        }}
                      />
                      <label className="button button--secondary" htmlFor={`file-${item.id}`}>
                        Attach a file<span className="visually-hidden"> to {item.title}</span>
                      </label>
                      <Button variant="secondary" onClick={() => void act(item, "archive")}>
                        Archive<span className="visually-hidden"> {item.title}</span>
                      </Button>
                      {item.submittedIn.length === 0 && (
                        <ConfirmButton
                          label={
                            <>
                              Delete<span className="visually-hidden"> {item.title}</span>
                            </>
                          }
                          question={`Delete “${item.title}”?`}
                          confirmLabel="Yes, delete"
                          onConfirm={() => void act(item, "delete")}
                        />
                      )}
                    </div>
                  ) : (
                    <Button variant="secondary" onClick={() => void act(item, "restore")}>
                      Restore<span className="visually-hidden"> {item.title}</span>
                    </Button>
                  )
                }
              />
            );
          })}
        </ol>
      )}
      <p id="file-rules" className="field__hint">
        Files up to {sizeText(attachmentRules.maxBytes)}: {allowed}.
      </p>
      {bin.status === "ready" ? (
        <EvidenceBin bin={bin.data} onRestore={restoreBinItem} />
      ) : bin.status === "error" ? (
        <ErrorMessage error={bin.error} onRetry={bin.reload} />
      ) : null}
    </Page>
  );
}

/** "10 MB", "2.4 MB", "640 KB". */
export function sizeText(bytes: number): string {
  if (bytes >= 1024 * 1024) return `${Number((bytes / (1024 * 1024)).toFixed(1))} MB`;
  return `${Math.ceil(bytes / 1024)} KB`;
}
