import { allow, refuse } from "./cancan";

declare module "./cancan" {
  interface PolicyRegistry {
    /** The programme the course follows: everyone in the course reads it (no rule needed). */
    Programme: { subject: never; action: "manage" };
  }
}

// A programme lead loads the provider's own programme and sees the versions it has had.
allow("lead", "manage", "Programme");
refuse("Programme", "manage", "Only programme leads can load a programme.");
