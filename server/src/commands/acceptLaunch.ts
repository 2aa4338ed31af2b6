import type { AcceptedLaunch } from "../lti/port";
import type { Actor } from "../lti/sessionToken";
import { recordLaunch } from "./recordLaunch";
import { recordMentorScope } from "./recordMentorScope";

/**
 * What the tool does with a launch the LTI door accepted (given to the door at boot): records the
 * launch, and for a lead mentor whose launch names their mentees, keeps their caseload in step
 * with the LMS.
 */
export async function acceptLaunch(accepted: AcceptedLaunch): Promise<Actor> {
  const { launch, registration, roles, isDevelopment, mentees } = accepted;
  const actor = await recordLaunch({ launch, registration, roles, isDevelopment });
  if (mentees)
    await recordMentorScope({
      tenantId: actor.tenantId,
      contextId: actor.contextId,
      leadMentorUserId: actor.userId,
      mentorUserIds: mentees,
    });
  return actor;
}
