import { z } from "zod";
import { attachmentRules } from "../contracts/evidence";

/**
 * What a module teaches, as programme data: sections of text, links to read, files shipped with
 * the programme, videos to watch. Text is plain paragraphs (shown as paragraphs, never as HTML),
 * so a programme file cannot carry markup or script into the tool.
 */
const title = z.string().min(1).max(200);
const note = z.string().max(600).default("");
const httpsUrl = z
  .string()
  .url("must be a web address")
  .refine((u) => u.startsWith("https://"), "must start with https://");

export const ZModuleSection = z.object({
  heading: title,
  /** Each string is one paragraph. */
  paragraphs: z.array(z.string().min(1).max(4000)).min(1, "must have at least one paragraph"),
  /** An optional bulleted list after the paragraphs. */
  points: z.array(z.string().min(1).max(1000)).default([]),
});

export const ZModuleLink = z.object({ title, url: httpsUrl, note });

/** The extensions a shipped file may have: the types the tool accepts as attachments. */
const shippedExtensions = [...new Set(attachmentRules.allowed.flatMap((a) => a.extensions))];
const fileName = z
  .string()
  .regex(
    /^[A-Za-z0-9][A-Za-z0-9._-]*$/,
    "must be a plain file name in lti-config/programmes/files (letters, digits, '.', '_' or '-')",
  )
  .refine(
    (name) => shippedExtensions.includes(name.split(".").pop()?.toLowerCase() as never),
    `must end in one of .${shippedExtensions.join(", .")}`,
  );

export const ZModuleFile = z.object({
  code: z.string().regex(/^[A-Za-z0-9][A-Za-z0-9._-]*$/, "must be a short code of letters, digits, '.', '_' or '-'"),
  title,
  /** A file in lti-config/programmes/files, served by the tool to people who may see the module. */
  file: fileName,
  note,
});

export const ZModuleVideo = z.object({ title, url: httpsUrl, note });

export const ZModuleContent = z.object({
  sections: z.array(ZModuleSection).default([]),
  links: z.array(ZModuleLink).default([]),
  files: z.array(ZModuleFile).default([]),
  videos: z.array(ZModuleVideo).default([]),
});

export type TModuleContent = z.infer<typeof ZModuleContent>;
export type TModuleFile = z.infer<typeof ZModuleFile>;

/** The MIME type a shipped file is served as, from its extension (the same table as attachments). */
export function shippedFileType(file: string): string {
  const extension = file.split(".").pop()?.toLowerCase() ?? "";
  return (
    attachmentRules.allowed.find((a) => (a.extensions as readonly string[]).includes(extension))?.mimeType ??
    "application/octet-stream"
  );
}

/** Where a video is hosted, named for the link text ("YouTube", "Vimeo", or the site's host name). */
export function videoHost(url: string): string {
  const host = new URL(url).hostname.replace(/^www\./, "");
  if (host === "youtube.com" || host === "youtu.be" || host.endsWith(".youtube.com") || host === "youtube-nocookie.com")
    return "YouTube";
  if (host === "vimeo.com" || host.endsWith(".vimeo.com")) return "Vimeo";
  return host;
}

/** Players the page may frame (the CSP's frame-src names the same hosts, in app.ts). */
export const VIDEO_PLAYER_ORIGINS = ["https://www.youtube-nocookie.com", "https://player.vimeo.com"] as const;

/**
 * The player address that embeds a YouTube or Vimeo video in the module page, or null for any
 * other site (shown as a link only). YouTube plays from its no-cookie host, so watching sets no
 * tracking cookie until the mentor presses play. Ids are checked by shape, so nothing else of the
 * programme's URL reaches the frame.
 */
export function videoEmbedUrl(url: string): string | null {
  const u = new URL(url);
  const host = u.hostname.replace(/^www\./, "");
  const youtubeId =
    host === "youtu.be"
      ? u.pathname.slice(1)
      : host === "youtube.com" || host === "m.youtube.com" || host === "youtube-nocookie.com"
        ? u.pathname === "/watch"
          ? u.searchParams.get("v")
          : /^\/(?:embed|shorts)\/([^/]+)/.exec(u.pathname)?.[1]
        : null;
  if (youtubeId && /^[A-Za-z0-9_-]{6,20}$/.test(youtubeId)) return `${VIDEO_PLAYER_ORIGINS[0]}/embed/${youtubeId}`;
  const vimeoId =
    host === "vimeo.com"
      ? /^\/(\d{3,12})\/?$/.exec(u.pathname)?.[1]
      : host === "player.vimeo.com"
        ? /^\/video\/(\d{3,12})\/?$/.exec(u.pathname)?.[1]
        : null;
  if (vimeoId) return `${VIDEO_PLAYER_ORIGINS[1]}/video/${vimeoId}`;
  return null;
}
