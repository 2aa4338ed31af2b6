import type { TRole } from "../contracts/session";
import { forbidden, notFound } from "../errors";
import type { Actor } from "../lti/sessionToken";

/**
 * The kinds of thing policies speak about, each with its subject (the fields the rules read) and
 * its actions. Every policy file adds its own entry with `declare module "./cancan"`, so
 * `can(actor, "rate", "Audit", audit)` is checked by the compiler against the audit's rules.
 */
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- filled in by each policy file (declaration merging)
export interface PolicyRegistry {}

export type SubjectType = keyof PolicyRegistry;
export type ActionOf<T extends SubjectType> = PolicyRegistry[T] extends { action: infer A extends string } ? A : never;
export type SubjectOf<T extends SubjectType> = PolicyRegistry[T] extends { subject: infer S } ? S : never;
/** What a scope needs to know beyond the actor (e.g. the panel rounds they sit on), loaded first. */
export type FactsOf<T extends SubjectType> = PolicyRegistry[T] extends { facts: infer F } ? F : undefined;

/** Who a rule is for: anyone, a role, any of several roles, or a test of the actor alone. */
export type Who = "anyone" | TRole | readonly TRole[] | ((actor: Actor) => boolean);

/** A mongo filter, always inside the actor's course (scopeFor adds tenantId and contextId). */
export type Filter = Record<string, unknown>;

/**
 * A condition on the subject that a list can also ask of the database: `test` answers for one
 * loaded subject, `where` is the same condition as a filter (null: it matches nothing for this actor).
 */
export interface ScopedCondition<S, F = undefined> {
  test: (actor: Actor, subject: S) => boolean;
  where: (actor: Actor, facts: F) => Filter | null;
}
export type Condition<S, F = undefined> = ((actor: Actor, subject: S) => boolean) | ScopedCondition<S, F>;

/** The sentence a refusal gives: fixed, or chosen from who asked, what about and which action. */
export type Refusal<S, A> = string | ((actor: Actor, subject: S | undefined, action: A) => string);

interface Rule {
  kind: "allow" | "forbid";
  who: Who;
  actions: ReadonlySet<string>;
  condition?: Condition<unknown, unknown>;
  message?: Refusal<unknown, string>;
}

const rules = new Map<string, Rule[]>();
const refusals = new Map<string, Map<string, Refusal<unknown, string>>>();
const concealed = new Map<string, { noun: string; unless?: string }>();

const listOf = <A extends string>(actions: A | readonly A[]): readonly A[] =>
  typeof actions === "string" ? [actions] : actions;

function rulesOf(type: string): Rule[] {
  let list = rules.get(type);
  if (!list) rules.set(type, (list = []));
  return list;
}

/**
 * Grants `actions` on `type` to `who`, when `condition` holds of the subject. Conditions are only
 * asked of a given subject: asked about a type in general ("may this person mark module work at
 * all?", the session's abilities), a rule holds for whoever it is for.
 */
export function allow<T extends SubjectType>(
  who: Who,
  actions: ActionOf<T> | readonly ActionOf<T>[],
  type: T,
  condition?: Condition<SubjectOf<T>, FactsOf<T>>,
): void {
  rulesOf(type).push({
    kind: "allow",
    who,
    actions: new Set(listOf(actions)),
    condition: condition as Condition<unknown, unknown> | undefined,
  });
}

/**
 * Refuses `actions` on a subject of `type` to `who` when `condition` holds, whatever any allow()
 * grants, with its own sentence: separation of duties (nobody ratifies, marks, reviews, decides,
 * revokes, releases or signs off their own work, whatever roles they hold). authorize() checks
 * these, in the order declared, before asking whether anything allows the action.
 */
export function forbid<T extends SubjectType>(
  who: Who,
  actions: ActionOf<T> | readonly ActionOf<T>[],
  type: T,
  condition: (actor: Actor, subject: SubjectOf<T>) => boolean,
  message: Refusal<SubjectOf<T>, ActionOf<T>>,
): void {
  rulesOf(type).push({
    kind: "forbid",
    who,
    actions: new Set(listOf(actions)),
    condition: condition as Condition<unknown, unknown>,
    message: message as Refusal<unknown, string>,
  });
}

/** The sentence authorize() gives (403) when no rule allows `actions` on `type`. */
export function refuse<T extends SubjectType>(
  type: T,
  actions: ActionOf<T> | readonly ActionOf<T>[],
  message: Refusal<SubjectOf<T>, ActionOf<T>>,
): void {
  let byAction = refusals.get(type);
  if (!byAction) refusals.set(type, (byAction = new Map()));
  for (const action of listOf(actions)) byAction.set(action, message as Refusal<unknown, string>);
}

/**
 * A subject of `type` the actor may not `unless` (by default: may not do the action asked) is
 * not found (404, "<noun> was not found."), so nobody learns that it exists.
 */
export function conceal<T extends SubjectType>(type: T, noun: string, unless?: ActionOf<T>): void {
  concealed.set(type, { noun, unless });
}

function isFor(who: Who, actor: Actor): boolean {
  if (who === "anyone") return true;
  if (typeof who === "function") return who(actor);
  if (typeof who === "string") return actor.roles.includes(who);
  return who.some((role) => actor.roles.includes(role));
}

function holds(condition: Condition<unknown, unknown> | undefined, actor: Actor, subject: unknown): boolean {
  if (!condition) return true;
  return typeof condition === "function" ? condition(actor, subject) : condition.test(actor, subject);
}

/** Nothing crosses a course: a subject that names its platform and course must be the actor's. */
function isOutsideCourse(actor: Actor, subject: unknown): boolean {
  const s = subject as { tenantId?: unknown; contextId?: unknown } | null | undefined;
  return (
    !!s &&
    typeof s.tenantId === "string" &&
    typeof s.contextId === "string" &&
    (s.tenantId !== actor.tenantId || s.contextId !== actor.contextId)
  );
}

function firstForbid(actor: Actor, action: string, type: string, subject: unknown): Rule | undefined {
  if (subject === undefined) return undefined;
  return rules
    .get(type)
    ?.find(
      (r) => r.kind === "forbid" && r.actions.has(action) && isFor(r.who, actor) && holds(r.condition, actor, subject),
    );
}

/**
 * True when the actor may do `action` on `subject` of `type`; without a subject, whether they may
 * do it to some subject of that type (what the session's abilities tell the client).
 */
export function can<T extends SubjectType>(
  actor: Actor,
  action: ActionOf<T>,
  type: T,
  subject?: SubjectOf<T>,
): boolean {
  if (subject !== undefined && isOutsideCourse(actor, subject)) return false;
  if (firstForbid(actor, action, type, subject)) return false;
  return (rules.get(type) ?? []).some(
    (r) =>
      r.kind === "allow" &&
      r.actions.has(action) &&
      isFor(r.who, actor) &&
      (subject === undefined || holds(r.condition, actor, subject)),
  );
}

function sentence(
  message: Refusal<unknown, string> | undefined,
  actor: Actor,
  subject: unknown,
  action: string,
): string | undefined {
  return typeof message === "function" ? message(actor, subject, action) : message;
}

/**
 * Throws unless the actor may do `action`: 404 when the type is concealed and the actor may not
 * see the subject given (asked about the type in general, there is nothing to hide), then 403 with the first forbid()'s sentence that applies, then 403 with the
 * type's refusal for the action when nothing allows it.
 */
export function authorize<T extends SubjectType>(
  actor: Actor,
  action: ActionOf<T>,
  type: T,
  subject?: SubjectOf<T>,
): void {
  const hidden = concealed.get(type);
  if (hidden && subject !== undefined && !can(actor, (hidden.unless ?? action) as ActionOf<T>, type, subject))
    throw notFound(hidden.noun);
  const vetoed = firstForbid(actor, action, type, subject);
  if (vetoed) throw forbidden(sentence(vetoed.message, actor, subject, action));
  if (!can(actor, action, type, subject))
    throw forbidden(sentence(refusals.get(type)?.get(action), actor, subject, action));
}

/**
 * The filter of the subjects of `type` the actor may `action` (a list, or a single read where
 * anything outside it is simply not found), from the same allow() rules: inside the actor's
 * course, any rule that holds. Null when no rule is for this actor (they may see none of them).
 * Rules whose condition has no `where` grant nothing here: a list never shows more than its
 * rules can say as a query. forbid() rules are not part of scopes: declare them on actions, not reads.
 */
export function scopeFor<T extends SubjectType>(
  actor: Actor,
  action: ActionOf<T>,
  type: T,
  ...facts: FactsOf<T> extends undefined ? [] : [FactsOf<T>]
): (Filter & { tenantId: string; contextId: string }) | null {
  const course = { tenantId: actor.tenantId, contextId: actor.contextId };
  const any: Filter[] = [];
  for (const r of rules.get(type) ?? []) {
    if (r.kind !== "allow" || !r.actions.has(action) || !isFor(r.who, actor)) continue;
    if (!r.condition) return course;
    if (typeof r.condition === "function") continue;
    const where = r.condition.where(actor, facts[0]);
    if (where) any.push(where);
  }
  if (any.length === 0) return null;
  return any.length === 1 ? { ...course, ...any[0] } : { ...course, $or: any };
}

/** A filter that matches nothing in the actor's course: for someone scopeFor() gives none of a thing. */
export function matchesNothing(actor: Actor): { tenantId: string; contextId: string; _id: { $in: never[] } } {
  return { tenantId: actor.tenantId, contextId: actor.contextId, _id: { $in: [] } };
}

/** Each named ability as an [action, type] pair the rules answer for this actor (Outline's serialize). */
export type AbilityPair = { [T in SubjectType]: readonly [ActionOf<T>, T] }[SubjectType];
export function abilitiesOf<N extends string>(actor: Actor, named: Record<N, AbilityPair>): Record<N, boolean> {
  const out = {} as Record<N, boolean>;
  for (const name of Object.keys(named) as N[]) {
    const [action, type] = named[name];
    out[name] = can(actor, action as never, type as SubjectType);
  }
  return out;
}
