import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunningTool } from "../../server/src/boot";
import { draftRules } from "../../server/src/contracts/drafts";
import { Draft } from "../../server/src/models/draft";
import { addEvidence, badFields, launch, type Launched } from "../portfolio/support";
import { bearer, devUsers, otherCourse } from "../support/launch";
import { startTestTool } from "../support/server";

// #17 item 2: nothing typed is lost. What a person types is kept as a draft (one per person,
// course and form), read back only by them, and forgotten once the real save succeeds.
let tool: RunningTool;
let mentor: Launched;
let mentor2: Launched;
let mentor2Elsewhere: Launched;
let tutor: Launched;

beforeAll(async () => {
  tool = await startTestTool();
  mentor = await launch(tool, devUsers.mentor);
  mentor2 = await launch(tool, devUsers.mentor2);
  mentor2Elsewhere = await launch(tool, devUsers.mentor2, otherCourse);
  tutor = await launch(tool, devUsers.tutor);
});
afterAll(() => tool?.close());

const api = () => request(tool.url);
const form = "evidence:new";
const draftOf = (title: string, narrative: string) => ({
  title,
  fields: [
    { name: "title", label: "Title", value: title },
    { name: "narrativeHtml", label: "Reflective narrative", value: narrative },
  ],
});
const put = (who: Launched, body: unknown, key = form) =>
  api()
    .put(`/api/drafts/${encodeURIComponent(key)}`)
    .set(bearer(who.token))
    .send(body as object);
const load = (who: Launched, key = form) => api().get("/api/drafts").query({ form: key }).set(bearer(who.token));
const draftCount = () => Draft.countDocuments({});

describe("drafts", () => {
  it("need a session", async () => {
    expect((await api().get("/api/drafts")).status).toBe(401);
    expect((await api().put(`/api/drafts/${form}`).send(draftOf("A", "b"))).status).toBe(401);
    expect((await api().delete(`/api/drafts/${form}`)).status).toBe(401);
  });

  it("are kept as the person types, one document per form, replaced by each save, and cleared", async () => {
    const first = await put(mentor, draftOf("Observation of a lesson", "<p>We met on Tuesday.</p>"));
    expect(first.status).toBe(200);
    expect(first.body).toEqual({ formKey: form, savedAt: expect.any(String) });
    const second = await put(
      mentor,
      draftOf("Observation of a lesson", "<p>We met on Tuesday.</p><p>She tried the new seating plan.</p>"),
    );
    expect(second.status).toBe(200);
    expect(await Draft.countDocuments({ userId: mentor.userId, formKey: form })).toBe(1);

    const loaded = await load(mentor);
    expect(loaded.status).toBe(200);
    expect(loaded.body.drafts).toEqual([
      {
        formKey: form,
        title: "Observation of a lesson",
        fields: [
          { name: "title", label: "Title", value: "Observation of a lesson" },
          {
            name: "narrativeHtml",
            label: "Reflective narrative",
            value: "<p>We met on Tuesday.</p><p>She tried the new seating plan.</p>",
          },
        ],
        savedAt: second.body.savedAt,
      },
    ]);

    // Another form of the same person is its own draft.
    const item = await addEvidence(tool, mentor, { title: "Weekly meeting" });
    expect((await put(mentor, draftOf("Weekly meeting", "<p>Edited</p>"), `evidence:${item.id}`)).status).toBe(200);
    expect(
      (await api().get("/api/drafts").set(bearer(mentor.token))).body.drafts
        .map((d: { formKey: string }) => d.formKey)
        .sort(),
    ).toEqual([form, `evidence:${item.id}`].sort());
    // A page's forms are read together: the forms named (repeated), and only those.
    const together = await api()
      .get(`/api/drafts?form=${form}&form=evidence:${item.id}&form=comment:nothing-here`)
      .set(bearer(mentor.token));
    expect(together.status).toBe(200);
    expect(together.body.drafts.map((d: { formKey: string }) => d.formKey).sort()).toEqual(
      [form, `evidence:${item.id}`].sort(),
    );
    const tooMany = await api()
      .get(`/api/drafts?${Array.from({ length: 101 }, (_, i) => `form=comment:e${i}`).join("&")}`)
      .set(bearer(mentor.token));
    expect(tooMany.status).toBe(400);
    expect(tooMany.body.error.message).toContain("Form");
    expect(tooMany.body.error.message).toContain("at most 100 forms");

    // Cleared (the real save succeeded): gone, and clearing again is not an error.
    expect((await api().delete(`/api/drafts/${form}`).set(bearer(mentor.token))).status).toBe(204);
    expect((await load(mentor)).body.drafts).toEqual([]);
    expect((await api().delete(`/api/drafts/${form}`).set(bearer(mentor.token))).status).toBe(204);
    expect((await load(mentor, `evidence:${item.id}`)).body.drafts).toHaveLength(1);
  });

  it("keep only safe formatting in rich text, as the real save does", async () => {
    expect(
      (
        await put(
          mentor,
          draftOf("Script", `<p>Hello<img src=x onerror="alert(1)"></p><script>alert(2)</script>`),
          "evidence:script",
        )
      ).status,
    ).toBe(200);
    const [draft] = (await load(mentor, "evidence:script")).body.drafts;
    expect(draft.fields[1].value).toBe("<p>Hello</p>");
    // Plain boxes are kept exactly as typed (they are shown as text, never as HTML).
    expect(draft.fields[0].value).toBe("Script");
  });

  it("are only their author's: another mentor, a tutor, or the same mentor in another course sees none and cannot clear them", async () => {
    expect((await put(mentor2, draftOf("Mine in course one", "<p>one</p>"))).status).toBe(200);
    expect((await load(mentor, form)).body.drafts).toEqual([]);
    expect((await load(tutor, form)).body.drafts).toEqual([]);
    expect((await load(mentor2Elsewhere, form)).body.drafts).toEqual([]);

    // Their saves and clears touch only their own draft of the same form.
    expect((await put(mentor2Elsewhere, draftOf("Mine in course two", "<p>two</p>"))).status).toBe(200);
    expect((await put(tutor, draftOf("Tutor's", "<p>t</p>"))).status).toBe(200);
    expect((await api().delete(`/api/drafts/${form}`).set(bearer(tutor.token))).status).toBe(204);
    expect((await load(mentor2)).body.drafts.map((d: { title: string }) => d.title)).toEqual(["Mine in course one"]);
    expect((await load(mentor2Elsewhere)).body.drafts.map((d: { title: string }) => d.title)).toEqual([
      "Mine in course two",
    ]);
    expect((await load(tutor)).body.drafts).toEqual([]);

    // Nothing in the request can name someone else: the owner comes from the session only.
    const forged = await put(mentor, { ...draftOf("Forged", "<p>x</p>"), userId: devUsers.mentor2 });
    expect(forged.status).toBe(400);
    expect((await load(mentor2)).body.drafts.map((d: { title: string }) => d.title)).toEqual(["Mine in course one"]);
  });

  it("refuse a draft that is too long with a sentence naming the box, and keep the one before", async () => {
    expect((await put(mentor, draftOf("Long one", "<p>short</p>"), "evidence:long")).status).toBe(200);
    const tooLong = await put(mentor, draftOf("Long one", "x".repeat(draftRules.maxFieldChars + 1)), "evidence:long");
    expect(tooLong.status).toBe(400);
    expect(tooLong.body.error.message).toBe(
      "Please check this: Reflective narrative is too long to keep as a draft: a box can hold 100,000 characters, so please shorten it.",
    );
    expect(badFields(tooLong.body)).toEqual(["body.fields.1.value"]);

    const fields = [0, 1, 2].map((i) => ({ name: `box${i}`, label: `Box ${i}`, value: "y".repeat(90_000) }));
    const tooMuch = await put(mentor, { title: "Long one", fields }, "evidence:long");
    expect(tooMuch.status).toBe(400);
    expect(tooMuch.body.error.message).toContain(
      "a draft can hold 200,000 characters in all and this one has 270,000, so please shorten it.",
    );

    const badKey = await put(mentor, draftOf("x", "y"), "../../evidence");
    expect(badKey.status).toBeGreaterThanOrEqual(400);
    expect(badKey.status).toBeLessThan(500);
    const badForm = await load(mentor, "not a form");
    expect(badForm.status).toBe(400);
    expect(badForm.body.error.message).toBe(
      "Please check this: Form is not a form this tool has: please reload the page.",
    );

    const [kept] = (await load(mentor, "evidence:long")).body.drafts;
    expect(kept.fields[1].value).toBe("<p>short</p>");
  });

  it("are read without writing anything", async () => {
    expect((await put(mentor, draftOf("Read me", "<p>r</p>"), "evidence:read")).status).toBe(200);
    const before = JSON.stringify(await Draft.find({}).sort({ _id: 1 }).lean());
    const count = await draftCount();
    for (const who of [mentor, mentor2, tutor, mentor2Elsewhere]) {
      expect((await api().get("/api/drafts").set(bearer(who.token))).status).toBe(200);
      expect((await load(who, "evidence:read")).status).toBe(200);
      expect((await load(who, "evidence:never-saved")).status).toBe(200);
    }
    expect(await draftCount()).toBe(count);
    expect(JSON.stringify(await Draft.find({}).sort({ _id: 1 }).lean())).toBe(before);
  });

  it("are forgotten by the draft sweep once nobody has touched them for 90 days", async () => {
    expect((await put(mentor, draftOf("Left behind", "<p>old</p>"), "evidence:old")).status).toBe(200);
    expect((await put(mentor, draftOf("Still going", "<p>new</p>"), "evidence:recent")).status).toBe(200);
    await Draft.updateOne(
      { userId: mentor.userId, formKey: "evidence:old" },
      { $set: { savedAt: new Date(Date.now() - 91 * 86_400_000) } },
    );
    const outcome = await tool.jobs.runNow("draft-sweep");
    expect(outcome).toBe("succeeded");
    expect((await load(mentor, "evidence:old")).body.drafts).toEqual([]);
    expect((await load(mentor, "evidence:recent")).body.drafts).toHaveLength(1);
  });
});
