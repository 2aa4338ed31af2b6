import fs from "node:fs";
import path from "node:path";
import { describe, expect, it } from "vitest";
import { defaultProgramme, programmesDir } from "../../server/src/programme/defaultProgramme";
import { academicYearOf, capsFor, claimForYear } from "../../server/src/programme/funding";
import { lockedReasons } from "../../server/src/programme/moduleLocks";
import { parseProgramme, ProgrammeError } from "../../server/src/programme/schema";

const shipped = () => JSON.parse(fs.readFileSync(path.join(programmesDir, "default.json"), "utf8"));
const errorOf = (json: unknown) => {
  try {
    parseProgramme(json, "test.json");
  } catch (err) {
    expect(err).toBeInstanceOf(ProgrammeError);
    return (err as Error).message;
  }
  throw new Error("expected the programme to be refused");
};

describe("programme files", () => {
  it("ships a default programme: Modules 1–2 at Entry, 3–6 at Mastery behind 1–2, four standards", () => {
    const p = defaultProgramme();
    expect(p.modules.map((m) => `${m.code}:${m.level}`)).toEqual([
      "M1:entry",
      "M2:entry",
      "M3:mastery",
      "M4:mastery",
      "M5:mastery",
      "M6:mastery",
    ]);
    for (const m of p.modules.slice(2)) expect(m.prerequisites).toEqual(["M1", "M2"]);
    expect(p.standards.map((s) => s.descriptors.length)).toEqual([5, 9, 5, 2]);
    expect(p.funding.rateBands.map((b) => b.pencePerHour)).toEqual([4380, 4510, 4825, 5360]);
    expect(p.qualifications.map((q) => q.code)).toEqual(expect.arrayContaining(["QMS", "QLMS"]));
  });

  it("names the bad field of an invalid file", () => {
    const unknownLevel = shipped();
    unknownLevel.modules[3].level = "expert";
    expect(errorOf(unknownLevel)).toMatch(/test\.json.*\n.*modules\.3\.level names unknown level "expert"/);

    const badPrerequisite = shipped();
    badPrerequisite.modules[2].prerequisites = ["M9"];
    expect(errorOf(badPrerequisite)).toMatch(/modules\.2\.prerequisites\.0 names unknown module "M9"/);

    const noDescriptors = shipped();
    noDescriptors.standards[1].descriptors = [];
    expect(errorOf(noDescriptors)).toMatch(/standards\.1\.descriptors must list at least one descriptor/);

    const badYear = shipped();
    badYear.funding.years[0].academicYear = "2024-25";
    expect(errorOf(badYear)).toMatch(/funding\.years\.0\.academicYear must look like 2025\/26/);

    const badPassMark = shipped();
    badPassMark.modules[2].marking.passMark = 120;
    expect(errorOf(badPassMark)).toMatch(/modules\.2\.marking\.passMark cannot exceed the maximum/);

    const duplicate = shipped();
    duplicate.modules[1].code = "M1";
    expect(errorOf(duplicate)).toMatch(/modules\.1\.code duplicate code "M1"/);

    const missing = shipped();
    delete missing.audit;
    expect(errorOf(missing)).toMatch(/audit Required/i);
  });

  it("explains why a module is locked", () => {
    const p = defaultProgramme();
    const m3 = p.modules[2];
    expect(lockedReasons(p, m3, new Set(["M1"]), new Set(["entry"]))).toEqual([
      "Pass Module 2 first.",
      "Complete your audit before Mastery first.",
    ]);
    expect(lockedReasons(p, m3, new Set(["M1", "M2"]), new Set(["entry", "pre-mastery"]))).toEqual([]);
  });
});

describe("funding rules", () => {
  it("runs academic years from 1 September to 31 August", () => {
    expect(academicYearOf("2024-08-31")).toBe("2023/24");
    expect(academicYearOf("2024-09-01")).toBe("2024/25");
    expect(academicYearOf("2099-12-01")).toBe("2099/00");
  });

  it("never uses another year's caps for a year the programme does not list, and prices in whole pence", () => {
    const p = defaultProgramme();
    expect(capsFor(p, "2030/31")).toBeNull();
    expect(claimForYear(p, "2030/31", [{ hours: 3, kind: "initial" }], "fringe")).toMatchObject({
      fundingSet: false,
      claimableHours: 0,
      unfundedHours: 3,
      amountPence: null,
      rateBand: { pencePerHour: null },
    });
    expect(capsFor(p, "2024/25")?.initialCapHours).toBe(20);
    expect(capsFor(p, "2025/26")).toEqual({ initialCapHours: 16, refresherCapHours: 6 });
    const claim = claimForYear(
      p,
      "2025/26",
      [
        { hours: 16.25, kind: "initial" },
        { hours: 0.25, kind: "refresher" },
      ],
      "fringe",
    );
    expect(claim).toMatchObject({ claimableHours: 16.25, amountPence: Math.round(16.25 * 4510) });
    expect(claimForYear(p, "2025/26", [], "unknown-band").rateBand.code).toBe("national");
  });
});

// The module, audit and hours policies are tested beside them: server/src/policies/{module,audit,hours}.test.ts.
