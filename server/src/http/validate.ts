import type { NextFunction, Request, Response } from "express";
import type { z, ZodTypeAny } from "zod";
import { invalidInput } from "../errors";

type Parts = { body?: ZodTypeAny; query?: ZodTypeAny; params?: ZodTypeAny };
type Input<P extends Parts> = {
  [K in keyof P]: P[K] extends ZodTypeAny ? z.infer<P[K]> : never;
};

/**
 * Validates the request's body, query and params with zod and puts the result on req.input.
 * A failure is a 400 naming each bad field, before anything is read or written.
 */
export function validate<P extends Parts>(parts: P) {
  return (req: Request, _res: Response, next: NextFunction) => {
    const input: Record<string, unknown> = {};
    const problems: Array<{ field: string; message: string }> = [];
    for (const key of ["params", "query", "body"] as const) {
      const schema = parts[key];
      if (!schema) continue;
      const result = schema.safeParse(key === "body" ? req.body ?? {} : req[key]);
      if (result.success) input[key] = result.data;
      else for (const issue of result.error.issues) problems.push({ field: [key, ...issue.path].join("."), message: issue.message });
    }
    if (problems.length > 0) {
      const summary = problems.map((p) => `${p.field}: ${p.message}`).join("; ");
      return next(invalidInput(`Please check: ${summary}`, { fields: problems }));
    }
    req.input = input;
    next();
  };
}

/** The validated input of a request handled after validate(parts). */
export function inputOf<P extends Parts>(req: Request, _parts: P): Input<P> {
  return req.input as Input<P>;
}
