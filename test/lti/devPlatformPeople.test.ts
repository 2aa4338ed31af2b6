import { describe, expect, it } from "vitest";
import type { TRole } from "../../server/src/contracts/session";
import { mapLtiRoles } from "../../server/src/lti/roles";
import { Directory } from "../../packages/dev-platform/src/directory";
import { DEMO_COURSE_ID, DEMO_LEAD_MENTOR_CASELOAD, seedDemoData } from "../../packages/dev-platform/src/seed";

// Here rather than in packages/dev-platform: it checks the platform's people against the tool's
// own role mapping, and the platform package shares no code with the tool.
// #15 item 7: the development platform has the people a person trying the tool needs, ready to launch.
describe("the development platform's demo people", () => {
  const directory = new Directory();
  seedDemoData(directory);
  const launchable = directory.members(DEMO_COURSE_ID).filter((m) => !m.user.rosterOnly);
  const withRole = (role: TRole) => launchable.filter((m) => mapLtiRoles(m.roles).includes(role));

  it("has at least six mentors who launch, across two schools", () => {
    const mentors = withRole("mentor");
    expect(mentors.length).toBeGreaterThanOrEqual(6);
    const bySchool = new Map<string, number>();
    for (const m of mentors) bySchool.set(m.user.school ?? "", (bySchool.get(m.user.school ?? "") ?? 0) + 1);
    expect([...bySchool.keys()].filter((s) => s !== "").length).toBeGreaterThanOrEqual(2);
    for (const count of bySchool.values()) expect(count).toBeGreaterThanOrEqual(2);
  });

  it("has a lead mentor whose launch names their mentors in role_scope_mentor, and those are mentors of the course", () => {
    const [leadMentor] = withRole("leadMentor");
    expect(leadMentor).toBeDefined();
    const scope = directory.roleScopeMentor(DEMO_COURSE_ID, leadMentor.user.id);
    expect(scope).toEqual(DEMO_LEAD_MENTOR_CASELOAD);
    const mentorIds = new Set(withRole("mentor").map((m) => m.user.id));
    for (const id of scope!) expect(mentorIds.has(id)).toBe(true);
  });

  it("has two tutors and a programme lead", () => {
    expect(withRole("tutor").filter((m) => !mapLtiRoles(m.roles).includes("lead")).length).toBeGreaterThanOrEqual(2);
    expect(withRole("lead").length).toBeGreaterThanOrEqual(1);
  });
});
