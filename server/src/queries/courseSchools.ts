import { invalidField } from "../errors";
import { Member } from "../models/member";

/** The schools the course's mentors are at, as the roster and launches name them, sorted. */
export async function schoolsOfCourse(scope: { tenantId: string; contextId: string }): Promise<string[]> {
  const schools = (await Member.distinct("school", { ...scope, roles: "mentor" })) as Array<string | null>;
  return schools
    .filter((s): s is string => typeof s === "string" && s.trim() !== "")
    .sort((a, b) => a.localeCompare(b, "en-GB"));
}

/**
 * The course's own spelling of a school a filter names, matched without regard to case or spaces
 * ("oakfield primary" finds "Oakfield Primary"); a school no mentor is at is a 400 naming the field.
 */
export async function schoolFilter(
  scope: { tenantId: string; contextId: string },
  asked: string | undefined,
  field = "query.school",
): Promise<string | undefined> {
  if (asked === undefined) return undefined;
  const key = (s: string) => s.trim().replace(/\s+/g, " ").toLocaleLowerCase("en-GB");
  const found = (await schoolsOfCourse(scope)).find((s) => key(s) === key(asked));
  if (found) return found;
  const message = `no mentor on this course is at “${asked.trim()}”: pick a school from the list`;
  throw invalidField(field, message, { summary: `School: ${message}.` });
}
