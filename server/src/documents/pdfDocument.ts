/**
 * A new pdfkit document. pdfkit and its fonts cost about 25 MB of memory once loaded, and most
 * of a server's life renders no PDF, so it is loaded on the first one rather than at start.
 */
export async function newPdfDocument(options: PDFKit.PDFDocumentOptions): Promise<PDFKit.PDFDocument> {
  const { default: PDFDocument } = await import("pdfkit");
  return new PDFDocument(options);
}
