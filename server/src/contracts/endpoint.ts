import type { z, ZodTypeAny } from "zod";

/**
 * An endpoint is one definition: method, path, input schemas and output schema, shared by the
 * server (which implements it, server/src/http/endpoint.ts) and the client (which calls it,
 * client/src/api/call.ts). Imports only zod, so the client bundles it.
 *
 * Each resource's contract file exports its endpoints as one map, e.g.
 * `export const draftsEndpoints = { list: defineEndpoint({...}), save: ..., discard: ... }`.
 */

export type EndpointMethod = "GET" | "POST" | "PUT" | "PATCH" | "DELETE";

/**
 * What an answer that is not a JSON document is: "file" (a download: CSV, PDF, JSON file, image),
 * "none" (204, no body), "redirect", "text" (another media type the handler sends itself, e.g. a
 * signed credential). The handler sends these itself; a zod schema means a JSON answer that is
 * parsed against it before it goes out.
 */
export type EndpointAnswerKind = "file" | "none" | "redirect" | "text";
export type EndpointOutput = ZodTypeAny | EndpointAnswerKind;

/** A request body: JSON parsed with a schema, or a multipart upload read by the handler's own middleware. */
export type EndpointBody = ZodTypeAny | "multipart";

export interface EndpointInput {
  params?: ZodTypeAny;
  query?: ZodTypeAny;
  body?: EndpointBody;
}

export interface Endpoint<
  M extends EndpointMethod = EndpointMethod,
  P extends string = string,
  I extends EndpointInput = EndpointInput,
  O extends EndpointOutput = EndpointOutput,
> {
  readonly method: M;
  /** The full address under the server's root, e.g. "/api/modules/:moduleCode". */
  readonly path: P;
  readonly input: I;
  readonly output: O;
  /** The status of a successful answer: 200 unless declared (201 for a creation; 204 for output "none"). */
  readonly status: number;
}

/** Declares an endpoint. The object is frozen: a definition is read, never changed. */
export function defineEndpoint<
  M extends EndpointMethod,
  P extends string,
  O extends EndpointOutput,
  I extends EndpointInput = {},
>(definition: { method: M; path: P; input?: I; output: O; status?: number }): Endpoint<M, P, I, O> {
  const input = Object.freeze({ ...(definition.input ?? {}) }) as I;
  const status = definition.status ?? (definition.output === "none" ? 204 : 200);
  return Object.freeze({ method: definition.method, path: definition.path, input, output: definition.output, status });
}

/** The names of a path's `:params`: "/api/a/:x/b/:y" → "x" | "y". */
export type PathParamNames<P extends string> = P extends `${string}:${infer Name}/${infer Rest}`
  ? Name | PathParamNames<`/${Rest}`>
  : P extends `${string}:${infer Name}`
    ? Name
    : never;

type SchemaPart<S, Io extends "in" | "out"> = S extends ZodTypeAny
  ? Io extends "in"
    ? z.input<S>
    : z.output<S>
  : undefined;

/** The params a caller gives: the params schema's input, else a string per `:name` in the path. */
export type EndpointParams<E extends Endpoint> = E["input"]["params"] extends ZodTypeAny
  ? z.input<E["input"]["params"]>
  : [PathParamNames<E["path"]>] extends [never]
    ? undefined
    : Record<PathParamNames<E["path"]>, string>;
export type EndpointQuery<E extends Endpoint> = SchemaPart<E["input"]["query"], "in">;
/** A JSON body as the schema accepts it; a multipart upload as FormData. */
export type EndpointBodyIn<E extends Endpoint> = E["input"]["body"] extends "multipart"
  ? FormData
  : SchemaPart<E["input"]["body"], "in">;

/** What the server's handler reads: each declared part as its schema parsed it. */
export type EndpointParsedInput<E extends Endpoint> = {
  params: SchemaPart<E["input"]["params"], "out">;
  query: SchemaPart<E["input"]["query"], "out">;
  body: E["input"]["body"] extends ZodTypeAny ? z.output<E["input"]["body"]> : undefined;
};

/** The JSON answer as the output schema accepts it (what a handler returns) and as it parses (what a caller gets). */
export type EndpointResultIn<E extends Endpoint> = E["output"] extends ZodTypeAny ? z.input<E["output"]> : void;
export type EndpointResult<E extends Endpoint> = E["output"] extends ZodTypeAny ? z.output<E["output"]> : void;

/** A JSON endpoint (or one answering 204), which `call()` can call; file downloads go through `download()`. */
export type JsonEndpoint = Endpoint<EndpointMethod, string, EndpointInput, ZodTypeAny | "none">;

/**
 * The endpoint's address with its params filled in, each encoded as one path segment:
 * pathOf(modulesEndpoints.module, { moduleCode: "M 1" }) → "/api/modules/M%201".
 */
export function pathOf(endpoint: Pick<Endpoint, "path">, params?: Record<string, unknown>): string {
  return endpoint.path.replace(/:([A-Za-z_][A-Za-z0-9_]*)/g, (_match, name: string) => {
    const value = params?.[name];
    if (value === undefined || value === null || value === "")
      throw new TypeError(`${endpoint.path} needs its "${name}"`);
    return encodeURIComponent(String(value));
  });
}
