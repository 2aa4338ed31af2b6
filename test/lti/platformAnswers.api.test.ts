import http from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { PlatformCallError } from "../../server/src/lti/platformHttp";
import type { PlatformServices } from "../../server/src/lti/port";
import { startTestTool } from "../support/server";

// Issue #18 item 5: what a platform answers is checked, through the port, before the tool acts on
// it. A stand-in LMS on a real socket issues tokens and answers the services with whatever the test
// sets; the tool registers it and calls it as it calls any platform (signed client assertion, token).
let tool: RunningTool;
let lms: http.Server;
let base: string;
let services: PlatformServices;
const answers = new Map<string, unknown>();
const tokenRequests: URLSearchParams[] = [];

beforeAll(async () => {
  lms = http.createServer((req, res) => {
    let body = "";
    req.on("data", (c) => (body += c));
    req.on("end", () => {
      if (req.url === "/token") {
        tokenRequests.push(new URLSearchParams(body));
        return void res
          .writeHead(200, { "Content-Type": "application/json" })
          .end(JSON.stringify({ access_token: "stand-in-token", expires_in: 3600 }));
      }
      if (req.headers.authorization !== "Bearer stand-in-token") return void res.writeHead(401).end();
      const answer = answers.get(req.url?.split("?")[0] ?? "");
      if (answer === undefined) return void res.writeHead(404).end();
      res.writeHead(200, { "Content-Type": "application/json" }).end(JSON.stringify(answer));
    });
  });
  await new Promise<void>((resolve) => lms.listen(0, "127.0.0.1", resolve));
  base = `http://127.0.0.1:${(lms.address() as AddressInfo).port}`;
  tool = await startTestTool();
  const platform = { issuer: `${base}/lms`, clientId: "stand-in-client" };
  await tool.deps.lti.registerPlatform(
    {
      name: "Stand-in LMS",
      lms: "other",
      ...platform,
      authLoginUrl: `${base}/auth`,
      accessTokenUrl: `${base}/token`,
      jwksUrl: `${base}/jwks`,
      deploymentIds: ["1"],
    },
    "file",
  );
  services = tool.deps.lti.services(platform, { timeoutMs: 5_000 });
});

afterAll(async () => {
  await tool?.close();
  await new Promise<void>((resolve) => lms?.close(() => resolve()));
});

async function refusal(run: () => Promise<unknown>): Promise<PlatformCallError> {
  const err = await run().then(
    () => null,
    (e: unknown) => e,
  );
  expect(err).toBeInstanceOf(PlatformCallError);
  return err as PlatformCallError;
}

describe("answers from a platform, through the LTI port", () => {
  it("reads well-formed line items, results and members", async () => {
    answers.set("/lineitems", [
      { id: `${base}/lineitems/1`, label: "Module 1", scoreMaximum: 10, resourceId: "M1", tag: null },
    ]);
    answers.set("/lineitems/1/results", [{ userId: "u1", resultScore: 8, resultMaximum: 10 }]);
    answers.set("/memberships", {
      id: `${base}/memberships`,
      context: { id: "c1" },
      members: [{ user_id: "u1", given_name: "Ada", family_name: "Lovelace", roles: ["Learner"] }],
    });

    expect(await services.lineItems.list(`${base}/lineitems`)).toEqual([
      {
        id: `${base}/lineitems/1`,
        label: "Module 1",
        scoreMaximum: 10,
        resourceId: "M1",
        tag: undefined,
        resourceLinkId: undefined,
      },
    ]);
    expect(await services.scores.results(`${base}/lineitems/1`)).toEqual([
      { userId: "u1", resultScore: 8, resultMaximum: 10, comment: null },
    ]);
    expect(await services.members.list(`${base}/memberships`)).toEqual({
      pages: 1,
      members: [
        {
          userId: "u1",
          name: "Ada Lovelace",
          email: null,
          sourcedId: null,
          givenName: "Ada",
          familyName: "Lovelace",
          roles: ["Learner"],
          status: "Active",
        },
      ],
    });
    // The tool authenticated as itself, with a signed assertion, as it does with a real LMS.
    expect(tokenRequests.at(-1)?.get("client_assertion_type")).toBe(
      "urn:ietf:params:oauth:client-assertion-type:jwt-bearer",
    );
  });

  it("refuses a malformed line item list, result list or member list with a permanent error naming the field", async () => {
    answers.set("/bad/lineitems", [{ id: `${base}/lineitems/1`, label: "Module 1", scoreMaximum: "ten" }]);
    answers.set("/bad/lineitems/1/results", { results: [] });
    answers.set("/bad/memberships", { members: [{ user_id: "u1", roles: "Learner" }] });

    const lineItems = await refusal(() => services.lineItems.list(`${base}/bad/lineitems`));
    expect(lineItems.kind).toBe("permanent");
    expect(lineItems.message).toBe(
      "The VLE's list of gradebook columns is not what LTI Advantage describes (0.scoreMaximum: Expected number, received string)",
    );

    const results = await refusal(() => services.scores.results(`${base}/bad/lineitems/1`));
    expect(results.kind).toBe("permanent");
    expect(results.message).toBe(
      "The VLE's list of results is not what LTI Advantage describes (the answer: Expected array, received object)",
    );

    const members = await refusal(() => services.members.list(`${base}/bad/memberships`));
    expect(members.kind).toBe("permanent");
    expect(members.message).toBe(
      "The VLE's member list (page 1) is not what LTI Advantage describes (members.0.roles: Expected array, received string)",
    );
  });
});
