import type { LtiPort, PlatformServices } from "../lti/port";
import { Registration } from "../models/registration";
import { Course } from "../models/course";
import { PlatformCallError } from "../lti/platformHttp";

/** What gradebook code needs to reach a platform: the LTI port's services and how patient to be. */
export interface GradebookPorts {
  lti: Pick<LtiPort, "services">;
  timeoutMs?: number;
}

/** The platform's services for a tenant (a Registration id). */
export async function serviceForTenant(ports: GradebookPorts, tenantId: string): Promise<PlatformServices> {
  const reg = await Registration.findById(tenantId, { issuer: 1, clientId: 1 }).lean();
  if (!reg)
    throw new PlatformCallError("permanent", "The VLE registration this course came from no longer exists", null);
  return ports.lti.services(reg, { timeoutMs: ports.timeoutMs });
}

/** The course's AGS line items container, as its latest instructor launch gave it. */
export async function lineItemsUrlOf(tenantId: string, contextId: string): Promise<string> {
  const course = await Course.findOne({ tenantId, contextId }, { agsLineItemsUrl: 1 }).lean();
  if (!course?.agsLineItemsUrl) {
    throw new PlatformCallError(
      "permanent",
      "The VLE has not given this course a gradebook service yet: a tutor needs to open Mentor Pathways from the course once.",
      null,
    );
  }
  return course.agsLineItemsUrl;
}
