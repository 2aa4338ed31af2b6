import { allow, can, conceal } from "./cancan";
import type { HoursSubject } from "./hours";

export type TrainingRecordAction = "download" | "import" | "view";

declare module "./cancan" {
  interface PolicyRegistry {
    /** A mentor's training record and the training recognised for them. */
    TrainingRecord: { subject: HoursSubject; action: TrainingRecordAction };
  }
}

// They go with the mentor's hours ledger: whoever may read the ledger downloads and reads them,
// whoever may log hours in it imports; nobody else learns that the mentor exists (404).
allow(
  (actor) => can(actor, "view", "Hours"),
  ["download", "view"],
  "TrainingRecord",
  (actor, subject) => can(actor, "view", "Hours", subject),
);
allow(
  (actor) => can(actor, "log", "Hours"),
  "import",
  "TrainingRecord",
  (actor, subject) => can(actor, "log", "Hours", subject),
);
conceal("TrainingRecord", "That mentor");
