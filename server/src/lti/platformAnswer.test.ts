import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ZAgsLineItem, ZAgsLineItemContainer, ZAgsResultContainer, scoreAnswerOf } from "./ags";
import { ZNrpsMembershipContainer } from "./nrps";
import { answerOf } from "./platformAnswer";
import { PlatformCallError, platformRequest } from "./platformHttp";

// A stand-in platform on a real socket: each path answers with the body the test put there, so
// the tool's own request, JSON reading and answer checking run as they do against an LMS.
const answers = new Map<string, string>();
let server: http.Server;
let base: string;

beforeAll(async () => {
  server = http.createServer((req, res) => {
    const body = answers.get(req.url ?? "");
    if (body === undefined) return void res.writeHead(404).end();
    res.writeHead(200, { "Content-Type": "application/json" }).end(body);
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function answer(path: string, body: unknown) {
  answers.set(path, typeof body === "string" ? body : JSON.stringify(body));
  return platformRequest(`${base}${path}`);
}

async function refusal(run: () => unknown): Promise<PlatformCallError> {
  try {
    await run();
  } catch (err) {
    if (err instanceof PlatformCallError) return err;
    throw err;
  }
  throw new Error("expected the answer to be refused");
}

describe("AGS answers", () => {
  it("reads a line item container as platforms send it, nulls as absent and extra fields dropped", async () => {
    const res = await answer("/lineitems", [
      {
        id: "https://lms.example/li/1",
        label: "Module 1",
        scoreMaximum: 10,
        resourceId: "module:1",
        tag: "mentor-pathways",
        "https://canvas.instructure.com/lti/submission_type": { type: "none" },
      },
      {
        id: "https://lms.example/li/2",
        label: "Audit",
        scoreMaximum: 1,
        resourceId: null,
        tag: null,
        resourceLinkId: null,
      },
    ]);
    expect(answerOf(res, ZAgsLineItemContainer, "list of gradebook columns")).toEqual([
      {
        id: "https://lms.example/li/1",
        label: "Module 1",
        scoreMaximum: 10,
        resourceId: "module:1",
        tag: "mentor-pathways",
        resourceLinkId: undefined,
      },
      {
        id: "https://lms.example/li/2",
        label: "Audit",
        scoreMaximum: 1,
        resourceId: undefined,
        tag: undefined,
        resourceLinkId: undefined,
      },
    ]);
  });

  it("refuses a line item list that is not a list, naming what was wrong", async () => {
    const res = await answer("/lineitems-object", { lineItems: [] });
    const err = await refusal(() => answerOf(res, ZAgsLineItemContainer, "list of gradebook columns"));
    expect(err.kind).toBe("permanent");
    expect(err.message).toMatch(
      /^The VLE's list of gradebook columns is not what LTI Advantage describes \(the answer: /,
    );
  });

  it("refuses a created column without an id or with a score maximum as text", async () => {
    const res = await answer("/lineitem-bad", { label: "Module 1", scoreMaximum: "10" });
    const err = await refusal(() => answerOf(res, ZAgsLineItem, "answer to creating a gradebook column"));
    expect(err.kind).toBe("permanent");
    expect(err.message).toContain("id: Required");
    expect(err.message).toContain("scoreMaximum: Expected number, received string");
  });

  it("reads results, numbering users as text, and refuses a score that is not a number", async () => {
    const ok = await answer("/results", [
      { id: "https://lms.example/r/1", userId: "u1", resultScore: 7, resultMaximum: 10, comment: "Good" },
      { userId: 42, resultScore: null },
    ]);
    expect(answerOf(ok, ZAgsResultContainer, "list of results")).toEqual([
      { userId: "u1", resultScore: 7, resultMaximum: 10, comment: "Good" },
      { userId: "42", resultScore: null, resultMaximum: null, comment: null },
    ]);
    const bad = await answer("/results-bad", [{ userId: "u1", resultScore: "seven" }]);
    const err = await refusal(() => answerOf(bad, ZAgsResultContainer, "list of results"));
    expect(err.message).toContain("0.resultScore: Expected number, received string");
  });

  it("refuses an answer that is not JSON", async () => {
    const res = await answer("/not-json", "<html>Service unavailable</html>");
    const err = await refusal(() => answerOf(res, ZAgsResultContainer, "list of results"));
    expect(err.kind).toBe("permanent");
    expect(err.message).toMatch(/is not JSON/);
  });

  it("takes a score answer's result URL when there is one, and accepts an empty or unexpected answer to an accepted score", async () => {
    expect(scoreAnswerOf(await answer("/score-canvas", { resultUrl: "https://lms.example/r/9" }), "li")).toEqual({
      resultUrl: "https://lms.example/r/9",
    });
    expect(scoreAnswerOf(await answer("/score-empty", ""), "li")).toEqual({ resultUrl: null });
    expect(scoreAnswerOf(await answer("/score-odd", { resultUrl: 9 }), "li")).toEqual({ resultUrl: null });
  });
});

describe("NRPS answers", () => {
  it("reads a membership page: empty fields as absent, missing statuses active, a member without an id kept for the caller to skip", async () => {
    const res = await answer("/members", {
      id: "https://lms.example/memberships",
      context: { id: "c1", title: "Mentoring" },
      members: [
        { user_id: "u1", given_name: "Ada", family_name: "Lovelace", roles: ["Learner"], email: "" },
        { user_id: "u2", name: "Grace Hopper", status: "Inactive", roles: ["Instructor"], lis_person_sourcedid: "S2" },
        { name: "No id" },
      ],
    });
    const page = answerOf(res, ZNrpsMembershipContainer, "member list (page 1)");
    expect(page.members.map((m) => [m.user_id, m.name, m.email, m.status, m.roles])).toEqual([
      ["u1", null, null, "Active", ["Learner"]],
      ["u2", "Grace Hopper", null, "Inactive", ["Instructor"]],
      [null, "No id", null, "Active", []],
    ]);
  });

  it("reads a last page that leaves the member list out as no members", async () => {
    expect(
      answerOf(await answer("/members-empty", { id: "x" }), ZNrpsMembershipContainer, "member list (page 2)").members,
    ).toEqual([]);
  });

  it("refuses a page whose members are not a list, or whose roles are not a list", async () => {
    const notList = await refusal(async () =>
      answerOf(
        await answer("/members-object", { members: { u1: {} } }),
        ZNrpsMembershipContainer,
        "member list (page 1)",
      ),
    );
    expect(notList.message).toMatch(
      /^The VLE's member list \(page 1\) is not what LTI Advantage describes \(members: Expected array, received object\)$/,
    );
    const badRoles = await refusal(async () =>
      answerOf(
        await answer("/members-roles", { members: [{ user_id: "u1", roles: "Learner" }] }),
        ZNrpsMembershipContainer,
        "member list (page 1)",
      ),
    );
    expect(badRoles.message).toContain("members.0.roles: Expected array, received string");
  });
});
