import { allow, refuse } from "./cancan";

declare module "./cancan" {
  interface PolicyRegistry {
    /** The tool's background jobs. */
    Job: { subject: never; action: "view" };
  }
}

// Jobs serve the whole tool, not one course, so only programme leads (which LMS administrators are) see them.
allow("lead", "view", "Job");
refuse("Job", "view", "Only a programme lead can see the background jobs.");
