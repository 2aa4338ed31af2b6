import crypto from "node:crypto";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startTestTool } from "../../../test/support/server";
import type { RunningTool } from "../boot";
import { AppError } from "../errors";
import { DecisionEntry } from "../models/decisionEntry";
import { appendDecision, type DecisionEvent } from "./decisionRecord";

let tool: RunningTool;
beforeAll(async () => {
  tool = await startTestTool();
});
afterAll(() => tool?.close());

describe("appending to a course's decision record under contention", () => {
  it("gives up with a 409 the person may retry (not a 500), and the retry lands after the others' entries", async () => {
    const course = { tenantId: "t-contention", contextId: `c-${crypto.randomBytes(4).toString("hex")}` };
    const event: DecisionEvent = {
      ...course,
      kind: "moderation",
      actor: { userId: "lead-1", name: "Pat Lead", roles: ["lead"] },
      subject: "round:r1",
    };
    expect((await appendDecision(event)).seq).toBe(1);

    // Other writers have taken the next 60 positions without moving the head yet (as many appends
    // racing would): each attempt of ours finds its position taken, more often than it retries.
    const taken = Array.from({ length: 60 }, (_, i) => ({
      ...course,
      seq: i + 2,
      kind: "moderation",
      actorUserId: "lead-2",
      actorName: "Sam Lead",
      actorRole: "programme lead",
      at: new Date(),
      subject: "round:r2",
      prevHash: "0".repeat(64),
      hash: crypto.randomBytes(32).toString("hex"),
    }));
    await DecisionEntry.insertMany(taken);

    const refused = await appendDecision(event).then(
      () => null,
      (err: unknown) => err,
    );
    expect(refused).toBeInstanceOf(AppError);
    expect(refused).toMatchObject({
      code: "conflict",
      status: 409,
      message: expect.stringMatching(/Please try again\.$/),
    });

    // Trying again, as the message says, succeeds once the head has caught up with the others.
    expect((await appendDecision(event)).seq).toBe(62);
  });
});
