import { attachmentRules } from "../contracts/evidence";
import { payloadTooLarge, unsupportedMediaType } from "../errors";

/** An upload that passed the checks: its type as found in the content. */
export interface CheckedFile {
  filename: string;
  mimeType: string;
  size: number;
}

const allowedList = attachmentRules.allowed.map((a) => a.label).join(", ");

/**
 * Decides whether an uploaded file may be kept: within the size limit, of an allowed type as
 * detected from its bytes, and not claiming to be something else (by name or by MIME type).
 * A renamed executable or a script called "photo.png" is refused here.
 */
export async function checkUpload(file: {
  originalname: string;
  mimetype: string;
  buffer: Buffer;
}): Promise<CheckedFile> {
  const filename = safeFilename(file.originalname);
  if (file.buffer.length > attachmentRules.maxBytes) {
    throw payloadTooLarge(
      `"${filename}" is larger than ${attachmentRules.maxBytes / (1024 * 1024)} MB. Please attach a smaller file.`,
    );
  }
  if (file.buffer.length === 0) throw unsupportedMediaType(`"${filename}" is empty.`);
  // Loaded on the first upload rather than at start (about 10 MB with its dependencies).
  const { fileTypeFromBuffer } = await import("file-type");
  const detected =
    (await fileTypeFromBuffer(file.buffer)) ?? (isPlainText(file.buffer) ? { mime: "text/plain" } : undefined);
  const rule = detected && attachmentRules.allowed.find((a) => a.mimeType === detected.mime);
  if (!detected || !rule) {
    throw unsupportedMediaType(`"${filename}" is not a type of file we accept. Allowed: ${allowedList}.`);
  }
  const extension = /\.([A-Za-z0-9]+)$/.exec(filename)?.[1]?.toLowerCase();
  const claimed = file.mimetype.toLowerCase();
  const claimIsGeneric = claimed === "" || claimed === "application/octet-stream";
  const nameMatches = !!extension && (rule.extensions as readonly string[]).includes(extension);
  const typeMatches =
    claimIsGeneric ||
    claimed === rule.mimeType ||
    (claimed === "image/jpg" && rule.mimeType === "image/jpeg") ||
    (HEIF_TYPES.has(claimed) && HEIF_TYPES.has(rule.mimeType));
  if (!nameMatches || !typeMatches) {
    throw unsupportedMediaType(
      `"${filename}" claims to be ${extension ? `a .${extension} file` : "a file without an extension"}${claimIsGeneric ? "" : ` (${claimed})`}, but its content is a ${rule.label}. Please rename it or attach the right file.`,
    );
  }
  return { filename, mimeType: rule.mimeType, size: file.buffer.length };
}

// Browsers and phones call the same photo either; the brand inside decides which file-type reports.
const HEIF_TYPES = new Set(["image/heic", "image/heif"]);

/**
 * Whether bytes with no recognised signature are plain text: valid UTF-8 (a byte-order mark
 * allowed) with no control characters but tab, line breaks and form feed. Anything binary fails.
 */
function isPlainText(bytes: Buffer): boolean {
  let text: string;
  try {
    text = new TextDecoder("utf-8", { fatal: true }).decode(bytes);
  } catch {
    return false;
  }
  // eslint-disable-next-line no-control-regex
  return !/[\u0000-\u0008\u000b\u000e-\u001f\u007f]/.test(text);
}

/** A file name safe to store and to send back in Content-Disposition. */
export function safeFilename(name: string): string {
  const base = name.split(/[\\/]/).pop() ?? "";
  const cleaned = base
    // eslint-disable-next-line no-control-regex -- control characters are what it removes
    .replace(/[\u0000-\u001f\u007f"<>|:*?]/g, "")
    .trim()
    .slice(0, 200);
  return cleaned || "attachment";
}
