import { applyScore, type GradebookCell } from "./scoreRules.js";
import type { LineItem, QuirkMode, Result, Score } from "./types.js";
import type { PlatformUrls } from "./urls.js";

/** A line item's editable fields: what a tool sends on POST/PUT, or deep linking creates. */
export type LineItemInput = Omit<LineItem, "id">;

export interface LineItemFilter {
  resourceLinkId?: string;
  resourceId?: string;
  tag?: string;
}

interface StoredLineItem {
  shortId: string;
  courseId: string;
  item: LineItem;
  scores: Score[];
  cells: Map<string, GradebookCell>;
}

/** The LMS gradebook: line items per course, every score received, and what each cell shows. */
export class Gradebook {
  private readonly items = new Map<string, StoredLineItem>();
  private counter = 0;

  constructor(
    private readonly urls: PlatformUrls,
    private readonly quirks: QuirkMode,
  ) {}

  create(courseId: string, input: LineItemInput): LineItem {
    const shortId = `li-${++this.counter}`;
    const item = { ...withoutUndefined(input), id: this.urls.lineItem(courseId, shortId) } as LineItem;
    this.items.set(shortId, { shortId, courseId, item, scores: [], cells: new Map() });
    return item;
  }

  list(courseId: string, filter: LineItemFilter = {}): LineItem[] {
    return [...this.items.values()]
      .filter((s) => s.courseId === courseId)
      .map((s) => s.item)
      .filter(
        (item) =>
          (filter.resourceLinkId === undefined || item.resourceLinkId === filter.resourceLinkId) &&
          (filter.resourceId === undefined || item.resourceId === filter.resourceId) &&
          (filter.tag === undefined || item.tag === filter.tag),
      );
  }

  /** The line item, only if it belongs to that course: ids from another course are not found. */
  get(courseId: string, shortId: string): LineItem | undefined {
    return this.inCourse(courseId, shortId)?.item;
  }

  update(courseId: string, shortId: string, input: LineItemInput): LineItem | undefined {
    const stored = this.inCourse(courseId, shortId);
    if (!stored) return undefined;
    stored.item = { ...withoutUndefined(input), id: stored.item.id } as LineItem;
    return stored.item;
  }

  remove(courseId: string, shortId: string): boolean {
    return this.inCourse(courseId, shortId) ? this.items.delete(shortId) : false;
  }

  /** Applies the quirk rules; throws a PlatformError when the imitated LMS would refuse. */
  postScore(courseId: string, shortId: string, score: Score): void {
    const stored = this.inCourse(courseId, shortId);
    if (!stored) throw new Error(`Unknown line item ${shortId}`);
    const outcome = applyScore(this.quirks, stored.item, stored.cells.get(score.userId), score);
    stored.scores.push(outcome.stored);
    stored.cells.set(score.userId, outcome.cell);
  }

  results(courseId: string, shortId: string, userId?: string): Result[] {
    const stored = this.inCourse(courseId, shortId);
    if (!stored) return [];
    return [...stored.cells]
      .filter(([cellUser]) => userId === undefined || cellUser === userId)
      .map(([cellUser, cell]) => presentResult(stored.item, cellUser, cell));
  }

  /** The single line item tied to a resource link, which launches advertise in the AGS claim. */
  lineItemForLink(courseId: string, resourceLinkId: string): LineItem | undefined {
    const linked = this.list(courseId, { resourceLinkId });
    return linked.length === 1 ? linked[0] : undefined;
  }

  // Inspection for tests and the home page; a line item may be named by URL or short id.

  scoresOf(ref: string): Score[] {
    return [...(this.resolve(ref)?.scores ?? [])];
  }

  latestOf(ref: string, userId: string): Score | undefined {
    return this.resolve(ref)?.cells.get(userId)?.score;
  }

  resultsOf(ref: string): Result[] {
    const stored = this.resolve(ref);
    return stored ? this.results(stored.courseId, stored.shortId) : [];
  }

  override(ref: string, userId: string, scoreGiven: number, comment?: string): void {
    const stored = this.resolve(ref);
    if (!stored) throw new Error(`Unknown line item ${ref}`);
    const cell = stored.cells.get(userId);
    if (cell) {
      cell.resultScore = scoreGiven;
      cell.resultMaximum ??= stored.item.scoreMaximum;
      if (comment !== undefined) cell.comment = comment;
      return;
    }
    // A grade typed straight into the LMS has no score behind it; record a stand-in.
    const score: Score = {
      userId,
      scoreGiven,
      scoreMaximum: stored.item.scoreMaximum,
      timestamp: new Date().toISOString(),
      activityProgress: "Completed",
      gradingProgress: "FullyGraded",
    };
    stored.cells.set(userId, { score, resultScore: scoreGiven, resultMaximum: stored.item.scoreMaximum, comment });
  }

  private inCourse(courseId: string, shortId: string): StoredLineItem | undefined {
    const stored = this.items.get(shortId);
    return stored && stored.courseId === courseId ? stored : undefined;
  }

  private resolve(ref: string): StoredLineItem | undefined {
    const direct = this.items.get(ref);
    if (direct) return direct;
    const withoutQuery = ref.split("?")[0].replace(/\/+$/, "");
    return [...this.items.values()].find((s) => s.item.id === withoutQuery);
  }
}

function presentResult(item: LineItem, userId: string, cell: GradebookCell): Result {
  const result: Result = {
    id: `${item.id}/results/${encodeURIComponent(userId)}`,
    scoreOf: item.id,
    userId,
  };
  if (cell.resultScore !== undefined) result.resultScore = cell.resultScore;
  if (cell.resultMaximum !== undefined) result.resultMaximum = cell.resultMaximum;
  if (cell.comment !== undefined) result.comment = cell.comment;
  return result;
}

function withoutUndefined<T extends object>(value: T): T {
  return Object.fromEntries(Object.entries(value).filter(([, v]) => v !== undefined)) as T;
}
