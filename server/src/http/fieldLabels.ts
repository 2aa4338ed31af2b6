import type { ZodIssue, ZodTypeAny } from "zod";

/** The schemas an endpoint validated its request with, and what the request held, by part. */
export interface RequestInputs {
  schemas: Partial<Record<"body" | "query" | "params", ZodTypeAny>>;
  values: Partial<Record<"body" | "query" | "params", unknown>>;
}

/** One bad field: where it is (`body.links.0.url`, for the client), what the form calls it, and what to do. */
export interface FieldProblem {
  field: string;
  label: string;
  message: string;
}

// Wrappers whose description may sit outside the schema that holds the shape.
function unwrapOnce(schema: ZodTypeAny): ZodTypeAny | null {
  const def = schema._def as {
    innerType?: ZodTypeAny;
    schema?: ZodTypeAny;
    in?: ZodTypeAny;
    type?: ZodTypeAny;
    typeName?: string;
  };
  if (def.typeName === "ZodArray") return null;
  return def.innerType ?? def.schema ?? def.in ?? null;
}

function childOf(schema: ZodTypeAny, segment: string | number): { child: ZodTypeAny | null; description?: string } {
  let current: ZodTypeAny | null = schema;
  let description: string | undefined;
  while (current) {
    description ??= current.description;
    const def = current._def as { typeName?: string; shape?: () => Record<string, ZodTypeAny>; type?: ZodTypeAny };
    if (def.typeName === "ZodObject" && typeof segment === "string")
      return { child: def.shape?.()[segment] ?? null, description };
    if (def.typeName === "ZodArray" && typeof segment === "number") return { child: def.type ?? null, description };
    current = unwrapOnce(current);
  }
  return { child: null, description };
}

function descriptionOf(schema: ZodTypeAny | null): string | undefined {
  for (let current = schema; current; current = unwrapOnce(current))
    if (current.description) return current.description;
  return undefined;
}

/** "academicYear" → "Academic year", "practice_date" → "Practice date". */
export function humanise(key: string): string {
  const words = key
    .replace(/([a-z0-9])([A-Z])/g, "$1 $2")
    .replace(/[_-]+/g, " ")
    .toLowerCase()
    .trim();
  return words ? words.charAt(0).toUpperCase() + words.slice(1) : "This field";
}

/**
 * What the form calls the field at `field` (e.g. `body.ratings.2.reason`): the `.describe()` text
 * of the deepest described schema on the way, with `{n}` standing for the list position (from 1)
 * and `{name}` for that list item's own `name` field (e.g. `{descriptor}`); without a description,
 * the field's own name in words. Never the request's path; a part whose schema is a whole file
 * (a programme definition) may say where in the file with `{path}` in its own description.
 */
export function labelFor(inputs: RequestInputs | undefined, field: string): string {
  const [part, ...path] = field.split(".");
  const segments = path.map((s) => (/^\d+$/.test(s) ? Number(s) : s));
  let schema: ZodTypeAny | null = inputs?.schemas[part as keyof RequestInputs["schemas"]] ?? null;
  let value: unknown = inputs?.values[part as keyof RequestInputs["values"]];
  let label: string | undefined;
  let item: Record<string, unknown> = {};
  let position: number | undefined;
  let lastKey: string | undefined;
  const partLabel = descriptionOf(schema);
  for (const segment of segments) {
    const { child } = schema ? childOf(schema, segment) : { child: null };
    if (typeof segment === "number") {
      position = segment + 1;
      const element = Array.isArray(value) ? value[segment] : undefined;
      item = element && typeof element === "object" ? (element as Record<string, unknown>) : {};
    } else lastKey = segment;
    value = value && typeof value === "object" ? (value as Record<string | number, unknown>)[segment] : undefined;
    schema = child;
    const described = descriptionOf(child);
    if (described) label = described;
    else if (typeof segment === "string") label = undefined;
  }
  if (!label && partLabel?.includes("{path}")) return partLabel.replace("{path}", path.join(".") || "the top level");
  if (!label) {
    if (!lastKey) return part === "body" ? "The form" : "The address";
    label = humanise(lastKey) + (position ? ` (item ${position})` : "");
  }
  return label
    .replace(/\{n\}/g, String(position ?? ""))
    .replace(/\{(\w+)\}/g, (_m, name: string) =>
      typeof item[name] === "string" || typeof item[name] === "number" ? String(item[name]) : "this item",
    );
}

/** zod's own wording ("Required", "Invalid url") as what the person should do. */
export function instructionFor(issue: ZodIssue): string {
  const custom = issue.message && !isZodDefault(issue) ? issue.message : null;
  if (custom) return custom;
  switch (issue.code) {
    case "invalid_type":
      if (issue.received === "undefined" || issue.received === "null") return "is required: please fill it in";
      if (issue.expected === "number" || issue.expected === "integer") return "must be a number";
      if (issue.expected === "boolean") return "must be yes or no";
      if (issue.expected === "array") return "must be a list";
      if (issue.expected === "date") return "must be a date";
      return "must be text";
    case "too_small":
      if (issue.type === "string")
        return Number(issue.minimum) <= 1
          ? "is required: please fill it in"
          : `must be at least ${issue.minimum} characters`;
      if (issue.type === "array") return `must have at least ${issue.minimum}`;
      if (issue.type === "date") return "is too early";
      return `must be ${issue.inclusive ? "at least" : "more than"} ${issue.minimum}`;
    case "too_big":
      if (issue.type === "string") return `must be ${issue.maximum} characters or fewer`;
      if (issue.type === "array") return `can have at most ${issue.maximum}`;
      if (issue.type === "date") return "is too late";
      return `must be ${issue.inclusive ? "at most" : "less than"} ${issue.maximum}`;
    case "invalid_string":
      if (issue.validation === "url") return "must be a full web address, starting with https://";
      if (issue.validation === "email") return "must be an e-mail address";
      if (issue.validation === "datetime" || issue.validation === "date") return "must be a date";
      return "is not in the expected form";
    case "invalid_enum_value":
      return `must be one of: ${issue.options.join(", ")}`;
    case "invalid_literal":
      return `must be ${JSON.stringify(issue.expected)}`;
    case "unrecognized_keys":
      return `has fields this form does not have (${issue.keys.join(", ")}); please reload the page`;
    case "invalid_date":
      return "must be a real date";
    case "not_multiple_of":
      return `must be a multiple of ${issue.multipleOf}`;
    default:
      return "is not valid: please check it";
  }
}

// zod's default messages start with a capital and are not written for people; ours start lower case.
function isZodDefault(issue: ZodIssue): boolean {
  return /^(Required|Invalid|Expected|String must|Number must|Array must|Unrecognized key|Too (small|big)|Should be|Must be)/.test(
    issue.message,
  );
}

/** One problem as a sentence: "Academic year must look like 2025/26.", "Outcome: choose pass or resubmit." */
export function sentenceFor(label: string, message: string): string {
  const text = message.trim().replace(/[.]+$/, "");
  const isPredicate = /^(is|are|must|cannot|can|has|have|names|lists|links|already|was|does|should|needs)\b/.test(text);
  const sentence = isPredicate ? `${label} ${text}` : `${label}: ${text}`;
  return /[.?!]$/.test(sentence) ? sentence : `${sentence}.`;
}

/** The message of a 400 that lists bad fields, naming each as the form does. */
export function summaryOf(problems: FieldProblem[]): string {
  return `Please check ${problems.length === 1 ? "this" : "these"}: ${problems.map((p) => p.message).join(" ")}`;
}

/**
 * Problems as the API sends them (field path, label, message): the label from the endpoint's
 * schemas, the message a sentence that names the field and says what to do. Problems that
 * already carry a label keep it.
 */
export function labelProblems(
  inputs: RequestInputs | undefined,
  problems: Array<{ field: string; message: string; label?: string }>,
): FieldProblem[] {
  return problems.map((p) => {
    const label = p.label ?? labelFor(inputs, p.field);
    const already = p.message.startsWith(label);
    return { field: p.field, label, message: already ? p.message : sentenceFor(label, p.message) };
  });
}
