import { exportsEndpoints } from "@contracts/exports";
import { download as downloadFile } from "../api/call";
import { Button } from "../components/Button";
import { ErrorMessage } from "../components/ErrorMessage";
import { useAction } from "./useAction";

/**
 * Download a submitted portfolio version as a PDF, or as a ZIP with its attachments.
 * For the version page (mentor and panel); the server decides who may download.
 */
export function PortfolioExportButtons({ versionId, versionNumber }: { versionId: string; versionNumber: number }) {
  const download = useAction();
  const get = (kind: "pdf" | "zip") =>
    void download.run(() =>
      downloadFile(kind === "pdf" ? exportsEndpoints.versionPdf : exportsEndpoints.versionZip, {
        params: { versionId },
        fallbackName: `portfolio-version-${versionNumber}.${kind}`,
      }),
    );
  return (
    <div>
      {download.error ? <ErrorMessage error={download.error} /> : null}
      <Button
        variant="secondary"
        onClick={() => get("pdf")}
        isBusy={download.isBusy}
        aria-label={`Download PDF of version ${versionNumber}`}
      >
        Download PDF
      </Button>{" "}
      <Button
        variant="secondary"
        onClick={() => get("zip")}
        isBusy={download.isBusy}
        aria-label={`Download ZIP with attachments of version ${versionNumber}`}
      >
        Download ZIP with attachments
      </Button>
    </div>
  );
}
