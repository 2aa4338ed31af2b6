import { describe, expect, it } from "vitest";
import { mapLtiRoles } from "./roles";

const M = "http://purl.imsglobal.org/vocab/lis/v2/membership#";

describe("mapLtiRoles", () => {
  it("maps full membership role URIs", () => {
    expect(mapLtiRoles([`${M}Learner`])).toEqual(["mentor"]);
    expect(mapLtiRoles([`${M}Instructor`])).toEqual(["tutor"]);
    expect(mapLtiRoles(["http://purl.imsglobal.org/vocab/lis/v2/membership/Instructor#TeachingAssistant"])).toEqual([
      "tutor",
    ]);
  });

  it("maps institution and system administrators to programme lead", () => {
    expect(mapLtiRoles(["http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator"])).toEqual(["lead"]);
    expect(mapLtiRoles(["http://purl.imsglobal.org/vocab/lis/v2/system/person#Administrator"])).toEqual(["lead"]);
  });

  it("maps short and legacy role names", () => {
    expect(mapLtiRoles(["Learner"])).toEqual(["mentor"]);
    expect(mapLtiRoles(["Instructor"])).toEqual(["tutor"]);
    expect(mapLtiRoles(["urn:lti:role:ims/lis/TeachingAssistant"])).toEqual(["tutor"]);
  });

  it("keeps every role of a user with several, in precedence order", () => {
    expect(
      mapLtiRoles([
        `${M}Learner`,
        `${M}Instructor`,
        "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Administrator",
      ]),
    ).toEqual(["lead", "tutor", "mentor"]);
  });

  it("does not treat unknown roles as any of ours", () => {
    expect(
      mapLtiRoles([`${M}Member`, "http://purl.imsglobal.org/vocab/lis/v2/institution/person#Guest", "Foo"]),
    ).toEqual([]);
  });

  it("maps LTI's Mentor role (full, sub-role, short and legacy forms) to lead mentor, never to our mentor", () => {
    expect(mapLtiRoles([`${M}Mentor`])).toEqual(["leadMentor"]);
    expect(mapLtiRoles(["http://purl.imsglobal.org/vocab/lis/v2/membership/Mentor#Mentor"])).toEqual(["leadMentor"]);
    expect(mapLtiRoles(["Mentor"])).toEqual(["leadMentor"]);
    expect(mapLtiRoles(["urn:lti:role:ims/lis/Mentor"])).toEqual(["leadMentor"]);
    // A lead mentor who is also on the programme (Learner) keeps both; the lead mentor home comes first.
    expect(mapLtiRoles([`${M}Learner`, `${M}Mentor`])).toEqual(["leadMentor", "mentor"]);
  });

  it("honours programme_role=lead_mentor only where the registration trusts custom parameters", () => {
    expect(mapLtiRoles([`${M}Learner`], { programme_role: "lead_mentor" })).toEqual(["mentor"]);
    expect(
      mapLtiRoles([`${M}Learner`], { programme_role: "lead_mentor" }, { trustCustomRoleParameter: false }),
    ).toEqual(["mentor"]);
    expect(mapLtiRoles([`${M}Learner`], { programme_role: "lead_mentor" }, { trustCustomRoleParameter: true })).toEqual(
      ["leadMentor", "mentor"],
    );
    expect(
      mapLtiRoles([`${M}Instructor`], { programme_role: "Lead_Mentor" }, { trustCustomRoleParameter: true }),
    ).toEqual(["tutor", "leadMentor"]);
    // It never makes anyone a programme lead.
    expect(
      mapLtiRoles([`${M}Learner`], { programme_role: "lead_mentor" }, { trustCustomRoleParameter: true }),
    ).not.toContain("lead");
  });

  it("recognises a platform's configured programme-lead role", () => {
    expect(
      mapLtiRoles([`${M}Instructor`, "urn:example:ProgrammeLead"], {}, { leadRole: "urn:example:ProgrammeLead" }),
    ).toEqual(["lead", "tutor"]);
  });

  it("ignores the programme_role=lead custom parameter unless the registration trusts custom parameters", () => {
    expect(mapLtiRoles([`${M}Instructor`], { programme_role: "lead" })).toEqual(["tutor"]);
    expect(mapLtiRoles([`${M}Instructor`], { programme_role: "lead" }, { trustCustomRoleParameter: false })).toEqual([
      "tutor",
    ]);
  });

  it("lets a trusted programme_role=lead promote staff but never a learner", () => {
    const trusted = { trustCustomRoleParameter: true };
    expect(mapLtiRoles([`${M}Instructor`], { programme_role: "lead" }, trusted)).toEqual(["lead", "tutor"]);
    expect(mapLtiRoles([`${M}Learner`], { programme_role: "lead" }, trusted)).toEqual(["mentor"]);
  });

  it("makes staff on the registration's allow-list programme leads, and nobody else", () => {
    const rule = { leadUserIds: ["u-42"] };
    expect(mapLtiRoles([`${M}Instructor`], {}, rule, "u-42")).toEqual(["lead", "tutor"]);
    expect(mapLtiRoles([`${M}Instructor`], {}, rule, "u-43")).toEqual(["tutor"]);
    expect(mapLtiRoles([`${M}Learner`], {}, rule, "u-42")).toEqual(["mentor"]);
  });
});
