import { describe, expect, expectTypeOf, it } from "vitest";
import { z } from "zod";
import {
  defineEndpoint,
  pathOf,
  type EndpointBodyIn,
  type EndpointParams,
  type EndpointResult,
  type PathParamNames,
} from "./endpoint";

const work = defineEndpoint({
  method: "PUT",
  path: "/api/modules/:moduleCode/activities/:activityCode",
  input: {
    params: z.object({ moduleCode: z.string(), activityCode: z.string() }),
    body: z.object({ completed: z.boolean() }),
  },
  output: z.object({ code: z.string() }),
});
const upload = defineEndpoint({
  method: "POST",
  path: "/api/evidence/:evidenceId/attachments",
  input: { body: "multipart" },
  output: "none",
});

describe("defineEndpoint", () => {
  it("is a frozen definition with its success status (200, or 204 for no answer, unless declared)", () => {
    expect(Object.isFrozen(work)).toBe(true);
    expect(Object.isFrozen(work.input)).toBe(true);
    expect(work.status).toBe(200);
    expect(upload.status).toBe(204);
    expect(defineEndpoint({ method: "POST", path: "/api/x", output: z.object({}), status: 201 }).status).toBe(201);
  });

  it("fills the path's params, each encoded as one segment, and refuses a missing one", () => {
    expect(pathOf(work, { moduleCode: "M 1", activityCode: "a/b" })).toBe("/api/modules/M%201/activities/a%2Fb");
    expect(pathOf({ path: "/api/portfolios/:portfolioId/versions/:number" }, { portfolioId: "p", number: 2 })).toBe(
      "/api/portfolios/p/versions/2",
    );
    expect(() => pathOf(work, { moduleCode: "M1" })).toThrow(/needs its "activityCode"/);
  });

  it("types what a caller gives and gets from the schemas (checked by tsc)", () => {
    expectTypeOf<PathParamNames<"/api/a/:x/b/:y">>().toEqualTypeOf<"x" | "y">();
    expectTypeOf<EndpointParams<typeof work>>().toEqualTypeOf<{ moduleCode: string; activityCode: string }>();
    expectTypeOf<EndpointParams<typeof upload>>().toEqualTypeOf<Record<"evidenceId", string>>();
    expectTypeOf<EndpointBodyIn<typeof work>>().toEqualTypeOf<{ completed: boolean }>();
    expectTypeOf<EndpointBodyIn<typeof upload>>().toEqualTypeOf<FormData>();
    expectTypeOf<EndpointResult<typeof work>>().toEqualTypeOf<{ code: string }>();
  });
});
