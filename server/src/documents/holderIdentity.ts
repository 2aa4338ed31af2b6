import crypto from "node:crypto";

/**
 * An Open Badges 3.0 IdentityHash of an email address: "sha256$" and the hex SHA-256 of the
 * address followed by the salt (both UTF-8), as the spec's IdentityHash type reads. The address is
 * trimmed and lower-cased first, so a verifier who types it with other capitals gets the same hash.
 */
export function emailIdentityHash(email: string, salt: string): string {
  const hex = crypto.createHash("sha256").update(`${email.trim().toLowerCase()}${salt}`, "utf8").digest("hex");
  return `sha256$${hex}`;
}

/** A fresh salt for one certificate's badge: each badge's hash differs, so badges cannot be linked by it. */
export const newBadgeSalt = (): string => crypto.randomBytes(16).toString("hex");

/**
 * What a certificate stores about its holder's email at issue: the salt always, and the hash when
 * the LMS gave an email address (the address itself is not kept on the certificate).
 */
export function holderIdentityAtIssue(email: string | null | undefined): {
  badgeSalt: string;
  holderEmailHash: string | null;
} {
  const badgeSalt = newBadgeSalt();
  const address = email?.trim();
  return { badgeSalt, holderEmailHash: address ? emailIdentityHash(address, badgeSalt) : null };
}
