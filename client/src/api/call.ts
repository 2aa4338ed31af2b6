import {
  pathOf,
  type Endpoint,
  type EndpointBodyIn,
  type EndpointParams,
  type EndpointQuery,
  type EndpointResult,
  type JsonEndpoint,
} from "@contracts/endpoint";
import { z } from "zod";
import { apiBlob, apiDownload, apiRequest, type QueryParams } from "./http";

// A part the endpoint does not declare cannot be given; one it declares must be, unless every field in it is optional.
type Part<K extends string, T> = [T] extends [undefined]
  ? { [P in K]?: undefined }
  : undefined extends T
    ? { [P in K]?: T }
    : {} extends T
      ? { [P in K]?: T }
      : { [P in K]: T };

/** What a call gives: the endpoint's params, query and body as its schemas accept them. */
export type CallOptions<E extends Endpoint> = Part<"params", EndpointParams<E>> &
  Part<"query", EndpointQuery<E>> &
  Part<"body", EndpointBodyIn<E>> & { signal?: AbortSignal };

// Everything in the options is optional when nothing is required, so `call(e)` needs no second argument.
type OptionalIfEmpty<E extends Endpoint> =
  {} extends CallOptions<E> ? [options?: CallOptions<E>] : [options: CallOptions<E>];

/**
 * Calls an endpoint of the shared map (`@contracts/<resource>`): the address comes from its path
 * and params (each encoded), the body is typed by its input schema, and the answer is parsed
 * with its output schema. Errors are ApiErrors as from apiRequest (a 401 ends the session).
 *
 * @example call(modulesEndpoints.module, { params: { moduleCode }, signal })
 */
export function call<E extends JsonEndpoint>(
  endpoint: E,
  ...[options]: OptionalIfEmpty<E>
): Promise<EndpointResult<E>> {
  const given = (options ?? {}) as {
    params?: Record<string, unknown>;
    query?: QueryParams;
    body?: unknown;
    signal?: AbortSignal;
  };
  const schema = endpoint.output === "none" ? z.undefined() : endpoint.output;
  return apiRequest(endpoint.method, pathOf(endpoint, given.params), {
    schema,
    query: given.query,
    body: given.body,
    signal: given.signal,
  }) as Promise<EndpointResult<E>>;
}

/** Downloads a file endpoint's answer (a CSV, PDF or export) with the launch token. */
export function download<E extends Endpoint>(
  endpoint: E,
  options: { params?: EndpointParams<E>; query?: EndpointQuery<E>; fallbackName: string; signal?: AbortSignal },
): Promise<void> {
  return apiDownload(pathOf(endpoint, options.params as Record<string, unknown> | undefined), {
    query: options.query as QueryParams | undefined,
    fallbackName: options.fallbackName,
    signal: options.signal,
  });
}

/** A file endpoint's bytes (for a preview in the page), typed as `type` when given. */
export function fetchBlob<E extends Endpoint>(
  endpoint: E,
  options: { params?: EndpointParams<E>; signal?: AbortSignal; type?: string },
): Promise<Blob> {
  return apiBlob(pathOf(endpoint, options.params as Record<string, unknown> | undefined), {
    signal: options.signal,
    type: options.type,
  });
}

/** The address of an endpoint (for a link the browser follows itself, e.g. a public verification page). */
export function addressOf<E extends Endpoint>(endpoint: E, params?: EndpointParams<E>): string {
  return pathOf(endpoint, params as Record<string, unknown> | undefined);
}
