import { allow, refuse } from "./cancan";

declare module "./cancan" {
  interface PolicyRegistry {
    /** The course's hash-chained record of panel and credit decisions. */
    DecisionRecord: { subject: never; action: "read" };
  }
}

allow("lead", "read", "DecisionRecord");
refuse("DecisionRecord", "read", "Only the programme lead reads the decision record.");
