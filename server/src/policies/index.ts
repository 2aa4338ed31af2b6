/**
 * The policies: every rule is declared with allow()/forbid() in the file of the thing it is about,
 * and asked through can(), authorize() and scopeFor() from here (importing this module loads
 * every rule file, so no rule is missing when a question is asked).
 */
import "./audit";
import "./certificate";
import "./credit";
import "./decisionRecord";
import "./evidence";
import "./gradebook";
import "./hours";
import "./job";
import "./mentor";
import "./mentorWork";
import "./module";
import "./panel";
import "./portfolio";
import "./profile";
import "./programme";
import "./recognisedTraining";
import "./recordSheet";

export { authorize, can, matchesNothing, scopeFor, type ActionOf, type SubjectOf, type SubjectType } from "./cancan";
