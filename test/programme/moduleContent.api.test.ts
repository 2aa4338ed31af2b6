import fs from "node:fs";
import http from "node:http";
import path from "node:path";
import mongoose from "mongoose";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { ModuleRecord } from "../../server/src/models/moduleRecord";
import { ModuleWorkFile } from "../../server/src/models/moduleWorkFile";
import { defaultProgramme, programmesDir } from "../../server/src/programme/defaultProgramme";
import { parseProgramme } from "../../server/src/programme/schema";
import { bearer, devUsers } from "../support/launch";
import { startTestTool } from "../support/server";
import { pdfBytes, pngBytes } from "../portfolio/support";
import { badFields, completeEntryAudit, launchCast, prepareModule } from "./helpers";

let tool: RunningTool;
let mentor: string, mentor2: string, tutor: string, lead: string, otherTutor: string;

beforeAll(async () => {
  tool = await startTestTool();
  ({ mentor, mentor2, tutor, lead, otherTutor } = await launchCast(tool));
});
afterAll(() => tool?.close());

const api = () => request(tool.url);
const storedFiles = () => mongoose.connection.db.collection("attachments.files").countDocuments();
const bytesOf = (req: request.Test) =>
  req.buffer(true).parse((r, cb) => {
    const chunks: Buffer[] = [];
    r.on("data", (c: Buffer) => chunks.push(c));
    r.on("end", () => cb(null, Buffer.concat(chunks)));
  });
const attach = (token: string, moduleCode: string, bytes: Buffer, filename: string, contentType: string) =>
  api()
    .post(`/api/modules/${moduleCode}/work-files`)
    .set(bearer(token))
    .attach("file", bytes, { filename, contentType });

describe("the shipped programme's module content", () => {
  it("gives every module sections, links to read, a file that is really shipped, and says what to submit for each activity", () => {
    for (const m of defaultProgramme().modules) {
      expect(m.content.sections.length, m.code).toBeGreaterThanOrEqual(2);
      expect(m.content.links.length, m.code).toBeGreaterThanOrEqual(2);
      for (const link of m.content.links) expect(link.url).toMatch(/^https:\/\//);
      expect(m.content.files.length, m.code).toBeGreaterThanOrEqual(1);
      for (const f of m.content.files)
        expect(fs.existsSync(path.join(programmesDir, "files", f.file)), `${m.code}: ${f.file}`).toBe(true);
      for (const a of m.activities) expect(a.submit, `${a.code} says what to submit`).not.toBe("");
    }
  });

  it("refuses a programme whose content is unsafe or malformed, naming the field", () => {
    const base = defaultProgramme();
    const withModule0 = (content: unknown) => ({
      ...base,
      modules: base.modules.map((m, i) => (i === 0 ? { ...m, content } : m)),
    });
    expect(() => parseProgramme(withModule0({ links: [{ title: "x", url: "http://example.org" }] }))).toThrow(
      /modules\.0\.content\.links\.0\.url must start with https/,
    );
    expect(() =>
      parseProgramme(withModule0({ files: [{ code: "a", title: "x", file: "../../etc/passwd.pdf" }] })),
    ).toThrow(/modules\.0\.content\.files\.0\.file/);
    expect(() => parseProgramme(withModule0({ files: [{ code: "a", title: "x", file: "run.exe" }] }))).toThrow(
      /must end in one of/,
    );
    expect(() => parseProgramme(withModule0({ sections: [{ heading: "Empty", paragraphs: [] }] }))).toThrow(
      /modules\.0\.content\.sections\.0\.paragraphs/,
    );
    // A programme file from before module content still loads: content is optional.
    const { content: _dropped, ...bare } = base.modules[0];
    expect(parseProgramme({ ...base, modules: [bare, ...base.modules.slice(1)] }).modules[0].content).toEqual({
      sections: [],
      links: [],
      files: [],
      videos: [],
    });
  });
});

describe("loading a programme", () => {
  it("refuses one that names a module file the tool does not have, naming the field, and keeps the programme in force", async () => {
    const before = await api().get("/api/programme").set(bearer(lead));
    const programme = structuredClone(defaultProgramme());
    programme.version = 7;
    programme.modules[0].content.files = [{ code: "x", title: "Not shipped", file: "not-shipped.pdf", note: "" }];
    const res = await api().put("/api/programme").set(bearer(lead)).send(programme);
    expect(res.status).toBe(400);
    expect(badFields(res.body)).toEqual(["body.modules.0.content.files.0.file"]);
    expect(res.body.error.message).toMatch(/not-shipped\.pdf/);
    expect(before.body.versionId).toEqual(expect.any(String));
    expect((await api().get("/api/programme").set(bearer(lead))).body.versionId).toBe(before.body.versionId);
  });
});

describe("the module page", () => {
  it("says exactly what opens a locked module, and shows what it teaches", async () => {
    const before = await api().get("/api/modules/M1").set(bearer(mentor2));
    expect(before.status).toBe(200);
    expect(before.body.state).toBe("locked");
    expect(before.body.opensWhen).toBe("Opens when your entry audit is complete.");

    await completeEntryAudit(tool, mentor2);
    const m1 = await api().get("/api/modules/M1").set(bearer(mentor2));
    expect(m1.body.opensWhen).toBeNull();
    const m3 = await api().get("/api/modules/M3").set(bearer(mentor2));
    expect(m3.body.state).toBe("locked");
    expect(m3.body.opensWhen).toBe("Opens when Modules 1 and 2 are passed and your audit before Mastery is complete.");
    // The page still teaches: a mentor can read ahead.
    expect(m3.body.content.sections[0].heading).toBe(defaultProgramme().modules[2].content.sections[0].heading);

    const shipped = defaultProgramme().modules[1];
    const m2 = await api().get("/api/modules/M2").set(bearer(mentor2));
    expect(m2.body.content.sections.map((s: { heading: string }) => s.heading)).toEqual(
      shipped.content.sections.map((s) => s.heading),
    );
    expect(m2.body.content.links[0]).toEqual({
      title: shipped.content.links[0].title,
      url: shipped.content.links[0].url,
      note: shipped.content.links[0].note,
    });
    expect(m2.body.content.files[0]).toMatchObject({
      code: "record",
      filename: "m2-weekly-meeting-record.pdf",
      mimeType: "application/pdf",
    });
    expect(m2.body.activities[1].submit).toBe(shipped.activities[1].submit);
  });

  it("serves a file shipped with the programme to people who may see the module, and nobody else", async () => {
    const download = await bytesOf(api().get("/api/modules/M2/files/record").set(bearer(mentor)));
    expect(download.status).toBe(200);
    expect(download.headers["content-type"]).toBe("application/pdf");
    expect(download.headers["content-disposition"]).toMatch(/^attachment;.*m2-weekly-meeting-record\.pdf/);
    expect(
      Buffer.compare(
        download.body as Buffer,
        fs.readFileSync(path.join(programmesDir, "files", "m2-weekly-meeting-record.pdf")),
      ),
    ).toBe(0);

    expect((await api().get("/api/modules/M2/files/record")).status).toBe(401);
    expect((await api().get("/api/modules/M2/files/nope").set(bearer(mentor))).status).toBe(404);
    expect((await api().get("/api/modules/M2/files/..%2F..%2Fdefault.json").set(bearer(mentor))).status).toBe(400);
    expect(
      (await api().get(`/api/modules/M2/files/record?mentorUserId=${devUsers.mentor}`).set(bearer(tutor))).status,
    ).toBe(200);
    expect(
      (await api().get(`/api/modules/M2/files/record?mentorUserId=${devUsers.mentor}`).set(bearer(otherTutor))).status,
    ).toBe(404);
  });
});

describe("files on module work", () => {
  it("attaches a checked file to the mentor's own work, shows it to their tutor and to nobody else", async () => {
    await completeEntryAudit(tool, mentor);
    expect((await attach(mentor, "M1", pngBytes, "x.png", "image/png").unset("Authorization")).status).toBe(401);
    const added = await attach(mentor, "M1", pdfBytes, "contacts.pdf", "application/pdf");
    expect(added.status).toBe(201);
    expect(added.body.workFiles).toEqual([
      expect.objectContaining({ filename: "contacts.pdf", mimeType: "application/pdf", size: pdfBytes.length }),
    ]);
    const fileId = added.body.workFiles[0].id as string;

    const own = await bytesOf(api().get(`/api/modules/M1/work-files/${fileId}`).set(bearer(mentor)));
    expect(own.status).toBe(200);
    expect(Buffer.compare(own.body as Buffer, pdfBytes)).toBe(0);
    const byTutor = await api()
      .get(`/api/modules/M1/work-files/${fileId}?mentorUserId=${devUsers.mentor}`)
      .set(bearer(tutor));
    expect(byTutor.status).toBe(200);
    const seenByTutor = await api().get(`/api/modules/M1?mentorUserId=${devUsers.mentor}`).set(bearer(tutor));
    expect(seenByTutor.body.workFiles.map((f: { filename: string }) => f.filename)).toEqual(["contacts.pdf"]);

    // Another mentor, asking for it as theirs or by name, and another course's tutor: not found.
    expect((await api().get(`/api/modules/M1/work-files/${fileId}`).set(bearer(mentor2))).status).toBe(404);
    expect(
      (await api().get(`/api/modules/M1/work-files/${fileId}?mentorUserId=${devUsers.mentor}`).set(bearer(mentor2)))
        .status,
    ).toBe(404);
    expect(
      (await api().get(`/api/modules/M1/work-files/${fileId}?mentorUserId=${devUsers.mentor}`).set(bearer(otherTutor)))
        .status,
    ).toBe(404);
    expect((await api().delete(`/api/modules/M1/work-files/${fileId}`).set(bearer(mentor2))).status).toBe(404);
    // Staff read module work; they do not add to it.
    const tutorUpload = await attach(tutor, "M1", pngBytes, "x.png", "image/png");
    expect(tutorUpload.status).toBe(403);

    const removed = await api().delete(`/api/modules/M1/work-files/${fileId}`).set(bearer(mentor));
    expect(removed.status).toBe(200);
    expect(removed.body.workFiles).toEqual([]);
    // Never submitted, so nothing is kept.
    expect(await ModuleWorkFile.countDocuments({ _id: fileId })).toBe(0);
  });

  it("refuses over-size, disallowed, disguised and missing files as evidence does, and stores nothing", async () => {
    await completeEntryAudit(tool, mentor);
    const filesBefore = await storedFiles();
    const listedBefore = await ModuleWorkFile.countDocuments();

    const tooBig = await attach(
      mentor,
      "M1",
      Buffer.concat([pdfBytes, Buffer.alloc(10 * 1024 * 1024)]),
      "huge.pdf",
      "application/pdf",
    );
    expect(tooBig.status).toBe(413);
    expect(tooBig.body.error.message).toMatch(/larger than 10 MB/);

    const unknown = await attach(
      mentor,
      "M1",
      Buffer.from([0x00, 0x01, 0x02, 0xff, 0x10]),
      "data.bin",
      "application/octet-stream",
    );
    expect(unknown.status).toBe(415);
    expect(unknown.body.error.message).toMatch(/not a type of file we accept/);

    const renamed = await attach(mentor, "M1", pngBytes, "agenda.pdf", "application/pdf");
    expect(renamed.status).toBe(415);
    expect(renamed.body.error.message).toMatch(/content is a PNG image/);

    const exe = await attach(
      mentor,
      "M1",
      Buffer.concat([Buffer.from("MZ"), Buffer.alloc(200)]),
      "agenda.pdf",
      "application/pdf",
    );
    expect(exe.status).toBe(415);

    const noFile = await api().post("/api/modules/M1/work-files").set(bearer(mentor)).field("note", "x");
    expect(noFile.status).toBe(400);
    expect(badFields(noFile.body)).toEqual(["body.file"]);

    const notMultipart = await api().post("/api/modules/M1/work-files").set(bearer(mentor)).send({ file: "x" });
    expect(notMultipart.status).toBe(415);

    // A locked module takes no files (the same lock as every other write).
    const locked = await attach(mentor, "M3", pngBytes, "a.png", "image/png");
    expect(locked.status).toBe(403);
    expect(locked.body.error.message).toMatch(/locked/);

    expect(await storedFiles()).toBe(filesBefore);
    expect(await ModuleWorkFile.countDocuments()).toBe(listedBefore);
  });

  it("refuses a declared length over the limit before reading the body", async () => {
    // 30 MB is declared and only a few bytes sent: an answer can only come from the declared length.
    const answer = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = http.request(new URL(`${tool.url}/api/modules/M1/work-files`), {
        method: "POST",
        headers: {
          ...bearer(mentor),
          "Content-Type": "multipart/form-data; boundary=x",
          "Content-Length": String(30 * 1024 * 1024),
        },
      });
      req.on("response", (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode!, body }));
      });
      req.on("error", reject);
      req.write("--x\r\n");
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.message).toBe("That file is larger than 10 MB. Please attach a smaller file.");
  });

  it("freezes the files with the submission: none added or removed while the tutor has the work", async () => {
    await completeEntryAudit(tool, mentor);
    await prepareModule(tool, mentor, "M2", "Agenda and record attached.");
    const added = await attach(mentor, "M2", pdfBytes, "agenda.pdf", "application/pdf");
    expect(added.status).toBe(201);
    const fileId = added.body.workFiles[0].id as string;
    expect((await api().post("/api/modules/M2/submit").set(bearer(mentor))).status).toBe(201);

    const more = await attach(mentor, "M2", pngBytes, "late.png", "image/png");
    expect(more.status).toBe(409);
    expect((await api().delete(`/api/modules/M2/work-files/${fileId}`).set(bearer(mentor))).status).toBe(409);
    const seen = await api().get(`/api/modules/M2?mentorUserId=${devUsers.mentor}`).set(bearer(tutor));
    expect(seen.body.workFiles.map((f: { filename: string }) => f.filename)).toEqual(["agenda.pdf"]);
    // The tutor marking the work sees the files that went in with it.
    const record = await ModuleRecord.findOne({ mentorUserId: devUsers.mentor, moduleCode: "M2" }).lean();
    const marking = await api().get(`/api/marking/${record!._id.toString()}`).set(bearer(tutor));
    expect(marking.status).toBe(200);
    expect(marking.body.submission.files).toEqual([
      expect.objectContaining({ id: fileId, filename: "agenda.pdf", mimeType: "application/pdf" }),
    ]);
  });
});

describe("rich text keeps its paragraphs", () => {
  it("stores each paragraph an editable box typed (its <div>s and first bare line) as a paragraph", async () => {
    const res = await api()
      .post("/api/evidence")
      .set(bearer(mentor))
      .send({
        title: "Paragraphs",
        practiceDate: "2026-10-01",
        narrativeHtml: "First line<div>Second <b>para</b></div><div><br></div><div>Third</div>",
        standards: [{ standardCode: "1", descriptorCode: null, note: "" }],
      });
    expect(res.status).toBe(201);
    expect(res.body.narrativeHtml).toBe("<p>First line</p><p>Second <b>para</b></p><p><br /></p><p>Third</p>");
  });
});
