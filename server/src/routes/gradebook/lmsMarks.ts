import { gradebookEndpoints } from "../../contracts/gradebook";
import type { endpointRouter } from "../../http/endpoint";
import type { Actor } from "../../lti/sessionToken";
import type { GradebookPorts } from "../../gradebook/platformService";
import { listLmsMarks } from "../../gradebook/listLmsMarks";
import { onBehalfOf } from "../../gradebook/platformErrors";
import { readBackCourseMarks } from "../../gradebook/readBackLmsMarks";
import { adoptLmsMark, dismissLmsMark } from "../../gradebook/settleLmsMark";
import { authorize } from "../../policies";
import { courseScope } from "../../policies/scope";

const mayReadResults = (actor: Actor) => authorize(actor, "readResults", "Gradebook");

/**
 * /api/gradebook/lms-marks — marks entered or changed in the LMS gradebook: read back now (the
 * marking page does this when a tutor opens it), list the open ones, adopt one (it becomes the
 * module's mark through marking) or keep the tool's mark instead. Registered on the gradebook router.
 */
export function implementLmsMarks(
  implement: ReturnType<typeof endpointRouter>["implement"],
  ports: GradebookPorts,
): void {
  implement(gradebookEndpoints.lmsMarks, {
    policy: mayReadResults,
    handler: async ({ actor }) => ({ marks: await listLmsMarks(courseScope(actor)) }),
  });

  implement(gradebookEndpoints.readLmsMarks, {
    policy: mayReadResults,
    handler: async ({ actor }) => {
      const { tenantId, contextId } = courseScope(actor);
      const read = await onBehalfOf(() => readBackCourseMarks(ports, tenantId, contextId));
      return { read, marks: await listLmsMarks({ tenantId, contextId }) };
    },
  });

  implement(gradebookEndpoints.adoptLmsMark, {
    policy: mayReadResults,
    handler: async ({ actor, input: { params } }) => {
      await adoptLmsMark({ actor, lmsMarkId: params.id });
      return { status: "adopted" as const };
    },
  });

  implement(gradebookEndpoints.dismissLmsMark, {
    policy: mayReadResults,
    handler: async ({ actor, input: { params } }) => {
      await dismissLmsMark({ actor, lmsMarkId: params.id });
      return { status: "dismissed" as const };
    },
  });
}
