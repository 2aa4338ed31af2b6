import { newPdfDocument } from "./pdfDocument";
import type { CertificateDoc } from "../models/certificate";
import { longDate, verificationUrls } from "./urls";

/** Collects a pdfkit document into one buffer (certificates are a single small page). */
export function pdfToBuffer(doc: PDFKit.PDFDocument): Promise<Buffer> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    doc.on("data", (c: Buffer) => chunks.push(c));
    doc.on("end", () => resolve(Buffer.concat(chunks)));
    doc.on("error", reject);
    doc.end();
  });
}

/**
 * Renders the certificate: mentor, qualification, date, partnership, credit and the verification
 * code with its public URL. A revoked certificate is still rendered, marked as revoked, so a
 * holder can see what was withdrawn; verification is what a third party should rely on.
 */
export async function renderCertificatePdf(cert: CertificateDoc, publicUrl: string): Promise<Buffer> {
  const urls = verificationUrls(publicUrl, cert.verificationCode);
  const doc = await newPdfDocument({
    size: "A4",
    layout: "landscape",
    margin: 56,
    lang: "en-GB",
    displayTitle: true,
    tagged: true,
    info: {
      Title: `${cert.qualificationTitle}: ${cert.mentorName}`,
      Subject: `Verification code ${cert.verificationCode}`,
      Author: cert.partnership,
    },
  });
  const width = doc.page.width - 112;
  doc
    .rect(28, 28, doc.page.width - 56, doc.page.height - 56)
    .lineWidth(2)
    .stroke("#1d4f91");
  doc
    .moveDown(1.5)
    .font("Helvetica")
    .fontSize(14)
    .fillColor("#333333")
    .text(cert.partnership, { align: "center", width });
  doc
    .moveDown(0.8)
    .font("Helvetica-Bold")
    .fontSize(30)
    .fillColor("#1d4f91")
    .text("Certificate", { align: "center", width });
  doc
    .moveDown(0.8)
    .font("Helvetica")
    .fontSize(14)
    .fillColor("#222222")
    .text("This certifies that", { align: "center", width });
  doc.moveDown(0.4).font("Helvetica-Bold").fontSize(24).text(cert.mentorName, { align: "center", width });
  doc.moveDown(0.4).font("Helvetica").fontSize(14).text("has been awarded the", { align: "center", width });
  doc.moveDown(0.4).font("Helvetica-Bold").fontSize(20).text(cert.qualificationTitle, { align: "center", width });
  doc
    .moveDown(0.4)
    .font("Helvetica")
    .fontSize(13)
    .text(`${cert.programmeTitle} (version ${cert.programmeVersion})`, { align: "center", width });
  if (cert.route === "prior_learning") {
    doc
      .moveDown(0.4)
      .text("Awarded through the prior-learning route, on evidence from past mentoring.", { align: "center", width });
  }
  if (cert.credits) {
    doc
      .moveDown(0.4)
      .text(
        `Carrying ${cert.credits} credits at FHEQ level ${cert.fheqLevel}, subject to ratification by the exam board.`,
        { align: "center", width },
      );
  }
  doc.moveDown(0.8).text(`Approved by the review panel on ${longDate(cert.approvedAt)}`, { align: "center", width });
  doc
    .moveDown(1.2)
    .font("Helvetica-Bold")
    .fontSize(12)
    .text(`Verification code: ${cert.verificationCode}`, { align: "center", width });
  doc
    .font("Helvetica")
    .fontSize(11)
    .fillColor("#1d4f91")
    .text(urls.page, { align: "center", width, link: urls.page, underline: true });
  if (cert.revokedAt) {
    doc
      .moveDown(0.8)
      .font("Helvetica-Bold")
      .fontSize(16)
      .fillColor("#a00000")
      .text(`REVOKED on ${longDate(cert.revokedAt)}`, { align: "center", width });
  }
  return pdfToBuffer(doc);
}
