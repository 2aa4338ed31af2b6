import crypto from "node:crypto";
import mongoose from "mongoose";
import request from "supertest";
import { afterAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { AuditRating } from "../../server/src/models/auditRating";
import { defaultProgramme } from "../../server/src/programme/defaultProgramme";
import { bearer, devUsers } from "../support/launch";
import { startTestTool } from "../support/server";
import { launch } from "../portfolio/support";

// One save, one write: the ratings a mentor saves together are one document, so a crash keeps
// all of them or none. Ratings an older version saved one document each are put in that shape
// when the tool starts, and read exactly as before.

const descriptors = defaultProgramme().standards.flatMap((s) =>
  s.descriptors.map((d) => ({ standardCode: s.code, descriptorCode: d.code })),
);

describe("audit ratings", () => {
  const databaseName = `t_ratings_${crypto.randomBytes(6).toString("hex")}`;
  let tool: RunningTool | undefined;
  afterAll(() => tool?.close());
  const restart = async () => {
    await tool?.close();
    tool = await startTestTool({}, { databaseName });
    return tool;
  };
  type Descriptor = { code: string; current: number | null; history: Array<{ value: number; reason: string | null }> };
  const audit = async (token: string) => {
    const res = await request(tool!.url).get("/api/audit").set(bearer(token));
    expect(res.status).toBe(200);
    return new Map(
      (res.body.standards as Array<{ descriptors: Descriptor[] }>)
        .flatMap((s) => s.descriptors)
        .map((d) => [d.code, d]),
    );
  };

  it("saves every rating of one save in one document, and a re-rating in the next", async () => {
    const mentor = await launch(await restart(), devUsers.mentor);
    const all = descriptors.map((d) => ({ descriptor: d.descriptorCode, value: 2 }));
    expect(
      (await request(tool!.url).post("/api/audit/ratings").set(bearer(mentor.token)).send({ ratings: all })).status,
    ).toBe(201);
    const saves = await AuditRating.find({ mentorUserId: mentor.userId }).lean();
    expect(saves).toHaveLength(1);
    expect(saves[0].ratings.map((r) => r.descriptorCode).sort()).toEqual(
      descriptors.map((d) => d.descriptorCode).sort(),
    );

    const first = descriptors[0].descriptorCode;
    const second = descriptors[1].descriptorCode;
    const changed = [
      { descriptor: first, value: 4, reason: "I now plan every meeting." },
      { descriptor: second, value: 3, reason: "Feedback is weekly." },
    ];
    expect(
      (await request(tool!.url).post("/api/audit/ratings").set(bearer(mentor.token)).send({ ratings: changed })).status,
    ).toBe(201);
    expect(await AuditRating.countDocuments({ mentorUserId: mentor.userId })).toBe(2);
    const now = await audit(mentor.token);
    expect(now.get(first)).toMatchObject({
      current: 4,
      history: [
        { value: 4, reason: "I now plan every meeting." },
        { value: 2, reason: null },
      ],
    });
    expect(now.get(descriptors[2].descriptorCode)).toMatchObject({ current: 2, history: [{ value: 2, reason: null }] });
  });

  it("reads ratings saved one document each by an older version, after converting them once at start-up", async () => {
    const mentor2 = await launch(tool!, devUsers.mentor2);
    const versionId = (await AuditRating.findOne({}).lean())!.versionId;
    const old = (
      descriptorCode: string,
      standardCode: string,
      value: number,
      reason: string | null,
      ratedAt: string,
    ) => ({
      tenantId: mentor2.tenantId,
      contextId: mentor2.courseId,
      mentorUserId: mentor2.userId,
      versionId,
      standardCode,
      descriptorCode,
      value,
      reason,
      ratedAt: new Date(ratedAt),
      createdAt: new Date(ratedAt),
      updatedAt: new Date(ratedAt),
    });
    const [a, b] = descriptors;
    await mongoose.connection.db
      .collection("auditratings")
      .insertMany([
        old(a.descriptorCode, a.standardCode, 1, null, "2025-09-01T10:00:00Z"),
        old(b.descriptorCode, b.standardCode, 2, null, "2025-09-01T10:00:00Z"),
        old(a.descriptorCode, a.standardCode, 3, "Observed twice a week.", "2026-01-10T10:00:00Z"),
      ]);

    await restart();
    expect(await AuditRating.countDocuments({ mentorUserId: mentor2.userId, ratings: { $exists: false } })).toBe(0);
    const read = await audit(mentor2.token);
    expect(read.get(a.descriptorCode)).toMatchObject({
      current: 3,
      history: [
        { value: 3, reason: "Observed twice a week." },
        { value: 1, reason: null },
      ],
    });
    expect(read.get(b.descriptorCode)).toMatchObject({ current: 2, history: [{ value: 2, reason: null }] });
    const converted = await mongoose.connection.db
      .collection("auditratings")
      .find({ mentorUserId: mentor2.userId })
      .sort({ _id: 1 })
      .toArray();
    expect(converted.every((d) => !("descriptorCode" in d) && Array.isArray(d.ratings) && d.ratings.length === 1)).toBe(
      true,
    );

    // A second start finds nothing to convert.
    await restart();
    expect(
      await mongoose.connection.db
        .collection("auditratings")
        .find({ mentorUserId: mentor2.userId })
        .sort({ _id: 1 })
        .toArray(),
    ).toEqual(converted);
    expect(await audit(mentor2.token)).toEqual(read);
  });
});
