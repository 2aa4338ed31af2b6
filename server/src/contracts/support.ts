import {
  ZMentorParams,
  ZMySupport,
  ZSupportAssign,
  ZSupportAssignSchool,
  ZSupportAssigned,
  ZSupportList,
} from "./caseload";
import { defineEndpoint } from "./endpoint";

/**
 * /api/support — who supports each mentor (lead mentor, link tutor, coordinating mentor):
 * programme leads assign them by mentor or by school; a mentor reads their own.
 */
export const supportEndpoints = {
  list: defineEndpoint({ method: "GET", path: "/api/support", output: ZSupportList }),
  assign: defineEndpoint({
    method: "PUT",
    path: "/api/support/mentors/:mentorUserId",
    input: { params: ZMentorParams, body: ZSupportAssign },
    output: ZSupportAssigned,
  }),
  assignSchool: defineEndpoint({
    method: "POST",
    path: "/api/support/schools",
    input: { body: ZSupportAssignSchool },
    output: ZSupportAssigned,
  }),
  mine: defineEndpoint({ method: "GET", path: "/api/support/mine", output: ZMySupport }),
};
