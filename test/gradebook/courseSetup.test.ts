import request from "supertest";
import { afterAll, beforeAll, describe, expect, it, vi } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { jobNames } from "../../server/src/jobs/jobNames";
import { CourseSetup } from "../../server/src/models/courseSetup";
import { LineItem } from "../../server/src/models/lineItem";
import { bearer, devCourse, devUsers, launchAs } from "../support/launch";
import { startTestTool } from "../support/server";

// #17 item 9: a tutor's first visit finds the LMS gradebook's module columns and the whole class,
// before any mark, through the course-setup job the first staff launch wakes.
let tool: RunningTool;

beforeAll(async () => {
  tool = await startTestTool({}, { gradebook: { setUpCoursesOnLaunch: true } });
});
afterAll(() => tool?.close());

const columnsInLms = () => tool.devPlatform!.gradebook.lineItems(devCourse);
const setUpDone = async () => {
  const setup = await CourseSetup.findOne({ contextId: devCourse }).lean();
  expect(setup?.lastError ?? null).toBeNull();
  expect(setup?.doneAt).toBeInstanceOf(Date);
  return setup!;
};

describe("the first staff launch in a course", () => {
  it("makes the module columns in the LMS and pulls the roster, so the mentor list has the roster-only mentor", async () => {
    // A mentor's launch sets nothing up: the LMS offers services to staff launches.
    await launchAs(tool, { userId: devUsers.mentor });
    expect(columnsInLms()).toHaveLength(0);

    const { token: tutor } = await launchAs(tool, { userId: devUsers.tutor });
    await vi.waitFor(setUpDone, { timeout: 30_000, interval: 100 });

    const columns = columnsInLms();
    const ids = columns.map((c) => c.resourceId);
    expect(ids).toEqual(expect.arrayContaining(["module:M1", "module:M3", "portfolio:MASTERY"]));
    expect(new Set(ids).size).toBe(ids.length);
    expect(columns.every((c) => c.tag === "mentor-pathways")).toBe(true);
    // Columns the tool knows are the ones the LMS holds.
    const lineItems = await request(tool.url).get("/api/gradebook/line-items").set(bearer(tutor));
    expect(lineItems.status).toBe(200);
    expect(lineItems.body.lineItems.every((li: { isInLms: boolean }) => li.isInLms)).toBe(true);

    // Priya Shah is on the LMS roster only: she has never opened the tool.
    const mentors = await request(tool.url).get("/api/mentors").set(bearer(tutor));
    expect(mentors.status).toBe(200);
    expect(mentors.body.mentors.map((m: { id: string }) => m.id)).toEqual(
      expect.arrayContaining(["dev-mentor-3", "dev-mentor-7", devUsers.mentor]),
    );
  });

  it("is asked for once per course: later staff launches and a repeated set-up never duplicate a column", async () => {
    const before = columnsInLms().length;
    expect(before).toBeGreaterThan(0);
    await launchAs(tool, { userId: devUsers.lead });
    await launchAs(tool, { userId: devUsers.tutor });
    expect(await CourseSetup.countDocuments({ contextId: devCourse })).toBe(1);

    // Set up again with the tool's column cache gone (a fresh install on the same LMS course):
    // the columns are found by resource id, not made again.
    await LineItem.deleteMany({ contextId: devCourse });
    await CourseSetup.updateOne({ contextId: devCourse }, { $set: { doneAt: null } });
    expect(await tool.jobs.runNow(jobNames.courseSetup)).toBe("succeeded");
    await setUpDone();
    expect(columnsInLms()).toHaveLength(before);
    expect(await LineItem.countDocuments({ contextId: devCourse })).toBe(before);
  });
});
