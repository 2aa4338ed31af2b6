import { newPdfDocument } from "./pdfDocument";
import type { VersionWithFeedback } from "../queries/portfolioReads";
import { pdfToBuffer } from "./certificatePdf";
import { htmlToParagraphs } from "./htmlText";
import { longDate } from "./urls";

type Doc = PDFKit.PDFDocument;

const heading = (doc: Doc, text: string, size = 16) =>
  doc.moveDown(0.8).font("Helvetica-Bold").fontSize(size).fillColor("#1d4f91").text(text).fillColor("#1a1a1a");
const body = (doc: Doc, text: string) => doc.font("Helvetica").fontSize(11).text(text, { paragraphGap: 4 });

/**
 * The portfolio version as a readable PDF: narrative, each piece of evidence, the standards
 * mapping and the panel's feedback. Built from the frozen version, so it shows exactly what the
 * panel saw. Attachments are listed here and included in the ZIP export.
 */
export async function renderPortfolioPdf(data: VersionWithFeedback): Promise<Buffer> {
  const { version: v, programme } = data;
  const doc = await newPdfDocument({
    size: "A4",
    margin: 56,
    lang: "en-GB",
    displayTitle: true,
    tagged: true,
    info: { Title: `${v.mentorName}: portfolio version ${v.number} (${v.qualificationCode})`, Author: v.mentorName },
  });
  const qualification = programme.qualifications.find((q) => q.code === v.qualificationCode);
  doc
    .font("Helvetica-Bold")
    .fontSize(22)
    .text(`${qualification?.title ?? v.qualificationCode} portfolio`);
  body(
    doc,
    `${v.mentorName} · version ${v.number} · submitted ${longDate(v.submittedAt)}${v.priorLearning ? " · prior-learning route" : ""}`,
  );
  body(doc, `Status: ${data.status.replace(/_/g, " ")}`);

  if (v.priorLearning) {
    // The panel judges a prior-learning application on the mentor's statement as well as the evidence.
    heading(doc, "Prior-learning route: statement of experience");
    (v.priorLearningStatement ?? "")
      .split(/\n+/)
      .filter((line) => line.trim())
      .forEach((line) => body(doc, line));
  }

  heading(doc, "Narrative");
  const narrative = htmlToParagraphs(v.narrativeHtml ?? "");
  (narrative.length ? narrative : ["(No narrative.)"]).forEach((p) => body(doc, p));

  heading(doc, "Evidence");
  if (v.evidence.length === 0) body(doc, "(No evidence.)");
  v.evidence.forEach((e, i) => {
    heading(doc, `${i + 1}. ${e.title ?? "Untitled"}`, 13);
    if (e.practiceDate) body(doc, `Date of practice: ${longDate(e.practiceDate)}`);
    htmlToParagraphs(e.narrativeHtml ?? "").forEach((p) => body(doc, p));
    const standards = e.standards.map((s) => `${s.descriptorCode || s.standardCode}${s.note ? ` (${s.note})` : ""}`);
    if (standards.length) body(doc, `Standards: ${standards.join("; ")}`);
    e.links.forEach((l) => body(doc, `Link: ${l.label ? `${l.label} – ` : ""}${l.url}`));
    e.attachments.forEach((a) =>
      body(doc, `Attachment: ${a.filename} (${Math.ceil((a.size ?? 0) / 1024)} KB, in the ZIP export)`),
    );
  });

  heading(doc, "Standards mapping");
  for (const standard of programme.standards) {
    const pieces = v.evidence
      .filter((e) => e.standards.some((s) => s.standardCode === standard.code))
      .map((e) => e.title ?? "Untitled");
    body(doc, `${standard.code}. ${standard.title}: ${pieces.length ? pieces.join("; ") : "no evidence linked"}`);
  }

  heading(doc, "Panel feedback");
  if (!data.decision && data.reviews.length === 0 && data.judgements.length === 0)
    body(doc, "The panel has not reviewed this version yet.");
  if (data.decision) {
    body(
      doc,
      `Outcome: ${data.decision.outcome === "approved" ? "approved" : "resubmission requested"} on ${longDate(data.decision.decidedAt)} by ${data.decision.decidedByName}.`,
    );
    body(doc, data.decision.summary);
    if (data.decision.suggestions) body(doc, `Suggestions: ${data.decision.suggestions}`);
  }
  for (const j of data.judgements) {
    body(
      doc,
      `${j.reviewerName}, standard ${j.standardCode}: ${j.judgement === "met" ? "met" : "more evidence needed"}${j.comment ? `. ${j.comment}` : ""}`,
    );
  }
  for (const r of data.reviews) {
    body(
      doc,
      `${r.reviewerName} recommended ${r.outcome === "approved" ? "approval" : "resubmission"}: ${r.summary}${r.suggestions ? ` Suggestions: ${r.suggestions}` : ""}`,
    );
  }
  return pdfToBuffer(doc);
}
