// The container healthcheck (Dockerfile HEALTHCHECK): exits 0 when the tool on this machine says it
// is ready to serve (GET /health/ready → 200), 1 otherwise (starting, stopping, database down, no
// answer within 4 s). It asks the local listener (PORT, HOST) rather than PUBLIC_URL, which is
// the proxy's address. Plain node, no dependencies: the image has no curl or wget.
const port = process.env.PORT || "3000";
const host =
  !process.env.HOST || process.env.HOST === "0.0.0.0" || process.env.HOST === "::" ? "127.0.0.1" : process.env.HOST;
const url = `http://${host.includes(":") ? `[${host}]` : host}:${port}/health/ready`;

try {
  const res = await fetch(url, { signal: AbortSignal.timeout(4_000) });
  const body = await res.text();
  console.log(`${res.status} ${body}`);
  process.exit(res.status === 200 ? 0 : 1);
} catch (err) {
  console.log(`no answer from ${url}: ${err instanceof Error ? err.message : err}`);
  process.exit(1);
}
