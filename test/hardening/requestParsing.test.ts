import http from "node:http";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import request from "supertest";
import type { RunningTool } from "../../server/src/boot";
import { Attachment } from "../../server/src/models/attachment";
import { bearer, devUsers } from "../support/launch";
import { startTestTool } from "../support/server";
import { addEvidence, launch, pngBytes, type Launched } from "../portfolio/support";

// Issue #13, item 1: malformed uploads and every request-parsing error are a 4xx with a sentence, never a 500.

let tool: RunningTool;
let mentor: Launched;
let evidenceId: string;

beforeAll(async () => {
  tool = await startTestTool();
  mentor = await launch(tool, devUsers.mentor);
  evidenceId = (await addEvidence(tool, mentor)).id;
});
afterAll(async () => tool?.close());

const BOUNDARY = "----mp-test-boundary";
const part = (filename: string, body: Buffer | string) =>
  Buffer.concat([
    Buffer.from(
      `--${BOUNDARY}\r\nContent-Disposition: form-data; name="file"; filename="${filename}"\r\nContent-Type: image/png\r\n\r\n`,
      "latin1",
    ),
    Buffer.isBuffer(body) ? body : Buffer.from(body),
    Buffer.from("\r\n"),
  ]);
const closing = Buffer.from(`--${BOUNDARY}--\r\n`);

const upload = (body: Buffer, contentType = `multipart/form-data; boundary=${BOUNDARY}`) =>
  request(tool.url)
    .post(`/api/evidence/${evidenceId}/attachments`)
    .set(bearer(mentor.token))
    .set("Content-Type", contentType)
    .send(body);

/** Asserts a client error with a readable sentence (a capital, words, a full stop), never a stack or a code. */
function expectSentence(res: request.Response, status: number) {
  expect(res.status, JSON.stringify(res.body)).toBe(status);
  expect(res.body.error.message).toMatch(/^[A-Z][^\n]{15,}\.$/);
  expect(res.body.error.message).not.toMatch(/busboy|multipart:|Error:|at \w+ \(/i);
}

describe("POST /api/evidence/:id/attachments with a malformed form", () => {
  it("answers 400 with a sentence for an unterminated form", async () => {
    const res = await upload(Buffer.concat([part("board.png", pngBytes).subarray(0, 120)]));
    expectSentence(res, 400);
    expect(res.body.error.message).toMatch(/form was incomplete or badly formed/);
  });

  it("answers 400 for a form with no boundary, and 415 for a body that is not a form", async () => {
    expectSentence(await upload(Buffer.concat([part("board.png", pngBytes), closing]), "multipart/form-data"), 400);
    const notAForm = await upload(Buffer.from('{"file":"x"}'), "application/json");
    expectSentence(notAForm, 415);
    expect(notAForm.body.error.message).toMatch(/multipart form/);
  });

  it("answers 400 for a line break or a NUL in the file name, and stores nothing", async () => {
    const before = await Attachment.countDocuments({ evidenceId });
    for (const filename of [
      "board\r\n.png",
      "board\n.png",
      "board\u0000.png",
      "evil\r\nContent-Type: text/html\r\n\r\n.png",
    ]) {
      const res = await upload(Buffer.concat([part(filename, pngBytes), closing]));
      expectSentence(res, 400);
    }
    expect(await Attachment.countDocuments({ evidenceId })).toBe(before);
    // The same form with a plain name is accepted: the refusals above are about the name only.
    expect((await upload(Buffer.concat([part("board.png", pngBytes), closing]))).status).toBe(201);
  });

  it("refuses a declared length over the limit before reading the body (413 naming the limit)", async () => {
    const url = new URL(`${tool.url}/api/evidence/${evidenceId}/attachments`);
    // 50 MB is declared and only a few bytes sent: an answer can only come from the declared length.
    const answer = await new Promise<{ status: number; body: string; connection?: string }>((resolve, reject) => {
      const req = http.request(url, {
        method: "POST",
        headers: {
          ...bearer(mentor.token),
          "Content-Type": `multipart/form-data; boundary=${BOUNDARY}`,
          "Content-Length": String(50 * 1024 * 1024),
        },
      });
      req.on("response", (res) => {
        let body = "";
        res.on("data", (c) => (body += c));
        res.on("end", () => resolve({ status: res.statusCode!, body, connection: res.headers.connection }));
      });
      req.on("error", reject);
      req.write(part("huge.png", pngBytes));
    });
    expect(answer.status).toBe(413);
    expect(JSON.parse(answer.body).error.message).toBe("That file is larger than 10 MB. Please attach a smaller file.");
    expect(answer.connection).toBe("close");
  });
});

describe("request-parsing errors elsewhere", () => {
  it("answers 400 with a sentence for a JSON body that does not parse", async () => {
    const res = await request(tool.url)
      .post("/api/evidence")
      .set(bearer(mentor.token))
      .set("Content-Type", "application/json")
      .send('{"title": "unclosed');
    expectSentence(res, 400);
    expect(res.body.error).toMatchObject({ code: "invalid_input", message: "The request body is not valid JSON." });
  });

  it("answers 415 for a character set or compression it does not read, and 413 naming the JSON limit", async () => {
    const charset = await request(tool.url)
      .post("/api/evidence")
      .set(bearer(mentor.token))
      .set("Content-Type", "application/json; charset=klingon")
      .send("{}");
    expectSentence(charset, 415);
    expect(charset.body.error.message).toMatch(/character set we do not read \(klingon\)/);
    const compressed = await request(tool.url)
      .post("/api/evidence")
      .set(bearer(mentor.token))
      .set("Content-Type", "application/json")
      .set("Content-Encoding", "br-nope")
      .send("{}");
    expectSentence(compressed, 415);
    const big = await request(tool.url)
      .post("/api/evidence")
      .set(bearer(mentor.token))
      .set("Content-Type", "application/json")
      .send(JSON.stringify({ title: "x".repeat(1024 * 1024 + 10) }));
    expectSentence(big, 413);
    expect(big.body.error.message).toBe("The request is larger than the 1 MB this address accepts.");
  });

  it("answers 400 for a gzip body that is not gzip", async () => {
    const res = await request(tool.url)
      .post("/api/evidence")
      .set(bearer(mentor.token))
      .set("Content-Type", "application/json")
      .set("Content-Encoding", "gzip")
      .send("not gzip at all");
    expectSentence(res, 400);
  });

  it("answers 4xx with a sentence for URL-encoded forms it cannot read (the LTI door)", async () => {
    const big = await request(tool.url)
      .post("/lti/login")
      .type("form")
      .send(`iss=${"x".repeat(70 * 1024)}`);
    expectSentence(big, 413);
    expect(big.body.error.message).toBe("The request is larger than the 64 KB this address accepts.");
    const charset = await request(tool.url)
      .post("/lti/login")
      .set("Content-Type", "application/x-www-form-urlencoded; charset=klingon")
      .send("iss=x");
    expectSentence(charset, 415);
  });

  it("answers 400 with a sentence for a malformed %-escape in the address and for query values of the wrong shape", async () => {
    const escape = await request(tool.url).get(`/api/evidence/%E0%A4%A`).set(bearer(mentor.token));
    expectSentence(escape, 400);
    expect(escape.body.error.message).toMatch(/malformed %-escape/);
    const query = await request(tool.url).get("/api/evidence?archived[$ne]=x").set(bearer(mentor.token));
    expect(query.status).toBe(400);
    expect(query.body.error.details.fields[0].field).toBe("query.archived");
  });
});
