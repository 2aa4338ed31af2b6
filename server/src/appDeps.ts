import type { Config } from "./config";
import type { EngineInfo } from "./db/connection";
import type { LtiPort } from "./lti/port";

/** What routes and workers are built from; assembled once by boot. */
export interface AppDeps {
  config: Config;
  engine: EngineInfo;
  lti: LtiPort;
}
