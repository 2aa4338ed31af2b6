import { z } from "zod";
import { SCOPES, withAccessToken, type PlatformService } from "./accessToken";
import { answerOf, describeIssues } from "./platformAnswer";
import { nextLink, platformRequest, type PlatformResponse } from "./platformHttp";

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

// Some platforms send null for an optional field they have no value for: the same as absent.
const optionalText = z
  .string()
  .nullish()
  .transform((v) => v ?? undefined);
const optionalNumber = z
  .number()
  .nullish()
  .transform((v) => v ?? null);

/** A gradebook column as the platform describes it (application/vnd.ims.lis.v2.lineitem+json). */
export const ZAgsLineItem = z.object({
  /** The line item's own URL, which is its id. */
  id: z.string().url(),
  label: z.string(),
  scoreMaximum: z.number(),
  resourceId: optionalText,
  tag: optionalText,
  resourceLinkId: optionalText,
});
export type AgsLineItem = z.output<typeof ZAgsLineItem>;

/** A page of line items (application/vnd.ims.lis.v2.lineitemcontainer+json). */
export const ZAgsLineItemContainer = z.array(ZAgsLineItem);

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
export const ZAgsResult = z.object({
  // Some platforms number their users; the tool compares ids as text.
  userId: z.union([z.string().min(1), z.number()]).transform(String),
  resultScore: optionalNumber,
  resultMaximum: optionalNumber,
  comment: z
    .string()
    .nullish()
    .transform((v) => v ?? null),
});
export type AgsResult = z.output<typeof ZAgsResult>;

/** A page of results (application/vnd.ims.lis.v2.resultcontainer+json). */
export const ZAgsResultContainer = z.array(ZAgsResult);

/**
 * What a platform may answer to a score publish: the spec asks for nothing (Moodle answers with
 * an empty body); Canvas and others name the result the score produced.
 */
export const ZAgsScoreAnswer = z.object({ resultUrl: z.string().url().optional() }).passthrough();
export interface AgsScoreAnswer {
  resultUrl: string | null;
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

async function getAllPages<T>(
  svc: PlatformService,
  scope: string,
  firstUrl: string,
  accept: string,
  pick: (res: PlatformResponse) => T[],
): Promise<T[]> {
  const all: T[] = [];
  let url: string | null = firstUrl;
  for (let page = 0; url && page < MAX_PAGES; page++) {
    const pageUrl: string = url;
    const res = await withAccessToken(svc, scope, (token) =>
      platformRequest(pageUrl, {
        headers: { Authorization: `Bearer ${token}`, Accept: accept },
        timeoutMs: svc.timeoutMs,
      }),
    );
    all.push(...pick(res));
    url = nextLink(res.headers);
  }
  return all;
}

/** Line items in the container, filtered by the platform on resource_id and/or tag; all pages. */
export function listLineItems(
  svc: PlatformService,
  lineItemsUrl: string,
  filter: { resourceId?: string; tag?: string } = {},
): Promise<AgsLineItem[]> {
  const url = withQuery(lineItemsUrl, { resource_id: filter.resourceId, tag: filter.tag });
  return getAllPages(svc, SCOPES.lineItem, url, MEDIA.lineItemContainer, (res) =>
    answerOf(res, ZAgsLineItemContainer, "list of gradebook columns"),
  );
}

export async function createLineItem(
  svc: PlatformService,
  lineItemsUrl: string,
  input: AgsLineItemInput,
): Promise<AgsLineItem> {
  const res = await withAccessToken(svc, SCOPES.lineItem, (token) =>
    platformRequest(lineItemsUrl, {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": MEDIA.lineItem, Accept: MEDIA.lineItem },
      body: JSON.stringify(input),
      timeoutMs: svc.timeoutMs,
    }),
  );
  return answerOf(res, ZAgsLineItem, "answer to creating a gradebook column");
}

export async function deleteLineItem(svc: PlatformService, lineItemUrl: string): Promise<void> {
  await withAccessToken(svc, SCOPES.lineItem, (token) =>
    platformRequest(lineItemUrl, {
      method: "DELETE",
      headers: { Authorization: `Bearer ${token}` },
      timeoutMs: svc.timeoutMs,
    }),
  );
}

/**
 * Publishes one score to a line item (POST {lineitem}/scores). The status says whether the
 * platform took the score; its answer is read only for the result it names. An answer that is
 * not what the spec describes is logged, not thrown: the score is stored at the platform, and
 * publishing it again would not change the answer.
 */
export async function postScore(svc: PlatformService, lineItemUrl: string, score: AgsScore): Promise<AgsScoreAnswer> {
  const res = await withAccessToken(svc, SCOPES.score, (token) =>
    platformRequest(appendPath(lineItemUrl, "scores"), {
      method: "POST",
      headers: { Authorization: `Bearer ${token}`, "Content-Type": MEDIA.score },
      body: JSON.stringify(score),
      timeoutMs: svc.timeoutMs,
    }),
  );
  return scoreAnswerOf(res, lineItemUrl);
}

export function scoreAnswerOf(res: PlatformResponse, lineItemUrl: string): AgsScoreAnswer {
  if (res.text.trim() === "") return { resultUrl: null };
  let body: unknown;
  try {
    body = JSON.parse(res.text);
  } catch {
    console.warn(`[lti] the VLE accepted a score for ${lineItemUrl} with an answer that is not JSON`);
    return { resultUrl: null };
  }
  const parsed = ZAgsScoreAnswer.safeParse(body);
  if (!parsed.success) {
    console.warn(
      `[lti] the VLE accepted a score for ${lineItemUrl} with an answer LTI Advantage does not describe (${describeIssues(parsed.error)})`,
    );
    return { resultUrl: null };
  }
  return { resultUrl: parsed.data.resultUrl ?? null };
}

/** The platform's current results for a line item; all pages. */
export function listResults(svc: PlatformService, lineItemUrl: string): Promise<AgsResult[]> {
  return getAllPages(svc, SCOPES.resultReadonly, appendPath(lineItemUrl, "results"), MEDIA.resultContainer, (res) =>
    answerOf(res, ZAgsResultContainer, "list of results"),
  );
}
