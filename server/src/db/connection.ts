import mongoose from "mongoose";

// Indexes are created by ensureIndexes() below, not by mongoose on model compile: the
// embedded engine rejects TTL indexes, and start-up should fail loudly if an index cannot be built.
mongoose.set("autoIndex", false);
mongoose.set("autoCreate", false);
mongoose.set("strictQuery", true);

/** Which engine is behind the connection; decides how expiring documents are handled. */
export interface EngineInfo {
  kind: "mongodb" | "ferretdb";
  version: string;
  supportsTtl: boolean;
}

let engineInfo: EngineInfo | undefined;

/** Connects the process-wide mongoose connection (shared with ltijs) and learns the engine. */
export async function connectDatabase(uri: string): Promise<EngineInfo> {
  if (mongoose.connection.readyState === 0) {
    // A bounded pool: past a couple of dozen queries in flight the database only queues them,
    // while each extra connection costs memory here and in the engine.
    await mongoose.connect(uri, { serverSelectionTimeoutMS: 15_000, maxPoolSize: 20 });
  }
  const info = await mongoose.connection.db.admin().command({ buildInfo: 1 });
  const isFerret = typeof info.ferretdbVersion === "string" || typeof info.ferretdb === "object";
  engineInfo = {
    kind: isFerret ? "ferretdb" : "mongodb",
    // FerretDB built as a library (our embedded engine) reports "unknown"; name the wire version then.
    version:
      isFerret && info.ferretdbVersion && info.ferretdbVersion !== "unknown"
        ? String(info.ferretdbVersion)
        : `${isFerret ? "MongoDB-compatible " : ""}${info.version}`,
    supportsTtl: !isFerret,
  };
  return engineInfo;
}

export function currentEngine(): EngineInfo {
  if (!engineInfo) throw new Error("connectDatabase() has not been called");
  return engineInfo;
}

export async function disconnectDatabase(): Promise<void> {
  mongoose.connection.removeAllListeners();
  await mongoose.disconnect();
  engineInfo = undefined;
}

/** A TTL rule the engine could not enforce itself; the expiry sweeper applies it instead. */
export interface ExpiryRule {
  model: string;
  field: string;
  seconds: number;
}

/**
 * Creates every index declared in every registered mongoose schema (ours and ltijs's).
 * On an engine without TTL support the expiring index becomes a plain one and the rule is
 * returned so the sweeper can delete expired documents.
 */
export async function ensureIndexes(): Promise<ExpiryRule[]> {
  const { supportsTtl } = currentEngine();
  const rules: ExpiryRule[] = [];
  for (const name of mongoose.modelNames()) {
    const model = mongoose.model(name);
    await createCollectionIfMissing(model.collection.collectionName);
    for (const [definition, rawOptions] of model.schema.indexes()) {
      const fields = definition as Record<string, 1 | -1>;
      const { background: _bg, expires, expireAfterSeconds, ...options } = rawOptions as Record<string, unknown>;
      const ttl = expireAfterSeconds ?? (expires !== undefined ? toSeconds(expires) : undefined);
      if (ttl !== undefined && !supportsTtl) {
        rules.push({ model: name, field: Object.keys(fields)[0], seconds: Number(ttl) });
        await model.collection.createIndex(fields, options);
      } else {
        await model.collection.createIndex(
          fields,
          ttl === undefined ? options : { ...options, expireAfterSeconds: Number(ttl) },
        );
      }
    }
  }
  return rules;
}

async function createCollectionIfMissing(name: string) {
  const existing = await mongoose.connection.db.listCollections({ name }, { nameOnly: true }).toArray();
  if (existing.length === 0) {
    try {
      await mongoose.connection.db.createCollection(name);
    } catch (err) {
      // Another process created it between our check and our call.
      if ((err as { code?: number }).code !== 48) throw err;
    }
  }
}

function toSeconds(expires: unknown): number {
  if (typeof expires === "number") return expires;
  const match = /^(\d+)\s*([smhd]?)$/.exec(String(expires));
  if (!match) throw new Error(`Unsupported TTL value: ${String(expires)}`);
  const unit = { "": 1, s: 1, m: 60, h: 3600, d: 86400 }[match[2] as "" | "s" | "m" | "h" | "d"];
  return Number(match[1]) * unit;
}

/** Deletes documents past their TTL where the engine does not; returns how many went. */
export async function sweepExpired(rules: ExpiryRule[], now = new Date()): Promise<number> {
  let deleted = 0;
  for (const rule of rules) {
    const cutoff = new Date(now.getTime() - rule.seconds * 1000);
    const result = await mongoose.model(rule.model).deleteMany({ [rule.field]: { $lt: cutoff } });
    deleted += result.deletedCount ?? 0;
  }
  return deleted;
}
