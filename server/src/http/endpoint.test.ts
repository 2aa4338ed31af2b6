import express from "express";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { defineEndpoint } from "../contracts/endpoint";
import { errorMiddleware, forbidden } from "../errors";
import { signSessionToken, type Actor } from "../lti/sessionToken";
import { authenticate } from "./authenticate";
import { endpointRouter } from "./endpoint";

// The framework on a small app of its own, through real HTTP, the real authenticate() and the
// real error middleware: the endpoints below exist only for these tests.
const ltiKey = "k".repeat(40);
const ZThing = z.object({ id: z.string(), size: z.number() });
const things = {
  read: defineEndpoint({
    method: "GET",
    path: "/api/things/:thingId",
    input: { params: z.object({ thingId: z.string().regex(/^\d+$/, "must be a number").describe("Thing") }) },
    output: ZThing,
  }),
  drifted: defineEndpoint({ method: "GET", path: "/api/things/drifted", output: ZThing }),
  mine: defineEndpoint({
    method: "GET",
    path: "/api/things/mine",
    input: { query: z.object({ size: z.coerce.number().int().describe("Size") }) },
    output: ZThing,
  }),
  add: defineEndpoint({
    method: "POST",
    path: "/api/things",
    input: { body: z.object({ id: z.string().min(1).describe("Name") }).strict() },
    output: ZThing,
    status: 201,
  }),
  forget: defineEndpoint({ method: "DELETE", path: "/api/things/:thingId", output: "none" }),
  file: defineEndpoint({ method: "GET", path: "/api/things/:thingId/file", output: "file" }),
};

const actor: Actor = {
  tenantId: "t1",
  issuer: "https://lms.example",
  clientId: "c1",
  deploymentId: "d1",
  userId: "u1",
  name: "Mo Mentor",
  email: null,
  contextId: "course-1",
  contextTitle: "Course",
  contextLabel: null,
  resourceLinkId: null,
  roles: ["mentor"],
  launchId: "l1",
  messageType: "LtiResourceLinkRequest",
  target: null,
  isDevelopment: true,
};

function thingsApp() {
  const publicThings = endpointRouter("/api/things");
  // Public endpoints: writes by nobody in particular mark no course changed, so no database is needed.
  publicThings.implementPublic(things.add, {
    handler: ({ input: { body }, answerWith }) => {
      if (body.id === "again") answerWith(200);
      return { id: body.id, size: 1 };
    },
  });
  publicThings.implementPublic(things.forget, { handler: () => undefined });
  publicThings.implementPublic(things.file, { handler: ({ res }) => void res.type("text/csv").send("a,b\n") });

  const signedIn = endpointRouter("/api/things");
  signedIn.implement(things.drifted, { policy: () => undefined, handler: () => ({ id: "x", size: "big" }) as never });
  signedIn.implement(things.mine, {
    policy: (who, { query }) => {
      if (query.size > 10) throw forbidden("Things that big are not yours.");
      return { owner: who.userId };
    },
    handler: ({ allowed, input: { query } }) => ({ id: allowed.owner, size: query.size }),
  });
  signedIn.implement(things.read, {
    policy: () => undefined,
    // Extra fields are not part of the contract: they never reach the client.
    handler: ({ input: { params } }) => ({ id: params.thingId, size: 3, secret: "not sent" }) as z.input<typeof ZThing>,
  });

  const app = express();
  app.use(express.json());
  // Mounted where their paths say, as routes/index.ts mounts each resource.
  app.use("/api/things", publicThings.router);
  app.use("/api/things", authenticate(ltiKey), signedIn.router);
  app.use(errorMiddleware);
  return app;
}

describe("endpoint framework", () => {
  let app: express.Express;
  let bearer: string;
  beforeAll(async () => {
    app = thingsApp();
    bearer = `Bearer ${await signSessionToken(actor, ltiKey)}`;
    vi.spyOn(console, "error").mockImplementation(() => undefined);
  });
  afterAll(() => vi.restoreAllMocks());

  it("parses the answer with the output schema: fields outside the contract are not sent", async () => {
    const res = await request(app).get("/api/things/42").set("Authorization", bearer).expect(200);
    expect(res.body).toEqual({ id: "42", size: 3 });
  });

  it("refuses bad input with the validate() sentence naming the field, before the policy or handler runs", async () => {
    const res = await request(app).get("/api/things/mine?size=small").set("Authorization", bearer).expect(400);
    expect(res.body.error.code).toBe("invalid_input");
    expect(res.body.error.message).toContain("Size");
  });

  it("gives the handler the typed input and what the policy returned; a policy's refusal is the answer", async () => {
    expect((await request(app).get("/api/things/mine?size=4").set("Authorization", bearer).expect(200)).body).toEqual({
      id: "u1",
      size: 4,
    });
    const refused = await request(app).get("/api/things/mine?size=40").set("Authorization", bearer).expect(403);
    expect(refused.body.error.message).toBe("Things that big are not yours.");
  });

  it("needs a signed-in actor for an implemented endpoint", async () => {
    await request(app).get("/api/things/mine?size=4").expect(401);
  });

  it("answers 500, not the drifted answer, when a handler's answer breaks its contract", async () => {
    const res = await request(app).get("/api/things/drifted").set("Authorization", bearer).expect(500);
    expect(res.body.error.code).toBe("internal");
    expect(JSON.stringify(res.body)).not.toContain("big");
  });

  it("sends the answer unparsed where the app is configured not to check answers (CHECK_ANSWERS=off)", async () => {
    const unchecked = thingsApp();
    unchecked.locals.checkAnswers = false;
    expect((await request(unchecked).get("/api/things/drifted").set("Authorization", bearer).expect(200)).body).toEqual(
      { id: "x", size: "big" },
    );
  });

  it("answers with the declared status, or the one the handler chose; 204 for an endpoint with no answer", async () => {
    expect((await request(app).post("/api/things").send({ id: "new" }).expect(201)).body).toEqual({
      id: "new",
      size: 1,
    });
    await request(app).post("/api/things").send({ id: "again" }).expect(200);
    await request(app).delete("/api/things/7").expect(204);
  });

  it("lets a file endpoint send its own answer", async () => {
    const res = await request(app).get("/api/things/7/file").expect(200);
    expect(res.headers["content-type"]).toMatch(/^text\/csv/);
    expect(res.text).toBe("a,b\n");
  });

  it("refuses to register an endpoint outside the router's mount", () => {
    expect(() => endpointRouter("/api/other").implementPublic(things.forget, { handler: () => undefined })).toThrow(
      /not under \/api\/other/,
    );
  });
});
