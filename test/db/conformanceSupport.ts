import crypto from "node:crypto";
import mongoose from "mongoose";

export const { BSON, Double, Int32, Long, ObjectId } = mongoose.mongo;

/**
 * A connection to a database of its own on `uri` (the run's engine: embedded, or MONGODB_URI).
 * `dbName` overrides any database named in the URI, so an external server's URI works as given.
 */
export function connectFresh(uri: string, prefix: string): Promise<mongoose.Connection> {
  return mongoose.createConnection(uri, { dbName: `${prefix}_${crypto.randomBytes(5).toString("hex")}` }).asPromise();
}

/** Read options that keep each number's BSON type (int32, int64, double) instead of making it a JS number. */
export const exactTypes = { promoteValues: false, promoteLongs: false } as const;

/** Canonical Extended JSON: equal strings mean the same values, the same BSON types and the same field order. */
export function canonical(doc: unknown): string {
  return BSON.EJSON.stringify(doc, { relaxed: false });
}

/** A document of typedDocument(): any fields, with an ObjectId `_id`. */
export type TypedDocument = Record<string, unknown> & { _id: InstanceType<typeof ObjectId> };

/**
 * A document with every kind of value the tool stores, each as the driver sends it: dates
 * (before 1970 and far ahead too), ObjectIds, int32 / int64 / double kept apart (a double that
 * happens to be whole stays a double), booleans, null next to a missing field, arrays nested
 * through objects, mixed arrays, empty values, and text in several scripts with combining marks
 * and emoji. Not here because the tool never stores them and FerretDB 1.24 refuses them: an
 * array directly inside an array, Decimal128, NaN, ±Infinity; and it stores -0.0 as 0.0.
 */
export function typedDocument(i: number): TypedDocument {
  return {
    _id: new ObjectId(),
    seq: new Int32(i),
    at: new Date(Date.UTC(2026, 8, 1, 8, 30, 0, 123) + i),
    longAgo: new Date(-1_000_000_000_000),
    farAhead: new Date("9999-12-31T23:59:59.999Z"),
    ref: new ObjectId(),
    refs: [new ObjectId(), new ObjectId()],
    int: new Int32(-2_147_483_648 + i),
    maxInt: new Int32(2_147_483_647),
    wholeDouble: new Double(5),
    fraction: new Double(0.1 + 0.2),
    huge: new Double(1e300),
    long: Long.fromString("9007199254740993"),
    negativeLong: Long.fromNumber(-1),
    yes: true,
    no: false,
    nothing: null,
    text: `Ærøskøbing — naïve café ☕ 🧑🏽‍🏫 עברית العربية 中文 e\u0301 \u2028 "quoted" \\ <b> #${i}`,
    "ünïcødé key": "värde",
    // Control characters are stored escaped; the engine decodes plain strings by a faster path.
    controls: "tab\there\nnew line\r \u0001 \u001f end",
    empty: "",
    emptyObject: {},
    emptyArray: [],
    nested: { level: new Int32(7), label: "n", deeper: { flag: true, when: new Date(0) } },
    rows: [{ cells: [new Int32(1), new Int32(2)] }, { cells: [] }, { cells: [{ cells: [new Int32(3)] }] }],
    mixed: ["a", new Int32(1), new Double(1.5), null, true, { k: "v" }],
    links: [
      { standardCode: "S1", descriptorCode: "", note: "first" },
      { standardCode: "S2", descriptorCode: "2a", note: null },
    ],
  };
}
