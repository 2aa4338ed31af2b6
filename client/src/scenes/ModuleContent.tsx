import { modulesEndpoints, type TModuleDetail } from "@contracts/modules";
import { download } from "../api/call";
import { Button } from "../components/Button";

/** File types as a person names them, for the download buttons. */
const typeNames: Record<string, string> = {
  "application/pdf": "PDF",
  "application/vnd.openxmlformats-officedocument.wordprocessingml.document": "Word document",
  "application/vnd.openxmlformats-officedocument.presentationml.presentation": "PowerPoint",
  "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet": "Excel workbook",
  "text/plain": "text file",
};

/**
 * What a module teaches: its sections of text, then what to read, download and watch. Links
 * leave the LMS frame in a new tab and say so; a YouTube or Vimeo video plays in the page (its
 * player framed, titled for screen readers) with a link to it as well; other videos are links.
 */
export function ModuleContent({ module, mentorUserId }: { module: TModuleDetail; mentorUserId?: string }) {
  const { sections, links, files, videos } = module.content;
  if (sections.length + links.length + files.length + videos.length === 0) return null;
  const newTab = <span className="visually-hidden"> (opens in a new tab)</span>;
  return (
    <section aria-labelledby="module-content" className="module-content">
      <h2 id="module-content">Learn</h2>
      {sections.map((s, i) => (
        <section key={i} aria-labelledby={`module-section-${i}`} className="prose">
          <h3 id={`module-section-${i}`}>{s.heading}</h3>
          {s.paragraphs.map((p, j) => (
            <p key={j}>{p}</p>
          ))}
          {s.points.length > 0 && (
            <ul>
              {s.points.map((p, j) => (
                <li key={j}>{p}</li>
              ))}
            </ul>
          )}
        </section>
      ))}
      {links.length > 0 && (
        <section aria-labelledby="module-links">
          <h3 id="module-links">Read</h3>
          <ul className="resource-list">
            {links.map((l) => (
              <li key={l.url}>
                <a href={l.url} target="_blank" rel="noopener noreferrer">
                  {l.title}
                  {newTab}
                </a>
                {l.note && <p>{l.note}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {files.length > 0 && (
        <section aria-labelledby="module-files">
          <h3 id="module-files">Download</h3>
          <ul className="resource-list">
            {files.map((f) => (
              <li key={f.code}>
                <Button
                  variant="quiet"
                  onClick={() =>
                    void download(modulesEndpoints.contentFile, {
                      params: { moduleCode: module.code, fileCode: f.code },
                      query: { mentorUserId },
                      fallbackName: f.filename,
                    })
                  }
                >
                  Download {f.title} ({typeNames[f.mimeType] ?? "file"})
                </Button>
                {f.note && <p>{f.note}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}
      {videos.length > 0 && (
        <section aria-labelledby="module-videos">
          <h3 id="module-videos">Watch</h3>
          <ul className="resource-list">
            {videos.map((v) => (
              <li key={v.url}>
                {v.embedUrl && (
                  <div className="video-frame">
                    <iframe
                      src={v.embedUrl}
                      title={`Video: ${v.title}`}
                      loading="lazy"
                      allow="fullscreen; picture-in-picture"
                      allowFullScreen
                      referrerPolicy="strict-origin-when-cross-origin"
                    />
                  </div>
                )}
                <a href={v.url} target="_blank" rel="noopener noreferrer">
                  {v.title} (video on {v.host}){newTab}
                </a>
                {v.note && <p>{v.note}</p>}
              </li>
            ))}
          </ul>
        </section>
      )}
    </section>
  );
}
