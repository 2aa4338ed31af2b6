import type { TModuleContentView, TModuleWorkFile } from "../contracts/modules";
import type { ModuleWorkFileDoc } from "../models/moduleWorkFile";
import { shippedFileType, videoEmbedUrl, videoHost } from "../programme/moduleContent";
import type { TModule } from "../programme/schema";

/** A module's teaching content, field by field, with each file's type and each video's site named. */
export function presentModuleContent(module: TModule): TModuleContentView {
  const { sections, links, files, videos } = module.content;
  return {
    sections: sections.map((s) => ({ heading: s.heading, paragraphs: [...s.paragraphs], points: [...s.points] })),
    links: links.map((l) => ({ title: l.title, url: l.url, note: l.note })),
    files: files.map((f) => ({
      code: f.code,
      title: f.title,
      note: f.note,
      filename: f.file,
      mimeType: shippedFileType(f.file),
    })),
    videos: videos.map((v) => ({
      title: v.title,
      url: v.url,
      note: v.note,
      host: videoHost(v.url),
      embedUrl: videoEmbedUrl(v.url),
    })),
  };
}

/** A file on module work, as the module page lists it. */
export function presentModuleWorkFile(f: ModuleWorkFileDoc): TModuleWorkFile {
  return {
    id: f._id.toString(),
    filename: f.filename,
    mimeType: f.mimeType,
    size: f.size,
    uploadedAt: f.createdAt.toISOString(),
  };
}
