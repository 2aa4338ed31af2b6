import express from "express";
import request from "supertest";
import { describe, expect, it } from "vitest";
import { z } from "zod";
import { errorMiddleware, invalidField, invalidFields } from "./errors";
import { validate } from "./http/validate";

// A command's own checks refuse fields with invalidField(); the answer must read exactly as
// validate()'s own refusals do: one summary sentence, and each field labelled as the form labels it.
const ZMark = z.object({
  score: z.number().int().min(0).describe("Score out of 100"),
  feedback: z.string().describe("Feedback to the mentor"),
});

function appThrowing(refusal: () => Error) {
  const app = express();
  app.use(express.json());
  app.post("/mark", validate({ body: ZMark }), (_req, _res, next) => next(refusal()));
  app.use(errorMiddleware);
  return app;
}

describe("invalidField", () => {
  it("is a 400 labelled from the endpoint's schema, the same shape as validate()'s refusal", async () => {
    const app = appThrowing(() => invalidField("body.score", "must be at most 10"));
    const res = await request(app).post("/mark").send({ score: 12, feedback: "Good" }).expect(400);
    expect(res.body.error).toEqual({
      code: "invalid_input",
      message: "Please check this: Score out of 100 must be at most 10.",
      details: {
        fields: [{ field: "body.score", label: "Score out of 100", message: "Score out of 100 must be at most 10." }],
      },
    });

    const byValidate = await request(app).post("/mark").send({ score: -1, feedback: "Good" }).expect(400);
    expect(Object.keys(byValidate.body.error)).toEqual(Object.keys(res.body.error));
    expect(byValidate.body.error.message).toBe("Please check this: Score out of 100 must be at least 0.");
  });

  it("lists several fields in one sentence, with advice after it", async () => {
    const app = appThrowing(() =>
      invalidFields(
        [
          { field: "body.score", message: "is required" },
          { field: "body.feedback", message: "names a standard twice" },
        ],
        { advice: "Nothing was saved." },
      ),
    );
    const res = await request(app).post("/mark").send({ score: 1, feedback: "x" }).expect(400);
    expect(res.body.error.message).toBe(
      "Please check these: Score out of 100 is required. Feedback to the mentor names a standard twice. Nothing was saved.",
    );
    expect(res.body.error.details.fields.map((f: { label: string }) => f.label)).toEqual([
      "Score out of 100",
      "Feedback to the mentor",
    ]);
  });

  it("keeps a caller's own sentence when given one, and a label the schema cannot give", async () => {
    const app = appThrowing(() =>
      invalidField("body.leadMentorUserId", "choose a lead mentor on this course", {
        label: "Lead mentor",
        summary: "Lead mentor: choose a lead mentor on this course",
      }),
    );
    const res = await request(app).post("/mark").send({ score: 1, feedback: "x" }).expect(400);
    expect(res.body.error.message).toBe("Lead mentor: choose a lead mentor on this course");
    expect(res.body.error.details.fields).toEqual([
      {
        field: "body.leadMentorUserId",
        label: "Lead mentor",
        message: "Lead mentor: choose a lead mentor on this course.",
      },
    ]);
  });

  it("reads sensibly outside a request too (a field's own name in words)", () => {
    expect(invalidField("body.reviewerUserId", "is not a member of the round").message).toBe(
      "Please check this: Reviewer user id is not a member of the round.",
    );
  });
});
