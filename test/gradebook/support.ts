import type { RunningTool } from "../../server/src/boot";
import { queueGrade, type GradeToQueue } from "../../server/src/commands/queueGrade";
import { GradebookWorker, type GradebookWorkerOptions } from "../../server/src/gradebook/worker";
import { Registration } from "../../server/src/models/registration";
import { devCourse, devUsers, launchAs } from "../support/launch";
import { startTestTool } from "../support/server";

/** A worker on the test tool with no waiting: zero backoff, short timeouts, its own clock if given. */
export function testWorker(tool: RunningTool, options: GradebookWorkerOptions = {}): GradebookWorker {
  return new GradebookWorker(
    { lti: tool.deps.lti },
    { timeoutMs: 1_000, leaseMs: 10_000, backoff: { baseMs: 0, maxMs: 0 }, ...options },
  );
}

/** The tenant id (registration) of the development platform. */
export async function devTenantId(tool: RunningTool): Promise<string> {
  const reg = await Registration.findOne({ issuer: tool.devPlatform!.issuer }).lean();
  return reg!._id.toString();
}

/** Queues a module mark in the demo course through the real outbox insert. */
export async function markModule(
  tool: RunningTool,
  props: { mentor: string; module: string; score: number; maximum?: number; comment?: string | null; gradedAt?: Date },
): Promise<string> {
  const grade: GradeToQueue = {
    tenantId: await devTenantId(tool),
    contextId: devCourse,
    mentorUserId: props.mentor,
    source: { kind: "module", id: `test-${props.module}-${Math.random()}` },
    lineItem: {
      resourceId: `module:${props.module}`,
      label: `Module ${props.module.slice(1)}`,
      scoreMaximum: props.maximum ?? 100,
    },
    scoreGiven: props.score,
    comment: props.comment ?? null,
    gradedBy: "dev-tutor-1",
    gradedAt: props.gradedAt,
  };
  return queueGrade(grade);
}

/** The line item the platform holds for a resourceId in the demo course. */
export function platformLineItem(tool: RunningTool, resourceId: string) {
  return tool.devPlatform!.gradebook.lineItems(devCourse).filter((li) => li.resourceId === resourceId);
}

/**
 * A test tool whose tests drive delivery themselves (the background jobs are stopped, as they
 * would race assertions), with a tutor launched so the course has its AGS endpoints.
 */
export async function startDrivenTool(env: Record<string, string> = {}): Promise<{ tool: RunningTool; tutor: string }> {
  const tool = await startTestTool(env);
  await tool.gradebook.stop();
  const { token } = await launchAs(tool, { userId: devUsers.tutor });
  return { tool, tutor: token };
}
