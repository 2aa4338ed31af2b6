import { sessionAbilities as named } from "../contracts/session";
import type { Actor } from "../lti/sessionToken";
import { abilitiesOf } from "./cancan";
import "./index";

/**
 * What the signed-in person may do in their course, answered by the same rules the server
 * enforces (asked about each subject type in general; the compiler checks each pair the contract
 * names is an action declared for that subject), sent so the client shows only what they
 * can use. The server checks each action again on every request; this is for the UI only.
 */
export function sessionAbilities(actor: Actor) {
  return abilitiesOf(actor, named);
}
