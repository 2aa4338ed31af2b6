import { SCOPES, withAccessToken, type PlatformService } from "./accessToken";
import { nextLink, platformRequest } from "./platformHttp";

/**
 * LTI Assignment and Grade Services 2.0: line items, scores and results. Our own HTTP rather
 * than ltijs's Grade service, which has no timeouts and throws bare strings.
 */

const MEDIA = {
  lineItem: "application/vnd.ims.lis.v2.lineitem+json",
  lineItemContainer: "application/vnd.ims.lis.v2.lineitemcontainer+json",
  score: "application/vnd.ims.lis.v1.score+json",
  resultContainer: "application/vnd.ims.lis.v2.resultcontainer+json",
} as const;

// Cap on pages followed, so a platform with a looping Link header cannot hold a worker for ever.
const MAX_PAGES = 200;

/** A gradebook column as the platform describes it. */
export interface AgsLineItem {
  id: string;
  label: string;
  scoreMaximum: number;
  resourceId?: string;
  tag?: string;
  resourceLinkId?: string;
}

export interface AgsLineItemInput {
  label: string;
  scoreMaximum: number;
  resourceId: string;
  tag: string;
  resourceLinkId?: string;
}

/** Canvas's extension on a score: the submission it reports (Canvas "LTI Advantage: AGS" docs). */
export const CANVAS_SUBMISSION_EXTENSION = "https://canvas.instructure.com/lti/submission";

/**
 * A score publish (application/vnd.ims.lis.v1.score+json): a mark (Completed/FullyGraded with a
 * score), or progress without a score (Submitted/PendingManual, InProgress/Pending).
 */
export interface AgsScore {
  userId: string;
  scoreGiven?: number;
  scoreMaximum?: number;
  comment?: string;
  timestamp: string;
  activityProgress: "Completed" | "Submitted" | "InProgress";
  gradingProgress: "FullyGraded" | "PendingManual" | "Pending";
  submission?: { submittedAt?: string };
  [CANVAS_SUBMISSION_EXTENSION]?: { new_submission?: boolean; submitted_at?: string };
}

/** One user's current cell in a line item, as the platform shows it. */
export interface AgsResult {
  userId: string;
  resultScore: number | null;
  resultMaximum: number | null;
  comment: string | null;
}

/** Adds a path segment to a service URL, keeping its query (Canvas and others put one there). */
function appendPath(url: string, segment: string): string {
  const u = new URL(url);
  u.pathname = `${u.pathname.replace(/\/+$/, "")}/${segment}`;
  return u.toString();
}

function withQuery(url: string, query: Record<string, string | undefined>): string {
  const u = new URL(url);
  for (const [k, v] of Object.entries(query)) if (v !== undefined) u.searchParams.set(k, v);
  return u.toString();
}

async function getAllPages<T>(svc: PlatformService, scope: string, firstUrl: string, accept: string, pick: (body: unknown) => T[]): Promise<T[]> {
  const all: T[] = [];
  let url: string | null = firstUrl;
  for (let page = 0; url && page < MAX_PAGES; page++) {
    const pageUrl: string = url;
    const res = await withAccessToken(svc, scope, (token) =>
      platformRequest(pageUrl, { headers: { Authorization: `Bearer ${token}`, Accept: accept }, timeoutMs: svc.timeoutMs }),
    );
    all.push(...pick(res.json()));
    url = nextLink(res.headers);
  }
  return all;
}

/** Line items in the container, filtered by the platform on resource_id and/or tag; all pages. */
export function listLineItems(svc: PlatformService, lineItemsUrl: string, filter: { resourceId?: string; tag?: string } = {}): Promise<AgsLineItem[]> {
  const url = withQuery(lineItemsUrl, { resource_id: filter.resourceId, tag: filter.tag });
  return getAllPages(svc, SCOPES.lineItem, url, MEDIA.lineItemContainer, (body) => (Array.isArray(body) ? (body as AgsLineItem[]) : []));
}

export async function createLineItem(svc: PlatformService, lineItemsUrl: string, input: AgsLineItemInput): Promise<AgsLineItem> {
  const res = await withAccessToken(svc, SCOPES.lineItem, (token) =>
    platformRequest(lineItemsUrl, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": MEDIA.lineItem, Accept: MEDIA.lineItem },
      body: JSON.stringify(input),
      timeoutMs: svc.timeoutMs,
    }),
  );
  return res.json<AgsLineItem>();
}

export async function deleteLineItem(svc: PlatformService, lineItemUrl: string): Promise<void> {
  await withAccessToken(svc, SCOPES.lineItem, (token) =>
    platformRequest(lineItemUrl, { method: "DELETE", headers: { Authorization: `Bearer ${token}` }, timeoutMs: svc.timeoutMs }),
  );
}

/** Publishes one score to a line item (POST {lineitem}/scores). */
export async function postScore(svc: PlatformService, lineItemUrl: string, score: AgsScore): Promise<void> {
  await withAccessToken(svc, SCOPES.score, (token) =>
    platformRequest(appendPath(lineItemUrl, "scores"), {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": MEDIA.score },
      body: JSON.stringify(score),
      timeoutMs: svc.timeoutMs,
    }),
  );
}

/** The platform's current results for a line item; all pages. */
export function listResults(svc: PlatformService, lineItemUrl: string): Promise<AgsResult[]> {
  return getAllPages(svc, SCOPES.resultReadonly, appendPath(lineItemUrl, "results"), MEDIA.resultContainer, (body) =>
    (Array.isArray(body) ? body : []).map((r: Record<string, unknown>) => ({
      userId: String(r.userId),
      resultScore: typeof r.resultScore === "number" ? r.resultScore : null,
      resultMaximum: typeof r.resultMaximum === "number" ? r.resultMaximum : null,
      comment: typeof r.comment === "string" ? r.comment : null,
    })),
  );
}
