import { allow, forbid, refuse } from "./cancan";
import { isOwnWork, ownWork, ownWorkRefusals, type OwnedSubject } from "./ownWork";
import { isStaff } from "./scope";

declare module "./cancan" {
  interface PolicyRegistry {
    Certificate: { subject: OwnedSubject & { contextId?: string }; action: "read" | "revoke" };
  }
}

// Staff of the course see all of its certificates, anyone else only their own; lists and single
// reads go through scopeFor(actor, "read", "Certificate"), so anything else is not found (404).
allow(isStaff, "read", "Certificate");
allow("anyone", "read", "Certificate", ownWork);

// Revoking a certificate is the programme lead's call, never on their own.
allow("lead", "revoke", "Certificate");
forbid("lead", "revoke", "Certificate", isOwnWork, ownWorkRefusals.revoke);
refuse("Certificate", "revoke", "Only a programme lead can revoke a certificate.");
