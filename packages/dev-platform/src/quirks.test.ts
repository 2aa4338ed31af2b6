import { decodeJwt } from "jose";
import { afterEach, describe, expect, it } from "vitest";
import { readForm, startPlatformHarness, type PlatformHarness } from "./testHarness.js";
import type { LineItem, QuirkMode, Result } from "./types.js";
import { CLAIM, MEDIA } from "./vocabulary.js";

let h: PlatformHarness;
let token: string;
afterEach(async () => {
  await h.close();
});

async function gradebookFor(quirks: QuirkMode, scoreMaximum = 10) {
  h = await startPlatformHarness({ quirks });
  token = await h.accessToken();
  const res = await fetch(`${h.platform.issuer}/api/courses/course-mentor-2026/lineitems`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": MEDIA.lineItem },
    body: JSON.stringify({ label: "Module 1", scoreMaximum }),
  });
  const item = (await res.json()) as LineItem;
  const post = async (score: Record<string, unknown>) => {
    const r = await fetch(`${item.id}/scores`, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": MEDIA.score },
      body: JSON.stringify({
        userId: "dev-mentor-1",
        activityProgress: "Completed",
        gradingProgress: "FullyGraded",
        ...score,
      }),
    });
    return { status: r.status, text: await r.text() };
  };
  const result = async (): Promise<Result | undefined> => {
    const r = await fetch(`${item.id}/results?user_id=dev-mentor-1`, { headers: { Authorization: `Bearer ${token}` } });
    return ((await r.json()) as Result[])[0];
  };
  return { item, post, result };
}

async function productFamily(): Promise<unknown> {
  const { html } = await h.authorize({ userId: "dev-mentor-1", courseId: "course-mentor-2026" });
  return (decodeJwt(readForm(html).fields.id_token)[CLAIM.toolPlatform] as { product_family_code: string })
    .product_family_code;
}

describe("standard", () => {
  it("falls back to the line item maximum, keeps comments and allows extra credit", async () => {
    const { post, result } = await gradebookFor("standard");
    expect((await post({ scoreGiven: 6, comment: "Good", timestamp: "2026-03-01T10:00:00.100Z" })).status).toBe(204);
    expect(await result()).toMatchObject({ resultScore: 6, resultMaximum: 10, comment: "Good" });
    expect((await post({ scoreGiven: 12, scoreMaximum: 10, timestamp: "2026-03-01T10:00:00.200Z" })).status).toBe(204);
    expect(await result()).toMatchObject({ resultScore: 12, comment: "Good" });
    expect((await post({ timestamp: "2026-03-01T10:00:00.300Z", gradingProgress: "NotReady" })).status).toBe(204);
    expect((await result())?.resultScore).toBeUndefined();
  });
});

describe("moodle", () => {
  it("refuses a score not newer to the second and reports itself as Moodle", async () => {
    const { item, post } = await gradebookFor("moodle");
    expect(await productFamily()).toBe("moodle");
    expect((await post({ scoreGiven: 5, scoreMaximum: 10, timestamp: "2026-03-01T10:00:00.100Z" })).status).toBe(204);
    const sameSecond = await post({ scoreGiven: 6, scoreMaximum: 10, timestamp: "2026-03-01T10:00:00.900Z" });
    expect(sameSecond.status).toBe(400);
    expect(sameSecond.text).toMatch(/Refusing score with an earlier timestamp/);
    expect((await post({ scoreGiven: 6, scoreMaximum: 10, timestamp: "2026-03-01T09:00:00.000Z" })).status).toBe(400);
    expect((await post({ scoreGiven: 7, scoreMaximum: 10, timestamp: "2026-03-01T10:00:01.000Z" })).status).toBe(204);
    expect(h.platform.gradebook.scores(item.id).map((s) => s.scoreGiven)).toEqual([5, 7]);
  });

  it("caps scoreGiven at scoreMaximum and rescales to the line item", async () => {
    const { item, post, result } = await gradebookFor("moodle", 100);
    expect((await post({ scoreGiven: 12, scoreMaximum: 10, timestamp: "2026-03-01T10:00:00Z" })).status).toBe(204);
    expect(h.platform.gradebook.latest(item.id, "dev-mentor-1")?.scoreGiven).toBe(10);
    expect(await result()).toMatchObject({ resultScore: 100, resultMaximum: 100 });
  });
});

describe("canvas", () => {
  it("refuses scoreGiven without scoreMaximum", async () => {
    const { item, post } = await gradebookFor("canvas");
    expect(await productFamily()).toBe("canvas");
    const res = await post({ scoreGiven: 5, timestamp: "2026-03-01T10:00:00Z" });
    expect(res.status).toBe(400);
    expect(res.text).toMatch(/ScoreMaximum/);
    expect(h.platform.gradebook.scores(item.id)).toEqual([]);
  });

  it("clears the stored score when gradingProgress is not FullyGraded", async () => {
    const { post, result } = await gradebookFor("canvas");
    await post({ scoreGiven: 8, scoreMaximum: 10, timestamp: "2026-03-01T10:00:00Z" });
    expect((await result())?.resultScore).toBe(8);
    expect(
      (
        await post({
          scoreGiven: 9,
          scoreMaximum: 10,
          gradingProgress: "PendingManual",
          timestamp: "2026-03-01T10:00:01Z",
        })
      ).status,
    ).toBe(204);
    expect((await result())?.resultScore).toBeUndefined();
  });
});

describe("blackboard", () => {
  it("clears the comment when a score comes without one", async () => {
    const { post, result } = await gradebookFor("blackboard");
    expect(await productFamily()).toBe("BlackboardLearn");
    await post({ scoreGiven: 8, scoreMaximum: 10, comment: "Well evidenced", timestamp: "2026-03-01T10:00:00Z" });
    expect((await result())?.comment).toBe("Well evidenced");
    await post({ scoreGiven: 9, scoreMaximum: 10, timestamp: "2026-03-01T10:00:01Z" });
    const after = await result();
    expect(after?.resultScore).toBe(9);
    expect(after?.comment).toBeUndefined();
  });
});
