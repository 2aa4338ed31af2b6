import express from "express";
import type { AddressInfo } from "node:net";
import net from "node:net";
import { createDevPlatform, DEMO_COURSE_ID, ROLE, type DevPlatform } from "@mentor-pathways/dev-platform";

/** A free loopback port, so the platform can be told the tool's URLs before the tool starts. */
export async function freePort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

/**
 * The development platform served on loopback, as standalone.ts serves it, with `mentors`
 * extra learners enrolled in the demo course (scores for non-members are refused).
 */
export async function startBenchPlatform(
  toolUrl: string,
  mentors: string[],
): Promise<{ platform: DevPlatform; close(): void }> {
  const app = express();
  const server = app.listen(0, "127.0.0.1");
  await new Promise<void>((resolve) => server.once("listening", resolve));
  const issuer = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  const platform = await createDevPlatform({
    issuer,
    clientId: "mentor-pathways-dev",
    deploymentId: "dev-deployment-1",
    tool: { loginUrl: `${toolUrl}/lti/login`, launchUrl: `${toolUrl}/lti/launch`, jwksUrl: `${toolUrl}/lti/keys` },
  });
  for (const id of mentors) {
    platform.addUser({ id, name: id });
    platform.enrol(DEMO_COURSE_ID, id, [ROLE.learner]);
  }
  app.use("/", platform.router);
  return {
    platform,
    close() {
      platform.close();
      server.closeAllConnections();
      server.close();
    },
  };
}
