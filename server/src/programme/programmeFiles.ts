import fs from "node:fs";
import path from "node:path";
import { programmesDir } from "./defaultProgramme";
import type { TProgramme } from "./schema";

/** Where the files a programme hands out with its modules live (a plain file name each; moduleContent.ts). */
export const programmeFilesDir = path.join(programmesDir, "files");

/** The full path of a programme file named in module content. */
export function programmeFilePath(file: string): string {
  return path.join(programmeFilesDir, file);
}

/**
 * Module files a programme names that are not in the files folder, as fields of the loaded
 * programme ("body.modules.0.content.files.0.file"), so a lead learns of a missing worksheet when
 * loading the programme rather than a mentor when downloading it.
 */
export function missingProgrammeFiles(programme: TProgramme): Array<{ field: string; message: string }> {
  return programme.modules.flatMap((m, i) =>
    m.content.files.flatMap((f, j) =>
      fs.existsSync(programmeFilePath(f.file))
        ? []
        : [
            {
              field: `body.modules.${i}.content.files.${j}.file`,
              message: `names "${f.file}", which is not in lti-config/programmes/files`,
            },
          ],
    ),
  );
}
