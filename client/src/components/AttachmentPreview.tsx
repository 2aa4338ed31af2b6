import { useEffect, useId, useState } from "react";
import { Button } from "./Button";

/** What a browser can show inline. HEIC/HEIF photos and documents are downloaded instead. */
const imageTypes = new Set(["image/png", "image/jpeg", "image/gif", "image/webp"]);
const canPreview = (mimeType: string) => imageTypes.has(mimeType) || mimeType === "application/pdf";

type State = { status: "closed" } | { status: "loading" } | { status: "open"; url: string } | { status: "error" };

/**
 * A "Preview" disclosure for an attached image or PDF. The file is fetched with the launch token
 * (a plain link cannot carry it; `load` fetches it, e.g. with fetchBlob) only when asked for, and shown from a local object URL that is
 * released when the preview closes. Renders nothing for files a browser cannot show.
 */
export function AttachmentPreview({
  load,
  filename,
  mimeType,
}: {
  load: (type: string) => Promise<Blob>;
  filename: string;
  mimeType: string;
}) {
  const [state, setState] = useState<State>({ status: "closed" });
  const regionId = useId();
  const url = state.status === "open" ? state.url : null;
  useEffect(() => (url ? () => URL.revokeObjectURL(url) : undefined), [url]);
  if (!canPreview(mimeType)) return null;

  const toggle = async () => {
    if (state.status !== "closed") return setState({ status: "closed" });
    setState({ status: "loading" });
    try {
      const blob = await load(mimeType);
      setState({ status: "open", url: URL.createObjectURL(blob) });
    } catch {
      setState({ status: "error" });
    }
  };
  const label = `Preview of ${filename}`;
  return (
    <>
      <Button
        variant="quiet"
        aria-expanded={state.status !== "closed"}
        aria-controls={regionId}
        onClick={() => void toggle()}
      >
        {state.status === "closed" ? "Preview" : "Hide preview"}
        <span className="visually-hidden"> {filename}</span>
      </Button>
      <div
        id={regionId}
        className="attachment-preview"
        role="region"
        aria-label={label}
        hidden={state.status === "closed"}
      >
        {state.status === "loading" && <p role="status">Loading the preview…</p>}
        {state.status === "error" && <p role="alert">The preview could not be loaded. Download the file instead.</p>}
        {state.status === "open" &&
          (mimeType === "application/pdf" ? (
            <iframe src={state.url} title={label} className="attachment-preview__pdf" />
          ) : (
            <img src={state.url} alt={label} className="attachment-preview__image" />
          ))}
      </div>
    </>
  );
}
