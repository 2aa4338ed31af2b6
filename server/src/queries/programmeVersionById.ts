import { notFound } from "../errors";
import { ProgrammeVersion } from "../models/programmeVersion";
import type { LoadedProgramme } from "../programme/programmeVersions";
import { parseProgramme } from "../programme/schema";

// Versions are immutable, so a parsed definition can be kept for the life of the process
// (storing a version puts it here too).
export const parsedProgrammeVersions = new Map<string, LoadedProgramme>();

/** A programme version by id (records carry it); 404 if unknown. */
export async function programmeVersionById(versionId: string): Promise<LoadedProgramme> {
  const cached = parsedProgrammeVersions.get(versionId);
  if (cached) return cached;
  const doc = await ProgrammeVersion.findById(versionId).lean();
  if (!doc) throw notFound("That programme version");
  const loaded = {
    versionId,
    code: doc.code,
    version: doc.version,
    definition: parseProgramme(doc.definition, `programme version ${versionId}`),
  };
  parsedProgrammeVersions.set(versionId, loaded);
  return loaded;
}
