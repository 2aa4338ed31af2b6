import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startPlatformHarness, type PlatformHarness } from "./testHarness.js";
import { MEDIA, ROLE, SCOPE } from "./vocabulary.js";

let h: PlatformHarness;
let token: string;
beforeEach(async () => {
  h = await startPlatformHarness();
  token = await h.accessToken([SCOPE.membershipReadonly]);
});
afterEach(async () => {
  await h.close();
});

interface Membership {
  id: string;
  context: { id: string; label?: string; title: string };
  members: Array<{ user_id: string; name: string; roles: string[]; status: string; email?: string }>;
}

const membershipsUrl = (courseId = "course-mentor-2026") => `${h.platform.issuer}/api/courses/${courseId}/memberships`;
const get = (url: string) => fetch(url, { headers: { Authorization: `Bearer ${token}` } });

describe("names and roles", () => {
  it("follows Link rel=next through every page to the whole roster", async () => {
    const seen: Membership["members"] = [];
    let url: string | undefined = `${membershipsUrl()}?limit=2`;
    let pages = 0;
    while (url) {
      const res = await get(url);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toContain(MEDIA.membershipContainer);
      const body = (await res.json()) as Membership;
      expect(body.context).toEqual({
        id: "course-mentor-2026",
        label: "MENT-2026",
        title: "ITE Mentor Development 2026/27",
      });
      expect(body.members.length).toBeLessThanOrEqual(2);
      seen.push(...body.members);
      pages++;
      url = /<([^>]+)>; rel="next"/.exec(res.headers.get("link") ?? "")?.[1];
    }
    expect(pages).toBe(6);
    expect(seen.map((m) => m.user_id).sort()).toEqual([
      "dev-lead-1",
      "dev-lead-mentor-1",
      "dev-mentor-1",
      "dev-mentor-2",
      "dev-mentor-3",
      "dev-mentor-4",
      "dev-mentor-5",
      "dev-mentor-6",
      "dev-mentor-7",
      "dev-tutor-1",
      "dev-tutor-2",
    ]);
    expect(seen.find((m) => m.user_id === "dev-mentor-3")).toEqual({
      status: "Active",
      user_id: "dev-mentor-3",
      name: "Priya Shah",
      given_name: "Priya",
      family_name: "Shah",
      email: "priya.shah@hillside.example",
      lis_person_sourcedid: "STU-100003",
      roles: [ROLE.learner],
    });
  });

  it("filters by role, by full URI or short name", async () => {
    const names = async (role: string) =>
      ((await (await get(`${membershipsUrl()}?role=${encodeURIComponent(role)}`)).json()) as Membership).members.map(
        (m) => m.user_id,
      );
    expect(await names(ROLE.instructor)).toEqual(["dev-tutor-1", "dev-lead-1", "dev-tutor-2"]);
    expect(await names("Learner")).toEqual([
      "dev-mentor-1",
      "dev-mentor-2",
      "dev-mentor-3",
      "dev-mentor-4",
      "dev-mentor-5",
      "dev-mentor-6",
      "dev-mentor-7",
    ]);
    expect(await names("Mentor")).toEqual(["dev-lead-mentor-1"]);
  });

  it("keeps courses apart and refuses tokens without the membership scope", async () => {
    const other = (await (await get(membershipsUrl("course-other"))).json()) as Membership;
    expect(other.members.map((m) => m.user_id)).toEqual(["dev-mentor-2", "dev-tutor-1"]);
    expect((await get(membershipsUrl("no-such-course"))).status).toBe(404);
    token = await h.accessToken([SCOPE.score]);
    expect((await get(membershipsUrl())).status).toBe(403);
  });
});
