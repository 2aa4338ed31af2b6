import type { Request } from "express";
import { badRequest } from "./errors.js";

/**
 * Pages a list the way AGS and NRPS do: `limit` and `page` query parameters, and an RFC 8288
 * Link header whose rel="next" the tool must follow to get everything.
 */
export function paginate<T>(
  items: T[],
  req: Request,
  baseUrl: string,
  defaultLimit: number,
): { page: T[]; link?: string } {
  const limit = positiveInt(req.query.limit, "limit") ?? defaultLimit;
  const pageNumber = positiveInt(req.query.page, "page") ?? 1;
  const lastPage = Math.max(1, Math.ceil(items.length / limit));
  const page = items.slice((pageNumber - 1) * limit, pageNumber * limit);

  const urlFor = (n: number) => {
    const url = new URL(baseUrl);
    for (const [key, value] of Object.entries(req.query)) {
      if (typeof value === "string" && key !== "page") url.searchParams.set(key, value);
    }
    url.searchParams.set("limit", String(limit));
    url.searchParams.set("page", String(n));
    return url.toString();
  };
  const links = [`<${urlFor(1)}>; rel="first"`, `<${urlFor(lastPage)}>; rel="last"`];
  if (pageNumber > 1) links.push(`<${urlFor(Math.min(pageNumber - 1, lastPage))}>; rel="prev"`);
  if (pageNumber < lastPage) links.push(`<${urlFor(pageNumber + 1)}>; rel="next"`);
  return { page, link: links.join(", ") };
}

function positiveInt(value: unknown, name: string): number | undefined {
  if (value === undefined) return undefined;
  const n = typeof value === "string" && /^\d+$/.test(value) ? Number(value) : NaN;
  if (!Number.isSafeInteger(n) || n < 1) throw badRequest("invalid_request", `${name} must be a positive whole number`);
  return n;
}
