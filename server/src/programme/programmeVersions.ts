import crypto from "node:crypto";
import type { TProgramme } from "./schema";

/** A stored programme version, parsed. */
export interface LoadedProgramme {
  versionId: string;
  code: string;
  version: number;
  definition: TProgramme;
}

/** The owner of the programme shipped with the tool. */
export const SHIPPED = "*";

function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(",")}]`;
  if (value && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => a.localeCompare(b));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(",")}}`;
  }
  return JSON.stringify(value);
}

/**
 * A version's id, from its owner and its content: the same definition always has the same id,
 * so a read can name the shipped programme's version without storing it first.
 */
export function versionIdentity(tenantId: string, definition: TProgramme): { versionId: string; contentHash: string } {
  const contentHash = crypto.createHash("sha256").update(canonicalJson(definition)).digest("hex");
  return {
    versionId: `${tenantId === SHIPPED ? "shipped" : tenantId}:${definition.code}@${definition.version}:${contentHash.slice(0, 12)}`,
    contentHash,
  };
}
