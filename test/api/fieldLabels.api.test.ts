import { describe, expect, it } from "vitest";
import { defaultProgramme } from "../../server/src/programme/defaultProgramme";
import { bearer } from "../support/launch";
import { completeEntryAudit, useToolWithCast } from "../programme/helpers";

// A 400 names each field as the form labels it and says what to do; the path stays in
// details.fields[].field for the client to put the message beside the right control, but never
// appears in anything a person reads.

const t = useToolWithCast();
type Problem = { field: string; label: string; message: string };
const problemsOf = (body: { error: { details: { fields: Problem[] } } }) => body.error.details.fields;
const path = /\b(body|query|params)\.\w/;

function expectReadable(body: { error: { message: string; details: { fields: Problem[] } } }) {
  expect(body.error.message).not.toMatch(path);
  for (const p of problemsOf(body)) {
    expect(p.message).not.toMatch(path);
    expect(p.message.startsWith(p.label)).toBe(true);
    expect(body.error.message).toContain(p.message);
  }
}

describe("validation messages", () => {
  it("name an evidence form's fields as the form does (web links by line) and say what to do", async () => {
    const res = await t
      .api()
      .post("/api/evidence")
      .set(bearer(t.cast.mentor))
      .send({
        title: "  ",
        practiceDate: "2026-13-45",
        links: [{ url: "https://example.org/ok" }, { url: "not a web address" }],
      });
    expect(res.status).toBe(400);
    expectReadable(res.body);
    const byField = new Map(problemsOf(res.body).map((p) => [p.field, p]));
    expect(byField.get("body.title")).toMatchObject({
      label: "Title",
      message: "Title is required: please give the evidence a title.",
    });
    expect(byField.get("body.practiceDate")).toMatchObject({
      label: "Date of the practice",
      message: "Date of the practice must be a real date.",
    });
    expect(byField.get("body.links.1.url")).toMatchObject({ label: "Web links, line 2" });
    expect(byField.get("body.links.1.url")!.message).toMatch(
      /^Web links, line 2 must be a full web address, starting with https:\/\//,
    );
  });

  it("label checks a command makes after validation (the audit's reason for a change) from the same schema", async () => {
    await completeEntryAudit(t.tool, t.cast.mentor2, 2);
    const res = await t
      .api()
      .post("/api/audit/ratings")
      .set(bearer(t.cast.mentor2))
      .send({
        ratings: [
          { descriptor: "2.4", value: 4 },
          { descriptor: "9.9", value: 3 },
        ],
      });
    expect(res.status).toBe(400);
    expectReadable(res.body);
    expect(problemsOf(res.body)).toEqual([
      {
        field: "body.ratings.0.reason",
        label: "Reason your confidence in 2.4 changed",
        message: "Reason your confidence in 2.4 changed is required when you change a rating.",
      },
      {
        field: "body.ratings.1.descriptor",
        label: "Descriptor 9.9",
        message: "Descriptor 9.9 is not a descriptor of the standards.",
      },
    ]);
  });

  it("turn zod's own wording into instructions, and name query fields in words", async () => {
    const dashboard = await t.api().get("/api/dashboard?academicYear=2026").set(bearer(t.cast.lead));
    expect(dashboard.status).toBe(400);
    expectReadable(dashboard.body);
    expect(problemsOf(dashboard.body)[0]).toMatchObject({
      field: "query.academicYear",
      label: "Academic year",
      message: "Academic year must look like 2026/27.",
    });

    const audit = await t
      .api()
      .post("/api/audit/ratings")
      .set(bearer(t.cast.mentor))
      .send({ ratings: [{ descriptor: "1.1", value: "three" }] });
    expect(audit.status).toBe(400);
    expectReadable(audit.body);
    expect(problemsOf(audit.body)[0]).toMatchObject({
      field: "body.ratings.0.value",
      label: "Your rating of 1.1",
      message: "Your rating of 1.1 must be a number.",
    });
    expect(audit.body.error.message).not.toMatch(/Expected|received/);
  });

  it("name the marking, reflection, narrative and panel round fields as their forms do", async () => {
    const mark = await t
      .api()
      .post("/api/marking/aaaaaaaaaaaaaaaaaaaaaaaa/mark")
      .set(bearer(t.cast.tutor))
      .send({ attempt: 1, outcome: "pass", feedback: " " });
    expect(mark.status).toBe(400);
    expectReadable(mark.body);
    expect(problemsOf(mark.body)).toEqual([
      {
        field: "body.feedback",
        label: "Feedback to the mentor",
        message: "Feedback to the mentor is required: please write feedback for the mentor.",
      },
    ]);
    const reflection = await t
      .api()
      .put("/api/modules/M1/reflection")
      .set(bearer(t.cast.mentor))
      .send({ reflection: 42 });
    expect(reflection.status).toBe(400);
    expect(problemsOf(reflection.body)).toEqual([
      { field: "body.reflection", label: "Module reflection", message: "Module reflection must be text." },
    ]);
    const round = await t
      .api()
      .post("/api/panel/rounds")
      .set(bearer(t.cast.lead))
      .send({ name: "", date: "soon", memberUserIds: [] });
    expect(round.status).toBe(400);
    expectReadable(round.body);
    const labels = problemsOf(round.body).map((p) => p.label);
    expect(labels).toContain("Name");
    expect(labels).toContain("Date the panel meets");
  });

  it("name a problem in an uploaded programme file by where it is in the file", async () => {
    const broken = {
      ...defaultProgramme(),
      version: 2,
      modules: defaultProgramme().modules.map((m, i) => (i === 2 ? { ...m, level: "expert" } : m)),
    };
    const res = await t.api().put("/api/programme").set(bearer(t.cast.lead)).send(broken);
    expect(res.status).toBe(400);
    expectReadable(res.body);
    expect(problemsOf(res.body)).toEqual([
      {
        field: "body.modules.2.level",
        label: "Programme file (at modules.2.level)",
        message: 'Programme file (at modules.2.level) names unknown level "expert".',
      },
    ]);
  });
});
