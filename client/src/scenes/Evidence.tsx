import { useState } from "react";
import { z } from "zod";
import { ZAttachment, ZAttachmentRemoved, ZEvidence, ZEvidenceList, ZStandardsList, attachmentRules, type TEvidence } from "@contracts/evidence";
import { apiDownload, apiRequest } from "../api/http";
import { useQuery } from "../api/useQuery";
import { Button } from "../components/Button";
import { ErrorMessage } from "../components/ErrorMessage";
import { Loading } from "../components/Loading";
import { Page } from "../components/Page";
import { EvidenceForm } from "./EvidenceForm";
import { shortDate, useAction } from "./useAction";

const ZVoid = z.undefined();

/** A mentor's evidence: add, edit, reorder, attach files, archive. */
export function Evidence() {
  const [showArchived, setShowArchived] = useState(false);
  const list = useQuery((signal) => apiRequest("GET", "/api/evidence", { schema: ZEvidenceList, query: { archived: showArchived ? "include" : "exclude" }, signal }), [showArchived]);
  const standards = useQuery((signal) => apiRequest("GET", "/api/evidence/standards", { schema: ZStandardsList, signal }), []);
  const [editing, setEditing] = useState<TEvidence | "new" | null>(null);
  const [message, setMessage] = useState("");
  const action = useAction();

  if (list.status === "loading" || standards.status === "loading") return <Page title="Evidence"><Loading label="Loading your evidence…" /></Page>;
  if (list.status === "error") return <Page title="Evidence"><ErrorMessage error={list.error} onRetry={list.reload} /></Page>;
  if (standards.status === "error") return <Page title="Evidence"><ErrorMessage error={standards.error} onRetry={standards.reload} /></Page>;
  const items = list.data.items;

  const move = async (index: number, by: -1 | 1) => {
    const order = items.filter((i) => !i.archivedAt).map((i) => i.id);
    const [moved] = order.splice(index, 1);
    order.splice(index + by, 0, moved);
    const ok = await action.run(async () => { await apiRequest("PUT", "/api/evidence/order", { body: { order }, schema: ZVoid }); return true; });
    if (ok) { setMessage(`Moved "${items[index].title}" ${by < 0 ? "up" : "down"}.`); list.reload(); }
  };
  const act = async (item: TEvidence, what: "archive" | "restore" | "delete") => {
    const ok = await action.run(async () => {
      if (what === "delete") await apiRequest("DELETE", `/api/evidence/${item.id}`, { schema: ZVoid });
      else await apiRequest("POST", `/api/evidence/${item.id}/${what}`, { schema: ZEvidence });
      return true;
    });
    if (ok) { setMessage(`"${item.title}" ${what === "delete" ? "deleted" : `${what}d`}.`); list.reload(); }
  };
  const upload = async (item: TEvidence, file: File) => {
    const form = new FormData();
    form.append("file", file);
    const ok = await action.run(() => apiRequest("POST", `/api/evidence/${item.id}/attachments`, { body: form, schema: ZAttachment }));
    if (ok) { setMessage(`Attached "${ok.filename}".`); list.reload(); }
  };
  const detach = async (item: TEvidence, attachmentId: string, filename: string) => {
    const ok = await action.run(() => apiRequest("DELETE", `/api/evidence/${item.id}/attachments/${attachmentId}`, { schema: ZAttachmentRemoved }));
    if (ok) { setMessage(ok.result === "archived" ? `"${filename}" removed from your draft; submitted versions keep it.` : `"${filename}" deleted.`); list.reload(); }
  };

  if (editing) {
    return (
      <Page title={editing === "new" ? "Add evidence" : `Edit: ${editing.title}`} documentTitle="Evidence">
        <EvidenceForm
          item={editing === "new" ? null : editing}
          standards={standards.data.standards}
          onDone={(saved) => { setEditing(null); setMessage(saved ? `Saved "${saved.title}".` : ""); list.reload(); }}
        />
      </Page>
    );
  }

  const allowed = attachmentRules.allowed.map((a) => a.label).join(", ");
  return (
    <Page title="Evidence" intro={<p>Dated pieces of your practice, each linked to the mentor standards. Include them in a portfolio to submit them.</p>}>
      <p role="status" aria-live="polite">{message}</p>
      {action.error ? <ErrorMessage error={action.error} /> : null}
      <p><Button onClick={() => setEditing("new")}>Add evidence</Button></p>
      <p>
        <input type="checkbox" id="show-archived" checked={showArchived} onChange={(e) => setShowArchived(e.target.checked)} />{" "}
        <label htmlFor="show-archived">Show archived evidence</label>
      </p>
      {items.length === 0 ? <p>You have no evidence yet.</p> : (
        <ol className="evidence-list" style={{ listStyle: "none", padding: 0 }}>
          {items.map((item, index) => (
            <li key={item.id} className="card" style={{ marginBottom: "1rem" }}>
              <h2 className="card__title">{item.title}</h2>
              <p>
                {shortDate(`${item.practiceDate}T00:00:00Z`)}
                {item.archivedAt && <span className="badge"> Archived</span>}
                {item.submittedIn.length > 0 && <> · In submitted {item.submittedIn.map((s) => `${s.qualificationCode} version ${s.number}`).join(", ")}</>}
              </p>
              <p>Standards: {item.standards.length === 0 ? "none linked yet" : item.standards.map((s) => s.descriptorCode ?? `Standard ${s.standardCode}`).join(", ")}</p>
              {item.attachments.length > 0 && (
                <ul>
                  {item.attachments.map((a) => (
                    <li key={a.id}>
                      <Button variant="quiet" onClick={() => void apiDownload(`/api/evidence/${item.id}/attachments/${a.id}`, { fallbackName: a.filename })}>Download {a.filename}</Button>{" "}
                      {!item.archivedAt && <Button variant="quiet" onClick={() => void detach(item, a.id, a.filename)}>Remove {a.filename}</Button>}
                    </li>
                  ))}
                </ul>
              )}
              {!item.archivedAt ? (
                <div style={{ display: "flex", flexWrap: "wrap", gap: "0.5rem" }}>
                  <Button variant="secondary" onClick={() => setEditing(item)}>Edit<span className="visually-hidden"> {item.title}</span></Button>
                  {index > 0 && <Button variant="secondary" onClick={() => void move(index, -1)}>Move up<span className="visually-hidden"> {item.title}</span></Button>}
                  {index < items.filter((i) => !i.archivedAt).length - 1 && <Button variant="secondary" onClick={() => void move(index, 1)}>Move down<span className="visually-hidden"> {item.title}</span></Button>}
                  <label className="button button--secondary" htmlFor={`file-${item.id}`}>Attach a file<span className="visually-hidden"> to {item.title}</span></label>
                  <input id={`file-${item.id}`} type="file" className="visually-hidden" aria-describedby="file-rules" onChange={(e) => { const f = e.target.files?.[0]; if (f) void upload(item, f); e.target.value = ""; }} />
                  <Button variant="secondary" onClick={() => void act(item, "archive")}>Archive<span className="visually-hidden"> {item.title}</span></Button>
                  {item.submittedIn.length === 0 && <Button variant="quiet" onClick={() => void act(item, "delete")}>Delete<span className="visually-hidden"> {item.title}</span></Button>}
                </div>
              ) : (
                <Button variant="secondary" onClick={() => void act(item, "restore")}>Restore<span className="visually-hidden"> {item.title}</span></Button>
              )}
            </li>
          ))}
        </ol>
      )}
      <p id="file-rules" className="field__hint">Files up to {attachmentRules.maxBytes / (1024 * 1024)} MB: {allowed}.</p>
    </Page>
  );
}
