import fs from "node:fs";
import path from "node:path";
import { ZPlatformRegistration, type TPlatformRegistration } from "./registrations";

/** Thrown at start-up when a file in lti-config/platforms is not a valid registration. */
export class PlatformFileError extends Error {
  override name = "PlatformFileError";
}

/**
 * Reads every `*.json` in the platforms folder (templates end in `.example` and are skipped),
 * validating each; an invalid file stops start-up with the file and field named.
 */
export function readPlatformFiles(dir: string): Array<{ file: string; registration: TPlatformRegistration }> {
  if (!fs.existsSync(dir)) return [];
  const out: Array<{ file: string; registration: TPlatformRegistration }> = [];
  for (const name of fs.readdirSync(dir).sort()) {
    if (!name.endsWith(".json")) continue;
    const file = path.join(dir, name);
    let json: unknown;
    try {
      json = JSON.parse(fs.readFileSync(file, "utf8"));
    } catch (err) {
      throw new PlatformFileError(`${file} is not valid JSON: ${(err as Error).message}`);
    }
    const parsed = ZPlatformRegistration.safeParse(json);
    if (!parsed.success) {
      const lines = parsed.error.issues.map((i) => `  - ${i.path.join(".") || "(file)"} ${i.message}`);
      throw new PlatformFileError(`${file} is not a valid platform registration:\n${lines.join("\n")}`);
    }
    out.push({ file, registration: parsed.data });
  }
  return out;
}
