import { createRequire } from "node:module";
import { p95, p99, median } from "./stats";

const require = createRequire(import.meta.url);

interface AutocannonRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
  body?: string;
}
interface AutocannonResult {
  requests: { average: number; total: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}
interface AutocannonInstance {
  on(
    event: "response",
    listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void,
  ): void;
}
// autocannon ships no types; this is the part of its API the bench uses.
const autocannon = require("autocannon") as (
  opts: {
    url: string;
    connections: number;
    duration?: number;
    amount?: number;
    timeout?: number;
    requests: Array<{
      method: string;
      path: string;
      /** `context` is the client's own, from just before a request is sent until its answer. */
      setupRequest?: (req: AutocannonRequest, context: Record<string, unknown>) => AutocannonRequest;
      /** Called with that context just before the "response" event of the same answer. */
      onResponse?: (status: number, body: string, context: Record<string, unknown>) => void;
    }>;
  },
  done: (err: Error | null, result: AutocannonResult) => void,
) => AutocannonInstance;

/** One bounded load run: exact percentiles from every response time, plus throughput and failures. */
export interface LoadRun {
  p50: number;
  p95: number;
  p99: number;
  perSecond: number;
  requests: number;
  failures: number;
}

/**
 * Drives GET `path` on `url` with `connections` concurrent clients for `seconds` (bounded:
 * autocannon stops by itself), rotating through `tokens` as Bearer credentials so the load
 * spreads over many users instead of one cached one.
 */
export function loadRun(p: {
  url: string;
  path: string;
  tokens: string[];
  connections: number;
  seconds: number;
}): Promise<LoadRun> {
  const times: number[] = [];
  let next = 0;
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      {
        url: p.url,
        connections: p.connections,
        duration: p.seconds,
        timeout: 30,
        requests: [
          {
            method: "GET",
            path: p.path,
            setupRequest: (req) => ({
              ...req,
              headers: { ...req.headers, authorization: `Bearer ${p.tokens[next++ % p.tokens.length]}` },
            }),
          },
        ],
      },
      (err, result) => {
        if (err) return reject(err);
        resolve({
          p50: median(times),
          p95: p95(times),
          p99: p99(times),
          perSecond: result.requests.total / (result.duration || p.seconds),
          requests: result.requests.total,
          // Requests still in flight when the run ended never answered in time: failures too.
          failures: result.errors + result.timeouts + result.non2xx + Math.max(0, result.requests.total - times.length),
        });
      },
    );
    instance.on("response", (_client, _status, _bytes, responseTime) => times.push(responseTime));
  });
}

/**
 * Each token's reader reads `path` once, `connections` at a time: their first reads, made before a
 * load of rereads so that load measures rereads only.
 */
export async function readEachOnce(p: { url: string; path: string; tokens: string[]; connections: number }) {
  let next = 0;
  const worker = async () => {
    for (let i = next++; i < p.tokens.length; i = next++)
      await fetch(`${p.url}${p.path}`, { headers: { authorization: `Bearer ${p.tokens[i]}` } }).then((r) =>
        r.arrayBuffer(),
      );
  };
  await Promise.all(Array.from({ length: p.connections }, worker));
}

/** One request of a mixed load, made just before it is sent. */
export interface PlannedRequest {
  method: "GET" | "POST";
  path: string;
  token: string;
  body?: unknown;
}

/**
 * A bounded load of `amount` requests over `connections` clients where every `writeEvery`-th
 * request made (across all clients, so writes are spread evenly through the run however few
 * requests each client makes) is a write (`plan.write()`) and the rest reads (`plan.read()`), each
 * made when it is sent (so each can be a different reader). Reads and writes are timed apart: a
 * request's kind rides in its client's context to its answer.
 */
export function mixedLoadRun(p: {
  url: string;
  connections: number;
  amount: number;
  writeEvery: number;
  plan: { read: () => PlannedRequest; write: () => PlannedRequest };
}): Promise<{ reads: LoadRun; writes: LoadRun }> {
  const times = { read: [] as number[], write: [] as number[] };
  const statuses = { bad: 0 };
  let planned = 0;
  let answered: "read" | "write" = "read";
  const toRequest = (req: AutocannonRequest, planned: PlannedRequest): AutocannonRequest => ({
    ...req,
    method: planned.method,
    path: planned.path,
    headers: {
      ...req.headers,
      authorization: `Bearer ${planned.token}`,
      ...(planned.body ? { "content-type": "application/json" } : {}),
    },
    ...(planned.body ? { body: JSON.stringify(planned.body) } : {}),
  });
  const requests = [
    {
      method: "GET",
      path: "/",
      setupRequest: (req: AutocannonRequest, context: Record<string, unknown>) => {
        const kind = ++planned % p.writeEvery === 0 ? "write" : "read";
        context.kind = kind;
        return toRequest(req, kind === "write" ? p.plan.write() : p.plan.read());
      },
      onResponse: (_status: number, _body: string, context: Record<string, unknown>) => {
        answered = context.kind === "write" ? "write" : "read";
      },
    },
  ];
  const summary = (list: number[], seconds: number, failures: number): LoadRun => ({
    p50: median(list),
    p95: p95(list),
    p99: p99(list),
    perSecond: list.length / seconds,
    requests: list.length,
    failures,
  });
  return new Promise((resolve, reject) => {
    const instance = autocannon(
      { url: p.url, connections: p.connections, amount: p.amount, timeout: 30, requests },
      (err, result) => {
        if (err) return reject(err);
        const seconds = result.duration || 1;
        const failures = result.errors + result.timeouts + statuses.bad;
        resolve({ reads: summary(times.read, seconds, failures), writes: summary(times.write, seconds, failures) });
      },
    );
    instance.on("response", (_client, status, _bytes, responseTime) => {
      if (status >= 400) statuses.bad++;
      times[answered].push(responseTime);
    });
  });
}
