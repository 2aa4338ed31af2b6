import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startPlatformHarness, type PlatformHarness } from "./testHarness.js";
import type { LineItem } from "./types.js";
import { MEDIA, SCOPE } from "./vocabulary.js";

let h: PlatformHarness;
let token: string;
let lineItem: LineItem;
beforeEach(async () => {
  h = await startPlatformHarness();
  token = await h.accessToken();
  const res = await fetch(`${h.platform.issuer}/api/courses/course-mentor-2026/lineitems`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": MEDIA.lineItem },
    body: JSON.stringify({ label: "Module 1", scoreMaximum: 10 }),
  });
  lineItem = (await res.json()) as LineItem;
});
afterEach(async () => {
  await h.close();
});

const postScore = (scoreGiven = 5) =>
  fetch(`${lineItem.id}/scores`, {
    method: "POST",
    headers: { Authorization: `Bearer ${token}`, "Content-Type": MEDIA.score },
    body: JSON.stringify({
      userId: "dev-mentor-1",
      scoreGiven,
      scoreMaximum: 10,
      activityProgress: "Completed",
      gradingProgress: "FullyGraded",
      timestamp: new Date().toISOString(),
    }),
  });

/** A scripted random source: 0.01, 0.26, 0.51, 0.76, 0.01, … */
function quarters(): () => number {
  let i = 0;
  return () => (i++ % 4) / 4 + 0.01;
}

describe("fault injection", () => {
  it("fails the configured share of requests and never records a faulted score", async () => {
    h.platform.faults.set({ rate: 0.25, kinds: [500], endpoints: ["scores"], random: quarters() });
    const statuses: number[] = [];
    for (let i = 0; i < 8; i++) statuses.push((await postScore(i)).status);
    expect(statuses).toEqual([500, 204, 204, 204, 500, 204, 204, 204]);
    expect(h.platform.faults.stats()).toEqual({ requests: 8, injected: 2 });
    expect(h.platform.gradebook.scores(lineItem.id).map((s) => s.scoreGiven)).toEqual([1, 2, 3, 5, 6, 7]);
  });

  it("answers 429 with Retry-After", async () => {
    h.platform.faults.set({ rate: 1, kinds: [429] });
    const res = await postScore();
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("1");
    expect(h.platform.gradebook.scores(lineItem.id)).toEqual([]);
  });

  it("resets the connection, or hangs and then drops it", async () => {
    h.platform.faults.set({ rate: 1, kinds: ["reset"] });
    await expect(postScore()).rejects.toThrow();
    h.platform.faults.set({ rate: 1, kinds: ["timeout"], timeoutMs: 20 });
    await expect(postScore()).rejects.toThrow();
    expect(h.platform.gradebook.scores(lineItem.id)).toEqual([]);
    expect(h.platform.faults.stats().injected).toBe(1);
  });

  it("only touches the chosen endpoints, and stops when cleared", async () => {
    h.platform.faults.set({ rate: 1, kinds: [500], endpoints: ["token", "memberships"] });
    const tokenRes = await h.requestToken({
      grant_type: "client_credentials",
      client_assertion_type: "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
      client_assertion: await h.clientAssertion(),
      scope: SCOPE.score,
    });
    expect(tokenRes.status).toBe(500);
    const members = await fetch(`${h.platform.issuer}/api/courses/course-mentor-2026/memberships`, {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(members.status).toBe(500);
    expect((await postScore()).status).toBe(204);
    expect((await fetch(`${lineItem.id}/results`, { headers: { Authorization: `Bearer ${token}` } })).status).toBe(200);
    expect(h.platform.faults.stats()).toEqual({ requests: 4, injected: 2 });

    h.platform.faults.clear();
    expect(h.platform.accessTokens.issued()).toHaveLength(1);
    expect(await h.accessToken([SCOPE.score])).toBeTruthy();
  });

  it("picks among several kinds", async () => {
    const draws = [0, 0.1, 0, 0.9];
    h.platform.faults.set({ rate: 0.5, kinds: [500, 429], random: () => draws.shift() ?? 1 });
    expect((await postScore()).status).toBe(500);
    expect((await postScore()).status).toBe(429);
    expect((await postScore()).status).toBe(204);
  });
});
