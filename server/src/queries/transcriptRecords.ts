import { Member } from "../models/member";
import { ModuleMark } from "../models/moduleMark";

/**
 * Who each mentor of the course is to the registry (identifier from the launch's LIS claim,
 * email, names) and their module marks (the latest attempt of each module, in words), read once
 * for the credit transcript: a course holds a few hundred mentors, so this stays small however
 * many awards there are.
 */
export async function transcriptRecordsOfCourse(scope: { tenantId: string; contextId: string }) {
  const courseOnly = { tenantId: scope.tenantId, contextId: scope.contextId };
  const [members, marks] = await Promise.all([
    Member.find(
      { ...courseOnly, roles: "mentor" },
      { userId: 1, sourcedId: 1, email: 1, givenName: 1, familyName: 1 },
    ).lean(),
    ModuleMark.find(
      { ...courseOnly, kind: "mark" },
      { mentorUserId: 1, moduleCode: 1, attempt: 1, score: 1, scoreMaximum: 1, passed: 1 },
    ).lean(),
  ]);
  const latest = new Map<string, (typeof marks)[number]>();
  for (const m of marks) {
    const key = `${m.mentorUserId}|${m.moduleCode}`;
    if ((latest.get(key)?.attempt ?? -1) < m.attempt) latest.set(key, m);
  }
  const marksByMentor = new Map<string, string[]>();
  for (const m of [...latest.values()].sort((a, b) => a.moduleCode.localeCompare(b.moduleCode))) {
    const result =
      m.scoreMaximum && m.scoreMaximum > 1
        ? `${m.score}/${m.scoreMaximum} ${m.passed ? "pass" : "not passed"}`
        : m.passed
          ? "pass"
          : "resubmit";
    marksByMentor.set(m.mentorUserId, [...(marksByMentor.get(m.mentorUserId) ?? []), `${m.moduleCode} ${result}`]);
  }
  return { members: new Map(members.map((m) => [m.userId, m])), marksByMentor };
}
