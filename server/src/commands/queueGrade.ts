import { GradeRecord } from "../models/gradeRecord";

/** What a mark sends to the LMS gradebook. */
export interface GradeToQueue {
  tenantId: string;
  contextId: string;
  mentorUserId: string;
  source: { kind: "module" | "portfolio" | "credit"; id: string };
  lineItem: { resourceId: string; label: string; scoreMaximum: number };
  scoreGiven: number;
  comment: string | null;
  gradedBy: string;
  gradedAt?: Date;
}

/**
 * Records a grade and queues it for delivery to the LMS in one insert (the outbox). The
 * gradebook worker delivers it; callers never talk to the LMS themselves.
 */
export async function queueGrade(grade: GradeToQueue): Promise<string> {
  const doc = await GradeRecord.create({ ...grade, gradedAt: grade.gradedAt ?? new Date() });
  return doc._id.toString();
}
