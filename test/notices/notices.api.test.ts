import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { bearer, devUsers } from "../support/launch";
import { startTestTool } from "../support/server";
import { addEvidence, launch, type Launched } from "../portfolio/support";

// #17 item 5: people are told. A comment on a mentor's evidence becomes a notice they can mark read.
let tool: RunningTool;
let mentor: Launched;
let otherMentor: Launched;
let leadMentor: Launched;

beforeAll(async () => {
  tool = await startTestTool();
  mentor = await launch(tool, devUsers.mentor);
  otherMentor = await launch(tool, devUsers.mentor2);
  leadMentor = await launch(tool, "dev-lead-mentor-1");
});
afterAll(() => tool?.close());

const api = () => request(tool.url);

describe("notices", () => {
  it("needs a session", async () => {
    expect((await api().get("/api/notices")).status).toBe(401);
    expect((await api().post("/api/notices/0123456789abcdef01234567/read")).status).toBe(401);
  });

  it("tell a mentor of a comment on their evidence (not of their own reply), and are marked read once", async () => {
    const item = await addEvidence(tool, mentor, { title: "Target setting" });
    expect((await api().post("/api/evidence-comments").set(bearer(leadMentor.token)).send({ evidenceId: item.id, body: "Which target mattered most?" })).status).toBe(201);
    expect((await api().post("/api/evidence-comments").set(bearer(mentor.token)).send({ evidenceId: item.id, body: "Behaviour routines." })).status).toBe(201);

    const listed = await api().get("/api/notices").set(bearer(mentor.token));
    expect(listed.status).toBe(200);
    expect(listed.body.unread).toBe(1);
    expect(listed.body.notices).toEqual([
      expect.objectContaining({ kind: "evidence_comment", title: "Ruth Adeyemi commented on your evidence", body: "Which target mattered most?", link: "/evidence", readAt: null }),
    ]);
    // Nobody else sees it, and nobody else may mark it.
    expect((await api().get("/api/notices").set(bearer(otherMentor.token))).body).toEqual({ notices: [], unread: 0 });
    const id = listed.body.notices[0].id;
    expect((await api().post(`/api/notices/${id}/read`).set(bearer(otherMentor.token))).status).toBe(404);
    expect((await api().post("/api/notices/not-an-id/read").set(bearer(mentor.token))).status).toBe(400);

    const read = await api().post(`/api/notices/${id}/read`).set(bearer(mentor.token));
    expect(read.status).toBe(200);
    expect(read.body.readAt).toEqual(expect.any(String));
    const again = await api().post(`/api/notices/${id}/read`).set(bearer(mentor.token));
    expect(again.body.readAt).toBe(read.body.readAt);
    expect((await api().get("/api/notices").set(bearer(mentor.token))).body.unread).toBe(0);
  });

  it("are all marked read at once", async () => {
    const item = await addEvidence(tool, mentor, { title: "Feedback conversations" });
    for (const body of ["Good.", "What next?"]) {
      expect((await api().post("/api/evidence-comments").set(bearer(leadMentor.token)).send({ evidenceId: item.id, body })).status).toBe(201);
    }
    expect((await api().get("/api/notices").set(bearer(mentor.token))).body.unread).toBe(2);
    expect((await api().post("/api/notices/read-all").set(bearer(mentor.token))).body).toEqual({ marked: 2 });
    expect((await api().get("/api/notices").set(bearer(mentor.token))).body.unread).toBe(0);
  });
});
