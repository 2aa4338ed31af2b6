import mongoose from "mongoose";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { Attachment } from "../../server/src/models/attachment";
import { Evidence } from "../../server/src/models/evidence";
import { bearer, devUsers, otherCourse } from "../support/launch";
import { startTestTool } from "../support/server";
import { addEvidence, badFields, launch, pdfBytes, pngBytes, type Launched } from "./support";

let tool: RunningTool;
let mentor: Launched;
let mentor2: Launched;
let tutor: Launched;
let mentor2Elsewhere: Launched;

const storedFiles = () => mongoose.connection.db.collection("attachments.files").countDocuments();

beforeAll(async () => {
  tool = await startTestTool();
  mentor = await launch(tool, devUsers.mentor);
  mentor2 = await launch(tool, devUsers.mentor2);
  tutor = await launch(tool, devUsers.tutor);
  mentor2Elsewhere = await launch(tool, devUsers.mentor2, otherCourse);
});
afterAll(async () => tool?.close());

describe("evidence items", () => {
  it("asks for a launch first (401)", async () => {
    const res = await request(tool.url).get("/api/evidence");
    expect(res.status).toBe(401);
    expect((await request(tool.url).post("/api/evidence").send({})).status).toBe(401);
  });

  it("adds evidence with links to standards and keeps no script in the narrative", async () => {
    const res = await request(tool.url)
      .post("/api/evidence")
      .set(bearer(mentor.token))
      .send({
        title: "Observation feedback",
        practiceDate: "2026-10-12",
        narrativeHtml: `<p onclick="steal()">Feedback <strong>within a day</strong>.<script>alert(1)</script><a href="javascript:alert(1)">x</a><img src=x onerror=alert(1)></p><iframe src="https://evil.example"></iframe>`,
        links: [{ url: "https://example.org/lesson-plan", label: "Lesson plan" }],
        standards: [
          { standardCode: "2", descriptorCode: "2.4", note: "Timely feedback after every observation." },
          { standardCode: "1", descriptorCode: null, note: "" },
        ],
      });
    expect(res.status).toBe(201);
    expect(res.body.narrativeHtml).toContain("<strong>within a day</strong>");
    expect(res.body.narrativeHtml).not.toMatch(/script|onclick|onerror|javascript:|iframe|<img/i);
    expect(res.body.standards).toEqual(
      expect.arrayContaining([
        { standardCode: "2", descriptorCode: "2.4", note: "Timely feedback after every observation." },
        { standardCode: "1", descriptorCode: null, note: "" },
      ]),
    );
    expect(res.body.links).toEqual([{ url: "https://example.org/lesson-plan", label: "Lesson plan" }]);
    expect(res.body.practiceDate).toBe("2026-10-12");
    // One save, one document: the links to standards are stored inside the evidence, so a crash
    // cannot keep some of them (test/crash/saveCrash.test.ts kills the tool mid-save).
    const stored = await mongoose.connection.db
      .collection("evidences")
      .findOne({ _id: new mongoose.Types.ObjectId(res.body.id as string) });
    expect(stored!.standards).toEqual([
      { standardCode: "1", descriptorCode: "", note: "" },
      { standardCode: "2", descriptorCode: "2.4", note: "Timely feedback after every observation." },
    ]);
    expect(await mongoose.connection.db.listCollections({ name: "evidencelinks" }).toArray()).toEqual([]);

    const list = await request(tool.url).get("/api/evidence").set(bearer(mentor.token));
    expect(list.status).toBe(200);
    expect(list.body.items.map((i: { id: string }) => i.id)).toContain(res.body.id);
  });

  it("refuses bad input naming the field, and saves nothing (400)", async () => {
    const before = await Evidence.countDocuments({ mentorUserId: mentor.userId });
    const missing = await request(tool.url)
      .post("/api/evidence")
      .set(bearer(mentor.token))
      .send({ practiceDate: "2026-13-45" });
    expect(missing.status).toBe(400);
    expect(badFields(missing.body)).toEqual(expect.arrayContaining(["body.title", "body.practiceDate"]));

    const unknownStandard = await request(tool.url)
      .post("/api/evidence")
      .set(bearer(mentor.token))
      .send({
        title: "x",
        practiceDate: "2026-10-01",
        standards: [{ standardCode: "9" }, { standardCode: "2", descriptorCode: "1.1" }],
      });
    expect(unknownStandard.status).toBe(400);
    expect(badFields(unknownStandard.body)).toEqual([
      "body.standards.0.standardCode",
      "body.standards.1.descriptorCode",
    ]);

    const badLink = await request(tool.url)
      .post("/api/evidence")
      .set(bearer(mentor.token))
      .send({ title: "x", practiceDate: "2026-10-01", links: [{ url: "javascript:alert(1)" }] });
    expect(badLink.status).toBe(400);
    expect(badFields(badLink.body)[0]).toMatch(/^body\.links\.0\.url/);
    expect(await Evidence.countDocuments({ mentorUserId: mentor.userId })).toBe(before);
  });

  it("keeps other people's evidence out of reach (404): another mentor, a tutor, another course, another platform", async () => {
    const own = await addEvidence(tool, mentor);
    for (const who of [mentor2, tutor, mentor2Elsewhere]) {
      expect((await request(tool.url).get(`/api/evidence/${own.id}`).set(bearer(who.token))).status).toBe(404);
      expect(
        (
          await request(tool.url)
            .patch(`/api/evidence/${own.id}`)
            .set(bearer(who.token))
            .send({ title: "mine now", expectedVersion: 0 })
        ).status,
      ).toBe(404);
      expect((await request(tool.url).delete(`/api/evidence/${own.id}`).set(bearer(who.token))).status).toBe(404);
    }
    const list = await request(tool.url).get("/api/evidence").set(bearer(mentor2.token));
    expect(list.body.items.map((i: { id: string }) => i.id)).not.toContain(own.id);

    // Same course and user id, but from another LMS platform (tenant): invisible.
    const foreign = await Evidence.create({
      tenantId: "another-platform",
      contextId: mentor.courseId,
      mentorUserId: mentor.userId,
      title: "Foreign",
      practiceDate: new Date(),
    });
    expect((await request(tool.url).get(`/api/evidence/${foreign._id}`).set(bearer(mentor.token))).status).toBe(404);
    const mine = await request(tool.url).get("/api/evidence").set(bearer(mentor.token));
    expect(mine.body.items.map((i: { id: string }) => i.id)).not.toContain(foreign._id.toString());
  });

  it("edits at the version it was read at; a stale edit is refused (409)", async () => {
    const item = await addEvidence(tool, mentor);
    const edited = await request(tool.url)
      .patch(`/api/evidence/${item.id}`)
      .set(bearer(mentor.token))
      .send({
        title: "Renamed",
        standards: [{ standardCode: "4", descriptorCode: "4.2", note: "CPD" }],
        expectedVersion: item.version,
      });
    expect(edited.status).toBe(200);
    expect(edited.body.title).toBe("Renamed");
    expect(edited.body.standards).toEqual([{ standardCode: "4", descriptorCode: "4.2", note: "CPD" }]);

    const stale = await request(tool.url)
      .patch(`/api/evidence/${item.id}`)
      .set(bearer(mentor.token))
      .send({ title: "Lost update", expectedVersion: item.version });
    expect(stale.status).toBe(409);
    expect(stale.body.error.message).toMatch(/changed somewhere else/);
    const invalid = await request(tool.url)
      .patch(`/api/evidence/${item.id}`)
      .set(bearer(mentor.token))
      .send({ title: "" });
    expect(invalid.status).toBe(400);
    expect(badFields(invalid.body)).toEqual(expect.arrayContaining(["body.title", "body.expectedVersion"]));
  });

  it("reorders, archives, restores and deletes unsubmitted evidence", async () => {
    const a = await addEvidence(tool, mentor2, { title: "A" });
    const b = await addEvidence(tool, mentor2, { title: "B" });
    const reordered = await request(tool.url)
      .put("/api/evidence/order")
      .set(bearer(mentor2.token))
      .send({ order: [b.id, a.id] });
    expect(reordered.status).toBe(204);
    const list = await request(tool.url).get("/api/evidence").set(bearer(mentor2.token));
    expect(list.body.items.map((i: { title: string }) => i.title).slice(0, 2)).toEqual(["B", "A"]);

    const foreign = await request(tool.url)
      .put("/api/evidence/order")
      .set(bearer(mentor.token))
      .send({ order: [b.id] });
    expect(foreign.status).toBe(400);

    const archived = await request(tool.url).post(`/api/evidence/${a.id}/archive`).set(bearer(mentor2.token));
    expect(archived.status).toBe(200);
    expect(archived.body.archivedAt).not.toBeNull();
    const active = await request(tool.url).get("/api/evidence").set(bearer(mentor2.token));
    expect(active.body.items.map((i: { id: string }) => i.id)).not.toContain(a.id);
    const onlyArchived = await request(tool.url).get("/api/evidence?archived=only").set(bearer(mentor2.token));
    expect(onlyArchived.body.items.map((i: { id: string }) => i.id)).toEqual([a.id]);
    expect(
      (await request(tool.url).post(`/api/evidence/${a.id}/restore`).set(bearer(mentor2.token))).body.archivedAt,
    ).toBeNull();

    expect((await request(tool.url).delete(`/api/evidence/${a.id}`).set(bearer(mentor2.token))).status).toBe(204);
    expect((await request(tool.url).get(`/api/evidence/${a.id}`).set(bearer(mentor2.token))).status).toBe(404);
  });
});

describe("attachments", () => {
  it("stores an allowed file in GridFS and gives it back to its owner only", async () => {
    const item = await addEvidence(tool, mentor);
    const res = await request(tool.url)
      .post(`/api/evidence/${item.id}/attachments`)
      .set(bearer(mentor.token))
      .attach("file", pngBytes, { filename: "board.png", contentType: "image/png" });
    expect(res.status).toBe(201);
    expect(res.body).toMatchObject({ filename: "board.png", mimeType: "image/png", size: pngBytes.length });

    const download = await request(tool.url)
      .get(`/api/evidence/${item.id}/attachments/${res.body.id}`)
      .set(bearer(mentor.token))
      .buffer(true)
      .parse((r, cb) => {
        const chunks: Buffer[] = [];
        r.on("data", (c: Buffer) => chunks.push(c));
        r.on("end", () => cb(null, Buffer.concat(chunks)));
      });
    expect(download.status).toBe(200);
    expect(download.headers["content-type"]).toBe("image/png");
    expect(download.headers["content-disposition"]).toMatch(/^attachment;/);
    expect(Buffer.compare(download.body as Buffer, pngBytes)).toBe(0);

    expect(
      (await request(tool.url).get(`/api/evidence/${item.id}/attachments/${res.body.id}`).set(bearer(mentor2.token)))
        .status,
    ).toBe(404);
    expect(
      (await request(tool.url).get(`/api/evidence/${item.id}/attachments/${res.body.id}`).set(bearer(tutor.token)))
        .status,
    ).toBe(404);
    const pdf = await request(tool.url)
      .post(`/api/evidence/${item.id}/attachments`)
      .set(bearer(mentor.token))
      .attach("file", pdfBytes, { filename: "plan.pdf", contentType: "application/pdf" });
    expect(pdf.status).toBe(201);
    const listed = await request(tool.url).get(`/api/evidence/${item.id}`).set(bearer(mentor.token));
    expect(listed.body.attachments.map((a: { filename: string }) => a.filename)).toEqual(["board.png", "plan.pdf"]);

    const removed = await request(tool.url)
      .delete(`/api/evidence/${item.id}/attachments/${pdf.body.id}`)
      .set(bearer(mentor.token));
    expect(removed.body).toEqual({ result: "deleted" });
  });

  it("refuses over-size, disallowed and disguised files with a clear 4xx, leaving nothing behind", async () => {
    const item = await addEvidence(tool, mentor);
    const filesBefore = await storedFiles();
    const attachmentsBefore = await Attachment.countDocuments();
    const upload = (bytes: Buffer, filename: string, contentType: string) =>
      request(tool.url)
        .post(`/api/evidence/${item.id}/attachments`)
        .set(bearer(mentor.token))
        .attach("file", bytes, { filename, contentType });

    const tooBig = await upload(
      Buffer.concat([pdfBytes, Buffer.alloc(10 * 1024 * 1024)]),
      "huge.pdf",
      "application/pdf",
    );
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.message).toMatch(/larger than 10 MB/);

    const unknown = await upload(Buffer.from([0x00, 0x01, 0x02, 0xff, 0x10]), "data.bin", "application/octet-stream");
    expect(unknown.status).toBe(415);
    expect(unknown.body.error.message).toMatch(/not a type of file we accept/);

    const script = await upload(Buffer.from("<script>alert(1)</script>"), "photo.png", "image/png");
    expect(script.status).toBe(415);

    const renamed = await upload(pngBytes, "report.pdf", "application/pdf");
    expect(renamed.status).toBe(415);
    expect(renamed.body.error.message).toMatch(/content is a PNG image/);

    const exe = await upload(Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200)]), "setup.pdf", "application/pdf");
    expect(exe.status).toBe(415);

    const noFile = await request(tool.url)
      .post(`/api/evidence/${item.id}/attachments`)
      .set(bearer(mentor.token))
      .field("note", "x");
    expect(noFile.status).toBe(400);
    expect(badFields(noFile.body)).toEqual(["body.file"]);

    const notYours = await request(tool.url)
      .post(`/api/evidence/${item.id}/attachments`)
      .set(bearer(mentor2.token))
      .attach("file", pngBytes, { filename: "a.png", contentType: "image/png" });
    expect(notYours.status).toBe(404);
    const badId = await request(tool.url)
      .post(`/api/evidence/not-an-id/attachments`)
      .set(bearer(mentor.token))
      .attach("file", pngBytes, { filename: "a.png", contentType: "image/png" });
    expect(badId.status).toBe(400);

    expect(await storedFiles()).toBe(filesBefore);
    expect(await Attachment.countDocuments()).toBe(attachmentsBefore);
  });
});
