import mongoose from "mongoose";
import { storeProgrammeVersion } from "../commands/storeProgrammeVersion";
import { CourseProgramme } from "../models/courseProgramme";
import { defaultProgramme } from "../programme/defaultProgramme";
import { SHIPPED, type LoadedProgramme } from "../programme/programmeVersions";
import type { TProgramme } from "../programme/schema";
import { completedModuleCodes } from "./moduleProgress";
import { programmeVersionById } from "./programmeVersionById";

/** The programme a course runs under (what certificates, credits and every record store as `versionId`). */
export interface ProgrammeInForce {
  versionId: string;
  code: string;
  version: number;
  definition: TProgramme;
}

/**
 * The programme version in force for a course: the one a provider last loaded for that LMS
 * context, else the programme shipped with the tool. Other features store `versionId` on what
 * they record, so later programme changes never rewrite old records.
 */
export async function programmeInForce(tenantId: string, contextId: string): Promise<ProgrammeInForce> {
  const current = await CourseProgramme.findOne({ tenantId, contextId }, { versionId: 1 }).sort({ seq: -1 }).lean();
  if (current) return programmeVersionById(current.versionId);
  return shippedProgramme();
}

// Storing the shipped programme hashes and writes it; once per database per process is enough.
// The one write a read may make: the first read in a database stores the shipped programme
// (content-addressed, so storing it again changes nothing) for records to point at its versionId.
const shippedByDatabase = new Map<string, Promise<LoadedProgramme>>();
function shippedProgramme(): Promise<LoadedProgramme> {
  const key = mongoose.connection.name;
  let stored = shippedByDatabase.get(key);
  if (!stored) {
    stored = storeProgrammeVersion(SHIPPED, defaultProgramme(), null);
    stored.catch(() => shippedByDatabase.delete(key));
    shippedByDatabase.set(key, stored);
  }
  return stored;
}

/** The course's assignments, newest first (the first is in force). */
export async function programmeHistory(tenantId: string, contextId: string) {
  return CourseProgramme.find({ tenantId, contextId }).sort({ seq: -1 }).lean();
}

/** Module codes the mentor has completed (marked as passed) in the course. */
export async function completedModules(tenantId: string, contextId: string, mentorUserId: string): Promise<string[]> {
  return [...(await completedModuleCodes(tenantId, contextId, mentorUserId))];
}
