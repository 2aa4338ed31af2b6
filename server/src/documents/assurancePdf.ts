import type { AssuranceRow } from "../queries/exportFundingClaim";
import { pdfToBuffer } from "./certificatePdf";
import { newPdfDocument } from "./pdfDocument";

/**
 * The provider's assurance pack for a year as a PDF: for each mentor, their workplace and TRN,
 * then each training entry (date, type, hours, completed or exempted, provider, who delivered it).
 */
export async function renderAssurancePdf(props: {
  partnership: string;
  academicYear: string;
  rows: AssuranceRow[];
}): Promise<Buffer> {
  const title = `Mentor training assurance pack ${props.academicYear}`;
  const doc = await newPdfDocument({
    size: "A4",
    margin: 48,
    lang: "en-GB",
    displayTitle: true,
    tagged: true,
    info: { Title: title, Author: props.partnership },
  });
  doc.font("Helvetica-Bold").fontSize(18).text(title);
  doc.font("Helvetica").fontSize(11).text(props.partnership).moveDown();
  if (props.rows.length === 0) doc.text(`No training hours were logged in ${props.academicYear}.`);
  let mentor: string | null = null;
  for (const r of props.rows) {
    if (r.mentorName !== mentor) {
      mentor = r.mentorName;
      doc.moveDown(0.6).font("Helvetica-Bold").fontSize(12).text(`${r.mentorName}: ${r.mentorTotalHours} hours`);
      doc
        .font("Helvetica")
        .fontSize(10)
        .text(`TRN ${r.trn ?? "not entered"} · ${r.school} (URN ${r.urn ?? "not entered"})`);
    }
    const funded = r.fundedHours === null ? "funding not set" : `${r.fundedHours} funded`;
    doc.text(
      `${r.date}  ${r.kind}, ${r.status}: ${r.hours} hours (${funded}) · ${r.provider} · delivered by ${r.deliveredBy ?? "not recorded"}`,
      { indent: 12 },
    );
  }
  return pdfToBuffer(doc);
}
