import { createRequire } from "node:module";
import { p95, p99, median } from "./stats";

const require = createRequire(import.meta.url);

interface AutocannonRequest {
  method: string;
  path: string;
  headers?: Record<string, string>;
}
interface AutocannonResult {
  requests: { average: number; total: number };
  errors: number;
  timeouts: number;
  non2xx: number;
  duration: number;
}
interface AutocannonInstance {
  on(event: "response", listener: (client: unknown, statusCode: number, resBytes: number, responseTime: number) => void): void;
}
// autocannon ships no types; this is the part of its API the bench uses.
const autocannon = require("autocannon") as (
  opts: {
    url: string;
    connections: number;
    duration?: number;
    amount?: number;
    timeout?: number;
    requests: Array<{ method: string; path: string; setupRequest?: (req: AutocannonRequest) => AutocannonRequest }>;
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
export function loadRun(p: { url: string; path: string; tokens: string[]; connections: number; seconds: number }): Promise<LoadRun> {
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
            setupRequest: (req) => ({ ...req, headers: { ...req.headers, authorization: `Bearer ${p.tokens[next++ % p.tokens.length]}` } }),
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
