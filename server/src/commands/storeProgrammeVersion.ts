import { conflict, isDuplicateKeyError } from "../errors";
import { ProgrammeVersion } from "../models/programmeVersion";
import { versionIdentity, type LoadedProgramme } from "../programme/programmeVersions";
import type { TProgramme } from "../programme/schema";
import { parsedProgrammeVersions } from "../queries/programmeVersionById";

/**
 * Stores a validated definition as an immutable version owned by `tenantId` (or finds the
 * identical one already stored). A different definition under an existing code and version
 * number is a 409: the provider must raise the version.
 */
export async function storeProgrammeVersion({
  tenantId,
  definition,
  loadedBy,
}: {
  tenantId: string;
  definition: TProgramme;
  loadedBy: string | null;
}): Promise<LoadedProgramme> {
  const { versionId, contentHash } = versionIdentity(tenantId, definition);
  try {
    await ProgrammeVersion.create({
      _id: versionId,
      tenantId,
      code: definition.code,
      version: definition.version,
      contentHash,
      definition,
      loadedBy,
    });
  } catch (err) {
    if (!isDuplicateKeyError(err)) throw err;
    const existing = await ProgrammeVersion.findOne(
      { tenantId, code: definition.code, version: definition.version },
      { _id: 1 },
    ).lean();
    if (existing?._id !== versionId) {
      throw conflict(
        `Version ${definition.version} of programme ${definition.code} is already loaded with different content. Give the new programme a higher version number.`,
        {
          fields: [{ field: "body.version", message: "already used for different content" }],
        },
      );
    }
  }
  const loaded = { versionId, code: definition.code, version: definition.version, definition };
  parsedProgrammeVersions.set(versionId, loaded);
  return loaded;
}
