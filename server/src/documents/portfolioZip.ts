import type { Writable } from "node:stream";
import type { VersionWithFeedback } from "../queries/portfolioReads";
import { openFile } from "../storage/attachmentStore";

/** A file name safe inside a ZIP on every OS: no path parts, no control or reserved characters. */
export function zipSafeName(name: string): string {
  const cleaned = name
    // eslint-disable-next-line no-control-regex -- control characters are what it removes
    .replace(/[\\/:*?"<>|\x00-\x1f]+/g, "_")
    .replace(/^\.+/, "")
    .trim();
  return cleaned.slice(-120) || "file";
}

/**
 * Streams a ZIP of a portfolio version to `out`: the PDF, the version as JSON (what the panel
 * saw) and every attachment under evidence/<n>-<title>/, read from storage as a stream so a
 * large portfolio never sits in memory.
 */
export async function streamPortfolioZip(out: Writable, data: VersionWithFeedback, pdf: Buffer): Promise<void> {
  // Loaded on first use, like pdfkit (see pdfDocument.ts): a ZIP export is rare.
  const { ZipArchive } = await import("archiver");
  const zip = new ZipArchive({ zlib: { level: 6 } });
  const done = new Promise<void>((resolve, reject) => {
    zip.on("error", reject);
    out.on("close", resolve);
    out.on("finish", resolve);
  });
  zip.pipe(out);
  const v = data.version;
  zip.append(pdf, { name: "portfolio.pdf" });
  const summary = {
    mentor: v.mentorName,
    qualification: v.qualificationCode,
    version: v.number,
    submittedAt: v.submittedAt,
    status: data.status,
    evidence: v.evidence.map((e) => ({
      title: e.title,
      practiceDate: e.practiceDate,
      links: e.links,
      standards: e.standards,
      attachments: e.attachments.map((a) => a.filename),
    })),
    decision: data.decision
      ? {
          outcome: data.decision.outcome,
          summary: data.decision.summary,
          suggestions: data.decision.suggestions,
          decidedAt: data.decision.decidedAt,
        }
      : null,
  };
  zip.append(JSON.stringify(summary, null, 2), { name: "portfolio.json" });
  v.evidence.forEach((e, i) => {
    const folder = `evidence/${String(i + 1).padStart(2, "0")}-${zipSafeName(e.title ?? "evidence").slice(0, 60)}`;
    const used = new Set<string>();
    for (const a of e.attachments) {
      let name = zipSafeName(a.filename ?? "file");
      while (used.has(name)) name = `_${name}`;
      used.add(name);
      zip.append(openFile(a.fileId!), { name: `${folder}/${name}` });
    }
  });
  await zip.finalize();
  await done;
}
