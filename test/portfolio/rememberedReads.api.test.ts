import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { Evidence } from "../../server/src/models/evidence";
import { Member } from "../../server/src/models/member";
import { bearer, devUsers } from "../support/launch";
import { startTestTool } from "../support/server";
import { addEvidence, dayFromToday, launch, type Launched } from "./support";

// A mentor's pages are remembered by the server that answered them and served again until a write
// marks a change they depend on. Changing a stored document directly (no API, so no mark) is how
// these tests see which answers were remembered and which were made afresh.

let first: RunningTool;
let second: RunningTool;
let mentor: Launched;
let mentor2: Launched;
let tutor: Launched;
let lead: Launched;

const titles = async (tool: RunningTool, who: Launched) => {
  const res = await request(tool.url).get("/api/evidence").set(bearer(who.token)).expect(200);
  return (res.body.items as Array<{ title: string }>).map((i) => i.title).sort();
};
const retitleDirectly = (id: string, title: string) => Evidence.updateOne({ _id: id }, { $set: { title } });

beforeAll(async () => {
  const databaseName = `t_remembered_${Date.now()}`;
  first = await startTestTool({}, { databaseName });
  second = await startTestTool({}, { databaseName });
  mentor = await launch(first, devUsers.mentor);
  mentor2 = await launch(first, devUsers.mentor2);
  tutor = await launch(first, devUsers.tutor);
  lead = await launch(first, devUsers.lead);
});
afterAll(async () => {
  await first?.close();
  await second?.close();
});

describe("remembered reads of a mentor's own pages", () => {
  it("serves a reread from memory until the mentor writes; another mentor's writes leave it alone", async () => {
    const item = await addEvidence(first, mentor, { title: "Before" });
    expect(await titles(first, mentor)).toEqual(["Before"]);

    await retitleDirectly(item.id, "Changed without a mark");
    expect(await titles(first, mentor)).toEqual(["Before"]);

    await addEvidence(first, mentor2, { title: "Someone else's" });
    expect(await titles(first, mentor)).toEqual(["Before"]);

    await addEvidence(first, mentor, { title: "Second" });
    expect(await titles(first, mentor)).toEqual(["Changed without a mark", "Second"]);
  });

  it("makes the answer afresh after a refused write only if something could have changed", async () => {
    const [item] = (await request(first.url).get("/api/evidence").set(bearer(mentor.token)).expect(200)).body
      .items as Array<{ id: string; title: string }>;
    await retitleDirectly(item.id, "Quietly changed");
    // Refused (400): nothing was written, so nothing is marked.
    await request(first.url).post("/api/evidence").set(bearer(mentor.token)).send({ title: "" }).expect(400);
    expect(await titles(first, mentor)).not.toContain("Quietly changed");
  });

  it("a draft kept as the mentor types, or forgotten, leaves their remembered pages alone", async () => {
    const [item] = (await request(first.url).get("/api/evidence").set(bearer(mentor.token)).expect(200)).body
      .items as Array<{ id: string; title: string }>;
    await retitleDirectly(item.id, "Changed while a draft was kept");
    const draft = { title: "Half-written", fields: [{ name: "title", label: "Title", value: "Half-written" }] };
    await request(first.url).put("/api/drafts/evidence:new").set(bearer(mentor.token)).send(draft).expect(200);
    await request(first.url).delete("/api/drafts/evidence:new").set(bearer(mentor.token)).expect(204);
    expect(await titles(first, mentor)).not.toContain("Changed while a draft was kept");
  });

  it("a staff member's write reaches every mentor's pages", async () => {
    const before = await request(first.url).get("/api/modules").set(bearer(mentor2.token)).expect(200);
    await Member.updateOne(
      { tenantId: mentor2.tenantId, contextId: mentor2.courseId, userId: mentor2.userId },
      { $set: { name: "Renamed Directly" } },
    );
    expect((await request(first.url).get("/api/modules").set(bearer(mentor2.token)).expect(200)).body).toEqual(
      before.body,
    );

    const round = { name: "Spring panel", date: dayFromToday(30), memberUserIds: [tutor.userId] };
    await request(first.url).post("/api/panel/rounds").set(bearer(lead.token)).send(round).expect(201);
    const after = await request(first.url).get("/api/modules").set(bearer(mentor2.token)).expect(200);
    expect(JSON.stringify(after.body)).toContain("Renamed Directly");
  });

  it("a write through another server reaches what this one remembers", async () => {
    const mine = await titles(first, mentor);
    const [item] = (await request(first.url).get("/api/evidence").set(bearer(mentor.token)).expect(200)).body
      .items as Array<{ id: string }>;
    await retitleDirectly(item.id, "Changed before the other server's write");
    expect(await titles(first, mentor)).toEqual(mine);

    await addEvidence(second, mentor, { title: "Written on the second server" });
    const now = await titles(first, mentor);
    expect(now).toContain("Changed before the other server's write");
    expect(now).toContain("Written on the second server");
  });

  it("staff reading a mentor's pages always get them afresh", async () => {
    const path = `/api/modules?mentorUserId=${mentor.userId}`;
    await request(first.url).get(path).set(bearer(tutor.token)).expect(200);
    await Member.updateOne(
      { tenantId: mentor.tenantId, contextId: mentor.courseId, userId: mentor.userId },
      { $set: { name: "Seen At Once" } },
    );
    expect(JSON.stringify((await request(first.url).get(path).set(bearer(tutor.token)).expect(200)).body)).toContain(
      "Seen At Once",
    );
  });

  it("answers a remembered read exactly as a fresh one: same body, type and validators", async () => {
    const fresh = await request(second.url).get("/api/portfolios").set(bearer(mentor2.token)).expect(200);
    const again = await request(second.url).get("/api/portfolios").set(bearer(mentor2.token)).expect(200);
    expect(again.body).toEqual(fresh.body);
    expect(again.headers["content-type"]).toBe(fresh.headers["content-type"]);
    expect(again.headers.etag).toBe(fresh.headers.etag);
    // A conditional reread is answered 304 from memory as from a fresh answer.
    await request(second.url)
      .get("/api/portfolios")
      .set(bearer(mentor2.token))
      .set("If-None-Match", fresh.headers.etag)
      .expect(304);
  });
});
