import { Types } from "mongoose";
import { CourseChange, courseChangeKey, mentorChangeKey } from "../models/courseChange";

type Scope = { tenantId: string; contextId: string };

/**
 * Records that a course's data changed, so its reports and remembered reads are redone on next
 * read. `onlyMentor` names the one mentor whose own records changed (a mentor's own write, their
 * launch); without it the change may touch any mentor's pages (staff and background writes).
 *
 * `changedAt` is a time (the dashboard compares it with when a snapshot was counted); `version`
 * and `mentorsVersion` are new random values on every change, compared for equality, so racing
 * writers and skewed clocks can never leave a reader believing nothing changed.
 */
export async function markCourseChanged(p: { course: Scope; onlyMentor?: string }): Promise<void> {
  const scope = { tenantId: p.course.tenantId, contextId: p.course.contextId };
  const opts = { onlyMentor: p.onlyMentor };
  const changedAt = new Date();
  const version = new Types.ObjectId().toHexString();
  const course = { changedAt, version, ...(opts.onlyMentor ? {} : { mentorsVersion: version }) };
  // Both markers in one round trip (one update command of two statements); each is still its own
  // document, upserted on its own, as when they were two writes sent at once.
  await CourseChange.bulkWrite(
    [
      { updateOne: { filter: { _id: courseChangeKey(scope) }, update: { $set: course }, upsert: true } },
      ...(opts.onlyMentor
        ? [
            {
              updateOne: {
                filter: { _id: mentorChangeKey(scope, opts.onlyMentor) },
                update: { $set: { changedAt, version } },
                upsert: true,
              },
            },
          ]
        : []),
    ],
    { ordered: false },
  );
}
