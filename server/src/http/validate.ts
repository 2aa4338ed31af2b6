import type { NextFunction, Request, Response } from "express";
import type { ZodTypeAny } from "zod";
import { invalidFields } from "../errors";
import { instructionFor, labelProblems, type RequestInputs } from "./fieldLabels";

type Parts = { body?: ZodTypeAny; query?: ZodTypeAny; params?: ZodTypeAny };

/**
 * Validates the request's body, query and params with zod and puts the result on req.input.
 * A failure is a 400 naming each bad field as the form labels it (the schemas' `.describe()`,
 * see fieldLabels.ts), before anything is read or written. The schemas stay on the response's
 * locals so that a command's own invalidField()/invalidFields() is labelled the same way.
 */
export function validate<P extends Parts>(parts: P) {
  return (req: Request, res: Response, next: NextFunction) => {
    const inputs: RequestInputs = { schemas: parts, values: { body: req.body, query: req.query, params: req.params } };
    res.locals.requestInputs = inputs;
    const input: Record<string, unknown> = {};
    const problems: Array<{ field: string; message: string }> = [];
    for (const key of ["params", "query", "body"] as const) {
      const schema = parts[key];
      if (!schema) continue;
      const result = schema.safeParse(key === "body" ? (req.body ?? {}) : req[key]);
      if (result.success) input[key] = result.data;
      // One message per field: the first thing to put right.
      else
        for (const issue of result.error.issues)
          if (!problems.some((p) => p.field === [key, ...issue.path].join(".")))
            problems.push({ field: [key, ...issue.path].join("."), message: instructionFor(issue) });
    }
    if (problems.length > 0) {
      return next(invalidFields(labelProblems(inputs, problems)));
    }
    req.input = input;
    next();
  };
}
