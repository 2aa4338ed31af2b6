import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { startPlatformHarness, type PlatformHarness } from "./testHarness.js";
import type { LineItem, Result } from "./types.js";
import { MEDIA } from "./vocabulary.js";

let h: PlatformHarness;
let token: string;
beforeEach(async () => {
  h = await startPlatformHarness();
  token = await h.accessToken();
});
afterEach(async () => {
  await h.close();
});

const course = "course-mentor-2026";
const lineItemsUrl = (courseId = course) => `${h.platform.issuer}/api/courses/${courseId}/lineitems`;

function call(url: string, init: { method?: string; body?: unknown; type?: string } = {}) {
  return fetch(url, {
    method: init.method ?? "GET",
    headers: {
      Authorization: `Bearer ${token}`,
      ...(init.body !== undefined ? { "Content-Type": init.type ?? MEDIA.lineItem } : {}),
    },
    body: init.body === undefined ? undefined : JSON.stringify(init.body),
  });
}

async function createLineItem(body: Record<string, unknown>): Promise<LineItem> {
  const res = await call(lineItemsUrl(), { method: "POST", body });
  expect(res.status).toBe(201);
  return (await res.json()) as LineItem;
}

function score(userId: string, overrides: Record<string, unknown> = {}) {
  return {
    userId,
    scoreGiven: 7,
    scoreMaximum: 10,
    activityProgress: "Completed",
    gradingProgress: "FullyGraded",
    timestamp: new Date().toISOString(),
    ...overrides,
  };
}

describe("line items", () => {
  it("creates a line item with 201, its URL as id and Location, and the AGS media type", async () => {
    const res = await call(lineItemsUrl(), {
      method: "POST",
      body: {
        label: "Module 1",
        scoreMaximum: 10,
        resourceId: "module:M1",
        tag: "module",
        resourceLinkId: "rl-course-mentor-2026",
      },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("content-type")).toContain(MEDIA.lineItem);
    const item = (await res.json()) as LineItem;
    expect(item.id).toMatch(new RegExp(`^${lineItemsUrl()}/li-\\d+$`));
    expect(res.headers.get("location")).toBe(item.id);
    expect(item).toMatchObject({ label: "Module 1", scoreMaximum: 10, resourceId: "module:M1", tag: "module" });
    expect(h.platform.gradebook.lineItems(course)).toEqual([item]);
  });

  it("lists with filters by resource_link_id, resource_id and tag", async () => {
    const a = await createLineItem({
      label: "A",
      scoreMaximum: 10,
      resourceId: "module:M1",
      tag: "module",
      resourceLinkId: "rl-course-mentor-2026",
    });
    const b = await createLineItem({ label: "B", scoreMaximum: 5, resourceId: "module:M2", tag: "module" });
    const c = await createLineItem({ label: "C", scoreMaximum: 1, resourceId: "portfolio", tag: "portfolio" });
    const list = async (query: string) => {
      const res = await call(`${lineItemsUrl()}${query}`);
      expect(res.headers.get("content-type")).toContain(MEDIA.lineItemContainer);
      return ((await res.json()) as LineItem[]).map((item) => item.id);
    };
    expect(await list("")).toEqual([a.id, b.id, c.id]);
    expect(await list("?resource_link_id=rl-course-mentor-2026")).toEqual([a.id]);
    expect(await list("?resource_id=module:M2")).toEqual([b.id]);
    expect(await list("?tag=module")).toEqual([a.id, b.id]);
    expect(await list("?tag=none")).toEqual([]);
  });

  it("pages the list with limit and a Link rel=next header", async () => {
    for (const label of ["A", "B", "C"]) await createLineItem({ label, scoreMaximum: 1 });
    const first = await call(`${lineItemsUrl()}?limit=2`);
    expect(((await first.json()) as LineItem[]).map((i) => i.label)).toEqual(["A", "B"]);
    const next = /<([^>]+)>; rel="next"/.exec(first.headers.get("link") ?? "")?.[1];
    expect(next).toBeDefined();
    const second = await call(next!);
    expect(((await second.json()) as LineItem[]).map((i) => i.label)).toEqual(["C"]);
    expect(second.headers.get("link")).not.toContain('rel="next"');
  });

  it("reads, replaces and deletes a line item; another course's id is not found", async () => {
    const item = await createLineItem({ label: "Module 1", scoreMaximum: 10 });
    expect(((await (await call(item.id)).json()) as LineItem).label).toBe("Module 1");
    const put = await call(item.id, { method: "PUT", body: { label: "Module 1 (renamed)", scoreMaximum: 20 } });
    expect(put.status).toBe(200);
    expect((await put.json()) as LineItem).toMatchObject({
      id: item.id,
      label: "Module 1 (renamed)",
      scoreMaximum: 20,
    });
    const elsewhere = item.id.replace(course, "course-other");
    expect((await call(elsewhere)).status).toBe(404);
    expect((await call(item.id, { method: "DELETE" })).status).toBe(204);
    expect((await call(item.id)).status).toBe(404);
  });

  it("refuses invalid line items, unknown resource links and other media types", async () => {
    expect((await call(lineItemsUrl(), { method: "POST", body: { label: "", scoreMaximum: 10 } })).status).toBe(400);
    expect((await call(lineItemsUrl(), { method: "POST", body: { label: "X", scoreMaximum: -1 } })).status).toBe(400);
    const badLink = await call(lineItemsUrl(), {
      method: "POST",
      body: { label: "X", scoreMaximum: 1, resourceLinkId: "nope" },
    });
    expect(badLink.status).toBe(400);
    expect(
      (await call(lineItemsUrl(), { method: "POST", body: { label: "X", scoreMaximum: 1 }, type: "text/plain" }))
        .status,
    ).toBe(415);
    expect((await call(lineItemsUrl("no-such-course"))).status).toBe(404);
  });
});

describe("scores and results", () => {
  it("records every score and serves the newest as the result", async () => {
    const item = await createLineItem({ label: "Module 1", scoreMaximum: 10 });
    const post = (body: unknown) => call(`${item.id}/scores`, { method: "POST", body, type: MEDIA.score });
    expect(
      (
        await post(
          score("dev-mentor-1", { scoreGiven: 4, timestamp: "2026-01-01T10:00:00.000Z", comment: "Good start" }),
        )
      ).status,
    ).toBe(204);
    expect((await post(score("dev-mentor-1", { scoreGiven: 9, timestamp: "2026-01-01T11:00:00.000Z" }))).status).toBe(
      204,
    );
    expect((await post(score("dev-mentor-2", { scoreGiven: 6 }))).status).toBe(204);

    expect(h.platform.gradebook.scores(item.id).map((s) => s.scoreGiven)).toEqual([4, 9, 6]);
    expect(h.platform.gradebook.latest(item.id, "dev-mentor-1")?.scoreGiven).toBe(9);

    const res = await call(`${item.id}/results?user_id=dev-mentor-1`);
    expect(res.headers.get("content-type")).toContain(MEDIA.resultContainer);
    const results = (await res.json()) as Result[];
    expect(results).toEqual([
      {
        id: `${item.id}/results/dev-mentor-1`,
        scoreOf: item.id,
        userId: "dev-mentor-1",
        resultScore: 9,
        resultMaximum: 10,
        comment: "Good start",
      },
    ]);
    expect(((await (await call(`${item.id}/results`)).json()) as Result[]).map((r) => r.userId)).toEqual([
      "dev-mentor-1",
      "dev-mentor-2",
    ]);
  });

  it("keeps an out-of-order older score without letting it win", async () => {
    const item = await createLineItem({ label: "Module 1", scoreMaximum: 10 });
    const post = (body: unknown) => call(`${item.id}/scores`, { method: "POST", body, type: MEDIA.score });
    await post(score("dev-mentor-1", { scoreGiven: 8, timestamp: "2026-01-01T11:00:00.000Z" }));
    expect((await post(score("dev-mentor-1", { scoreGiven: 2, timestamp: "2026-01-01T10:00:00.000Z" }))).status).toBe(
      204,
    );
    expect(h.platform.gradebook.scores(item.id)).toHaveLength(2);
    expect(h.platform.gradebook.results(item.id)[0].resultScore).toBe(8);
  });

  it("shows a grade a tutor typed into the LMS", async () => {
    const item = await createLineItem({ label: "Module 1", scoreMaximum: 10 });
    await call(`${item.id}/scores`, { method: "POST", body: score("dev-mentor-1"), type: MEDIA.score });
    h.platform.gradebook.overrideResult(item.id, "dev-mentor-1", 10);
    const results = (await (await call(`${item.id}/results`)).json()) as Result[];
    expect(results[0].resultScore).toBe(10);
    expect(h.platform.gradebook.scores(item.id)).toHaveLength(1);
  });

  it("refuses invalid scores and users outside the course, recording nothing", async () => {
    const item = await createLineItem({ label: "Module 1", scoreMaximum: 10 });
    const post = (body: unknown) => call(`${item.id}/scores`, { method: "POST", body, type: MEDIA.score });
    const invalid = [
      score("dev-mentor-1", { timestamp: "yesterday" }),
      score("dev-mentor-1", { activityProgress: "Done" }),
      score("dev-mentor-1", { scoreGiven: -1 }),
      {
        scoreGiven: 1,
        scoreMaximum: 1,
        activityProgress: "Completed",
        gradingProgress: "FullyGraded",
        timestamp: new Date().toISOString(),
      },
    ];
    for (const body of invalid) expect((await post(body)).status).toBe(400);
    const outsider = await post(score("dev-nobody"));
    expect(outsider.status).toBe(400);
    expect(((await outsider.json()) as { error_description: string }).error_description).toMatch(/not a member/);
    expect(h.platform.gradebook.scores(item.id)).toEqual([]);
  });

  it("needs the score scope to post and the result scope to read", async () => {
    const item = await createLineItem({ label: "Module 1", scoreMaximum: 10 });
    token = await h.accessToken(["https://purl.imsglobal.org/spec/lti-ags/scope/lineitem"]);
    expect(
      (await call(`${item.id}/scores`, { method: "POST", body: score("dev-mentor-1"), type: MEDIA.score })).status,
    ).toBe(403);
    expect((await call(`${item.id}/results`)).status).toBe(403);
  });
});
