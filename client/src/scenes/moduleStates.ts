import type { TModuleState } from "@contracts/modules";

/** How each module state reads: words, never colour alone. */
export const moduleStateLabel: Record<TModuleState, string> = {
  locked: "Locked",
  open: "Open",
  in_progress: "In progress",
  submitted: "Submitted",
  returned: "Returned for more work",
  graded: "Graded",
};
