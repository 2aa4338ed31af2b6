import { describe, expect, it } from "vitest";
import { buildActor as actor } from "../../../test/support/actor";
import { sessionAbilities } from "./session";

describe("session abilities", () => {
  it("answers each ability the client uses from the rules, for each role", () => {
    expect(sessionAbilities(actor("m", ["mentor"]))).toEqual({
      placeContent: false,
      viewJobs: false,
      manageRounds: false,
      manageProgramme: false,
      exportFundingClaims: false,
      buildPortfolio: true,
      markModules: false,
      viewDashboard: false,
      viewCaseload: false,
      reviewPortfolios: false,
      workOnOwnModules: true,
    });
    expect(sessionAbilities(actor("t", ["tutor"]))).toMatchObject({
      markModules: true,
      exportFundingClaims: false,
      manageRounds: false,
      buildPortfolio: false,
    });
    expect(sessionAbilities(actor("p", ["lead", "tutor"]))).toMatchObject({
      viewJobs: true,
      manageRounds: true,
      manageProgramme: true,
      exportFundingClaims: true,
      viewDashboard: true,
      placeContent: false,
    });
    expect(sessionAbilities(actor("lm", ["leadMentor"]))).toMatchObject({
      viewCaseload: true,
      buildPortfolio: true,
      reviewPortfolios: false,
      workOnOwnModules: false,
      markModules: false,
    });
    expect(sessionAbilities(actor("t", ["tutor"]))).toMatchObject({ reviewPortfolios: true, viewCaseload: false });
    expect(sessionAbilities(actor("t", ["tutor"], { messageType: "LtiDeepLinkingRequest" })).placeContent).toBe(true);
  });
});
