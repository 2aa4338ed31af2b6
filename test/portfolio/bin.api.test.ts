import mongoose from "mongoose";
import zlib from "node:zlib";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { Attachment } from "../../server/src/models/attachment";
import { includingBinned } from "../../server/src/models/binned";
import { Evidence } from "../../server/src/models/evidence";
import { PortfolioVersion } from "../../server/src/models/portfolioVersion";
import { TrainingHoursEntry } from "../../server/src/models/trainingHoursEntry";
import { bearer, devUsers } from "../support/launch";
import { startTestTool } from "../support/server";
import { addEvidence, launch, pdfBytes, pngBytes, type Launched } from "./support";

// Issue #17 item 3: deleting evidence, a file or an hours entry puts it in a bin for 30 days,
// from which it can be restored; the bin sweep purges it after that. Submitted versions are never touched.

let tool: RunningTool;
let mentor: Launched;
let mentor2: Launched;
let tutor: Launched;

const DAY = 86_400_000;
const storedFile = (fileId: unknown) =>
  mongoose.connection.db.collection("attachments.files").countDocuments({ _id: fileId as mongoose.Types.ObjectId });
const anywhere = async (model: typeof Evidence | typeof Attachment | typeof TrainingHoursEntry, id: string) =>
  (model as typeof Evidence).countDocuments({ _id: id }).setOptions(includingBinned);

beforeAll(async () => {
  tool = await startTestTool();
  mentor = await launch(tool, devUsers.mentor);
  mentor2 = await launch(tool, devUsers.mentor2);
  tutor = await launch(tool, devUsers.tutor);
});
afterAll(async () => tool?.close());

const attach = async (who: Launched, evidenceId: string, bytes: Buffer, filename: string, contentType: string) =>
  request(tool.url)
    .post(`/api/evidence/${evidenceId}/attachments`)
    .set(bearer(who.token))
    .attach("file", bytes, { filename, contentType });
const binOf = async (who: Launched) =>
  (await request(tool.url).get("/api/evidence/bin").set(bearer(who.token))).body as {
    items: Array<{
      kind: string;
      id: string;
      evidenceId: string;
      evidenceTitle: string;
      filename: string | null;
      deletedAt: string;
      purgeAt: string;
    }>;
  };
const listIds = async (who: Launched) =>
  ((await request(tool.url).get("/api/evidence").set(bearer(who.token))).body.items as Array<{ id: string }>).map(
    (i) => i.id,
  );

describe("the evidence bin", () => {
  it("asks for a launch first (401) and refuses a bad id (400)", async () => {
    expect((await request(tool.url).get("/api/evidence/bin")).status).toBe(401);
    expect((await request(tool.url).post("/api/evidence/bin/not-an-id/restore").set(bearer(mentor.token))).status).toBe(
      400,
    );
  });

  it("keeps deleted evidence, with its files, for 30 days and restores it whole; only its owner can", async () => {
    const item = await addEvidence(tool, mentor, { title: "Binned then restored" });
    expect((await attach(mentor, item.id, pngBytes, "board.png", "image/png")).status).toBe(201);

    expect((await request(tool.url).delete(`/api/evidence/${item.id}`).set(bearer(mentor.token))).status).toBe(204);
    expect(await listIds(mentor)).not.toContain(item.id);
    expect((await request(tool.url).get(`/api/evidence/${item.id}`).set(bearer(mentor.token))).status).toBe(404);
    const binned = (await binOf(mentor)).items.find((i) => i.id === item.id)!;
    expect(binned).toMatchObject({
      kind: "evidence",
      evidenceId: item.id,
      evidenceTitle: "Binned then restored",
      filename: null,
    });
    expect(Date.parse(binned.purgeAt) - Date.parse(binned.deletedAt)).toBe(30 * DAY);

    // Another mentor and a tutor cannot see it in their bin or restore it.
    expect((await binOf(mentor2)).items.map((i) => i.id)).not.toContain(item.id);
    expect(
      (await request(tool.url).post(`/api/evidence/bin/${item.id}/restore`).set(bearer(mentor2.token))).status,
    ).toBe(404);
    expect((await request(tool.url).post(`/api/evidence/bin/${item.id}/restore`).set(bearer(tutor.token))).status).toBe(
      404,
    );

    const restored = await request(tool.url).post(`/api/evidence/bin/${item.id}/restore`).set(bearer(mentor.token));
    expect(restored.status).toBe(200);
    expect(restored.body).toMatchObject({ id: item.id, title: "Binned then restored" });
    expect(restored.body.attachments.map((a: { filename: string }) => a.filename)).toEqual(["board.png"]);
    expect(await listIds(mentor)).toContain(item.id);
    expect((await binOf(mentor)).items.map((i) => i.id)).not.toContain(item.id);
    // Restoring twice: it is no longer in the bin.
    expect(
      (await request(tool.url).post(`/api/evidence/bin/${item.id}/restore`).set(bearer(mentor.token))).status,
    ).toBe(404);
  });

  it("keeps a deleted file in the bin and puts it back on its evidence", async () => {
    const item = await addEvidence(tool, mentor, { title: "With a plan" });
    const file = await attach(mentor, item.id, pdfBytes, "plan.pdf", "application/pdf");
    const removed = await request(tool.url)
      .delete(`/api/evidence/${item.id}/attachments/${file.body.id}`)
      .set(bearer(mentor.token));
    expect(removed.body).toEqual({ result: "deleted" });
    expect(
      (await request(tool.url).get(`/api/evidence/${item.id}`).set(bearer(mentor.token))).body.attachments,
    ).toEqual([]);
    expect(
      (await request(tool.url).get(`/api/evidence/${item.id}/attachments/${file.body.id}`).set(bearer(mentor.token)))
        .status,
    ).toBe(404);
    expect((await binOf(mentor)).items.find((i) => i.id === file.body.id)).toMatchObject({
      kind: "attachment",
      evidenceId: item.id,
      evidenceTitle: "With a plan",
      filename: "plan.pdf",
    });

    expect(
      (
        await request(tool.url)
          .post(`/api/evidence/${item.id}/attachments/${file.body.id}/restore`)
          .set(bearer(mentor2.token))
      ).status,
    ).toBe(404);
    const restored = await request(tool.url)
      .post(`/api/evidence/${item.id}/attachments/${file.body.id}/restore`)
      .set(bearer(mentor.token));
    expect(restored.status).toBe(200);
    expect(restored.body.filename).toBe("plan.pdf");
    expect(
      (await request(tool.url).get(`/api/evidence/${item.id}`).set(bearer(mentor.token))).body.attachments.map(
        (a: { id: string }) => a.id,
      ),
    ).toEqual([file.body.id]);
    expect(
      (
        await request(tool.url)
          .post(`/api/evidence/${item.id}/attachments/${file.body.id}/restore`)
          .set(bearer(mentor.token))
      ).status,
    ).toBe(404);
  });

  it("never bins what a submitted version holds: such evidence is refused (409) and such a file archived", async () => {
    const item = await addEvidence(tool, mentor, { title: "Submitted" });
    const file = await attach(mentor, item.id, pngBytes, "frozen.png", "image/png");
    await PortfolioVersion.create({
      tenantId: mentor.tenantId,
      contextId: mentor.courseId,
      mentorUserId: mentor.userId,
      mentorName: "Alex Morgan",
      portfolioId: new mongoose.Types.ObjectId(),
      qualificationCode: "ENTRY",
      number: 1,
      evidence: [
        { evidenceId: item.id, title: "Submitted", attachments: [{ id: file.body.id, filename: "frozen.png" }] },
      ],
      submittedBy: mentor.userId,
      submittedAt: new Date(),
    });
    expect((await request(tool.url).delete(`/api/evidence/${item.id}`).set(bearer(mentor.token))).status).toBe(409);
    expect(
      (await request(tool.url).delete(`/api/evidence/${item.id}/attachments/${file.body.id}`).set(bearer(mentor.token)))
        .body,
    ).toEqual({ result: "archived" });
    expect((await binOf(mentor)).items.map((i) => i.id)).not.toContain(file.body.id);
    expect(
      (
        await request(tool.url)
          .post(`/api/evidence/${item.id}/attachments/${file.body.id}/restore`)
          .set(bearer(mentor.token))
      ).status,
    ).toBe(404);
  });
});

describe("the hours bin", () => {
  const log = (activity: string) =>
    request(tool.url)
      .post("/api/hours")
      .set(bearer(tutor.token))
      .send({ mentorUserId: devUsers.mentor, date: "2026-10-06", activity, hours: 2, kind: "initial" });
  const entryId = (body: { entries: Array<{ id: string; activity: string }> }, activity: string) =>
    body.entries.find((e) => e.activity === activity)?.id;

  it("keeps a removed entry out of the ledger, in the bin, and puts it back for whoever may remove it", async () => {
    const id = entryId((await log("Binned workshop")).body, "Binned workshop")!;
    expect((await request(tool.url).delete(`/api/hours/entries/${id}`).set(bearer(tutor.token))).status).toBe(204);
    const ledger = (await request(tool.url).get(`/api/hours?mentorUserId=${devUsers.mentor}`).set(bearer(tutor.token)))
      .body;
    expect(entryId(ledger, "Binned workshop")).toBeUndefined();

    expect((await request(tool.url).get("/api/hours/bin")).status).toBe(401);
    const bin = await request(tool.url).get(`/api/hours/bin?mentorUserId=${devUsers.mentor}`).set(bearer(tutor.token));
    expect(bin.status).toBe(200);
    expect(bin.body.entries.find((e: { id: string }) => e.id === id)).toMatchObject({
      activity: "Binned workshop",
      hours: 2,
      date: "2026-10-06",
    });
    // The mentor sees their own bin; another mentor cannot reach it.
    expect(
      (await request(tool.url).get("/api/hours/bin").set(bearer(mentor.token))).body.entries.map(
        (e: { id: string }) => e.id,
      ),
    ).toContain(id);
    expect(
      (await request(tool.url).get(`/api/hours/bin?mentorUserId=${devUsers.mentor}`).set(bearer(mentor2.token))).status,
    ).toBe(404);
    expect((await request(tool.url).post(`/api/hours/entries/${id}/restore`).set(bearer(mentor2.token))).status).toBe(
      404,
    );
    // The tutor logged it: the mentor may not restore (or remove) it.
    expect((await request(tool.url).post(`/api/hours/entries/${id}/restore`).set(bearer(mentor.token))).status).toBe(
      403,
    );
    expect((await request(tool.url).post("/api/hours/entries/nope/restore").set(bearer(tutor.token))).status).toBe(400);

    const restored = await request(tool.url).post(`/api/hours/entries/${id}/restore`).set(bearer(tutor.token));
    expect(restored.status).toBe(200);
    expect(entryId(restored.body, "Binned workshop")).toBe(id);
    expect((await request(tool.url).post(`/api/hours/entries/${id}/restore`).set(bearer(tutor.token))).status).toBe(
      404,
    );
  });
});

describe("the bin sweep", () => {
  it("purges what was deleted over 30 days ago (files' bytes too) and keeps the rest", async () => {
    const old = await addEvidence(tool, mentor, { title: "Deleted long ago" });
    const oldFile = await attach(mentor, old.id, pngBytes, "old.png", "image/png");
    const recent = await addEvidence(tool, mentor, { title: "Deleted last week" });
    const kept = await addEvidence(tool, mentor, { title: "Keeps a file" });
    const oldLoose = await attach(mentor, kept.id, pdfBytes, "old-loose.pdf", "application/pdf");
    const hours = (
      await request(tool.url)
        .post("/api/hours")
        .set(bearer(tutor.token))
        .send({ mentorUserId: devUsers.mentor, date: "2026-10-07", activity: "Old session", hours: 1, kind: "initial" })
    ).body;
    const hoursId = hours.entries.find((e: { activity: string }) => e.activity === "Old session").id as string;
    for (const path of [
      `/api/evidence/${old.id}`,
      `/api/evidence/${recent.id}`,
      `/api/evidence/${kept.id}/attachments/${oldLoose.body.id}`,
      `/api/hours/entries/${hoursId}`,
    ]) {
      expect(
        (
          await request(tool.url)
            .delete(path)
            .set(bearer(path.startsWith("/api/hours") ? tutor.token : mentor.token))
        ).status,
      ).toBeLessThan(300);
    }
    const oldFileId = (await Attachment.findOne({ _id: oldFile.body.id }).lean())!.fileId;
    const looseFileId = (await Attachment.findOne({ _id: oldLoose.body.id }).setOptions(includingBinned).lean())!
      .fileId;
    // Deleted 31 days ago, and 29 days ago.
    const ago = (days: number) => ({ $set: { deletedAt: new Date(Date.now() - days * DAY) } });
    await Evidence.updateOne({ _id: old.id, deletedAt: { $ne: null } }, ago(31));
    await Attachment.updateOne({ _id: oldLoose.body.id, deletedAt: { $ne: null } }, ago(31));
    await TrainingHoursEntry.updateOne({ _id: hoursId, deletedAt: { $ne: null } }, ago(31));
    await Evidence.updateOne({ _id: recent.id, deletedAt: { $ne: null } }, ago(29));

    const outcome = await tool.jobs.runNow("bin-sweep");
    expect(outcome).toBe("succeeded");

    expect(await anywhere(Evidence, old.id)).toBe(0);
    expect(await anywhere(Attachment, oldFile.body.id)).toBe(0);
    expect(await storedFile(oldFileId)).toBe(0);
    expect(await anywhere(Attachment, oldLoose.body.id)).toBe(0);
    expect(await storedFile(looseFileId)).toBe(0);
    expect(await anywhere(TrainingHoursEntry, hoursId)).toBe(0);
    expect((await request(tool.url).post(`/api/evidence/bin/${old.id}/restore`).set(bearer(mentor.token))).status).toBe(
      404,
    );
    expect((await binOf(mentor)).items.map((i) => i.id)).not.toContain(old.id);

    // Deleted 29 days ago: still in the bin, still restorable; the evidence that kept its file is untouched.
    expect((await binOf(mentor)).items.map((i) => i.id)).toContain(recent.id);
    expect(
      (await request(tool.url).post(`/api/evidence/bin/${recent.id}/restore`).set(bearer(mentor.token))).status,
    ).toBe(200);
    expect(await listIds(mentor)).toContain(kept.id);
  });
});

/** A minimal .docx: a zip (stored, not compressed) with the parts Word needs to name its type. */
function docxBytes(): Buffer {
  const parts: Array<[string, string]> = [
    [
      "[Content_Types].xml",
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/word/document.xml" ContentType="application/vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>',
    ],
    [
      "word/document.xml",
      '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main"><w:body><w:p><w:r><w:t>Reflection</w:t></w:r></w:p></w:body></w:document>',
    ],
  ];
  const locals: Buffer[] = [];
  const centrals: Buffer[] = [];
  let offset = 0;
  for (const [name, text] of parts) {
    const data = Buffer.from(text);
    const fileName = Buffer.from(name);
    const crc = zlib.crc32(data);
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt32LE(crc, 14);
    local.writeUInt32LE(data.length, 18);
    local.writeUInt32LE(data.length, 22);
    local.writeUInt16LE(fileName.length, 26);
    const central = Buffer.alloc(46);
    central.writeUInt32LE(0x02014b50, 0);
    central.writeUInt16LE(20, 4);
    central.writeUInt16LE(20, 6);
    central.writeUInt32LE(crc, 16);
    central.writeUInt32LE(data.length, 20);
    central.writeUInt32LE(data.length, 24);
    central.writeUInt16LE(fileName.length, 28);
    central.writeUInt32LE(offset, 42);
    locals.push(local, fileName, data);
    centrals.push(central, fileName);
    offset += 30 + fileName.length + data.length;
  }
  const directory = Buffer.concat(centrals);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(directory.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, directory, end]);
}

// An iPhone photo's first box: "ftyp", major brand "heic" (or "mif1" for HEIF), then compatible brands.
const heicBytes = Buffer.from("000000186674797068656963000000006d69663168656963", "hex");
const heifBytes = Buffer.from("00000018667479706d69663100000000" + "6d69663168656963", "hex");

describe("file types (#17 item 3): sniffed by content", () => {
  it("accepts HEIC/HEIF photos, Word documents and plain text, each stored with the type its content shows", async () => {
    const item = await addEvidence(tool, mentor, { title: "New kinds of file" });
    const cases: Array<[Buffer, string, string, string]> = [
      [heicBytes, "IMG_0001.HEIC", "image/heic", "image/heic"],
      [heifBytes, "scan.heif", "image/heif", "image/heif"],
      [heicBytes, "IMG_0002.heic", "", "image/heic"],
      [
        docxBytes(),
        "reflection.docx",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
      ],
      [
        Buffer.from("\uFEFFNotes from the meeting\r\n\tTargets: two.\n", "utf8"),
        "notes.txt",
        "text/plain",
        "text/plain",
      ],
    ];
    for (const [bytes, filename, claimed, stored] of cases) {
      const res = await attach(mentor, item.id, bytes, filename, claimed || "application/octet-stream");
      expect(res.status, filename).toBe(201);
      expect(res.body.mimeType, filename).toBe(stored);
      const back = await request(tool.url)
        .get(`/api/evidence/${item.id}/attachments/${res.body.id}`)
        .set(bearer(mentor.token))
        .buffer(true)
        .parse((r, done) => {
          const chunks: Buffer[] = [];
          r.on("data", (c: Buffer) => chunks.push(c));
          r.on("end", () => done(null, Buffer.concat(chunks)));
        });
      expect(back.headers["content-type"]).toContain(stored);
      expect(back.headers["content-disposition"]).toMatch(/^attachment;/);
      expect(Buffer.compare(back.body as Buffer, bytes)).toBe(0);
    }
  });

  it("still refuses binary named .txt, text named as a photo and a HEIC photo named .docx (415)", async () => {
    const item = await addEvidence(tool, mentor, { title: "Disguises" });
    const binary = await attach(
      mentor,
      item.id,
      Buffer.from([0x4e, 0x6f, 0x00, 0x01, 0xff, 0xfe]),
      "notes.txt",
      "text/plain",
    );
    expect(binary.status).toBe(415);
    expect(binary.body.error.message).toMatch(/not a type of file we accept/);
    const text = await attach(mentor, item.id, Buffer.from("<script>alert(1)</script>"), "photo.heic", "image/heic");
    expect(text.status).toBe(415);
    expect(text.body.error.message).toMatch(/content is a Text file/);
    const photo = await attach(
      mentor,
      item.id,
      heicBytes,
      "report.docx",
      "application/vnd.openxmlformats-officedocument.wordprocessingml.document",
    );
    expect(photo.status).toBe(415);
    expect(photo.body.error.message).toMatch(/content is a HEIC photo/);
    expect(
      (await request(tool.url).get(`/api/evidence/${item.id}`).set(bearer(mentor.token))).body.attachments,
    ).toEqual([]);
  });
});
