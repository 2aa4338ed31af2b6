import { markCourseChanged } from "./courseChanged";
import type { LaunchContext } from "../lti/launchContext";
import type { TRole } from "../contracts/session";
import type { Actor } from "../lti/sessionToken";
import type { RegistrationDoc } from "../models/registration";
import { Course } from "../models/course";
import { Member } from "../models/member";
import { Launch } from "../models/launch";
import { refreshMentorFigures } from "./adjustDashboardCounters";
import { requestCourseSetup } from "./requestCourseSetup";

/**
 * Records a validated launch: the course and its service endpoints, the person's membership,
 * and the launch itself. Returns the Actor the session token will carry.
 */
export async function recordLaunch(props: {
  launch: LaunchContext;
  registration: RegistrationDoc;
  roles: TRole[];
  isDevelopment: boolean;
}): Promise<Actor> {
  const { launch, registration, roles } = props;
  const tenantId = registration._id.toString();
  const now = new Date();
  const contextTitle = launch.context.title ?? launch.context.label ?? "Untitled course";
  const name = launch.user.name ?? launch.user.email ?? "Unnamed user";
  const school = typeof launch.custom.school === "string" ? launch.custom.school : undefined;

  const courseUpdate: Record<string, unknown> = {
    title: contextTitle,
    label: launch.context.label,
    deploymentId: launch.deploymentId,
  };
  // Only a launch that carries service claims updates them: a learner's launch may omit AGS.
  if (launch.ags?.lineItemsUrl)
    Object.assign(courseUpdate, { agsLineItemsUrl: launch.ags.lineItemsUrl, agsScopes: launch.ags.scopes });
  if (launch.nrps) courseUpdate.nrpsUrl = launch.nrps.membershipsUrl;

  await writeIfChanged(`course|${tenantId}|${launch.context.id}`, courseUpdate, now, Number.POSITIVE_INFINITY, () =>
    Course.updateOne({ tenantId, contextId: launch.context.id }, { $set: courseUpdate }, { upsert: true }).then(
      () => undefined,
    ),
  );
  const identity = {
    givenName: launch.user.givenName,
    familyName: launch.user.familyName,
    ...(launch.user.sourcedId ? { sourcedId: launch.user.sourcedId } : {}),
  };
  const memberFields = {
    name,
    email: launch.user.email,
    ...identity,
    roles,
    ltiRoles: launch.ltiRoles,
    status: "Active",
    ...(school ? { school } : {}),
  };
  await writeIfChanged(
    `member|${tenantId}|${launch.context.id}|${launch.userId}`,
    memberFields,
    now,
    LAST_LAUNCH_RESOLUTION_MS,
    () =>
      Member.updateOne(
        { tenantId, contextId: launch.context.id, userId: launch.userId },
        { $set: { ...memberFields, lastLaunchAt: now } },
        { upsert: true },
      ).then(() =>
        // Only this person's membership changed.
        Promise.all([
          markCourseChanged({ course: { tenantId, contextId: launch.context.id }, onlyMentor: launch.userId }),
          refreshMentorFigures({ course: { tenantId, contextId: launch.context.id }, mentorUserId: launch.userId }),
        ]).then(() => undefined),
      ),
  );
  const launchRecord = new Launch({
    tenantId,
    contextId: launch.context.id,
    userId: launch.userId,
    deploymentId: launch.deploymentId,
    messageType: launch.messageType,
    resourceLinkId: launch.resourceLink?.id ?? null,
    deepLinking: launch.deepLinking ?? undefined,
    custom: launch.custom,
  });
  // Deep linking reads its launch record straight after this response; other launches need it
  // only for the record, so it is written without holding up the person. The document was built
  // (and defaulted) by mongoose above; it goes straight to the collection, skipping save()'s
  // machinery, as every launch pays for it.
  const saved = Launch.collection.insertOne(launchRecord.toObject());
  if (launch.messageType === "LtiDeepLinkingRequest") await saved;
  else saved.catch((err) => console.error("[lti] could not record a launch:", err));

  // The first staff launch sets the course up in the LMS (columns, roster) in the background,
  // so a tutor's first visit finds a complete gradebook and class; the person is not kept waiting.
  if (roles.includes("tutor") || roles.includes("lead")) {
    requestCourseSetup({ tenantId, contextId: launch.context.id, userId: launch.userId }).catch((err) =>
      console.error("[lti] could not ask for the course to be set up:", err),
    );
  }

  const target = typeof launch.custom.target === "string" ? launch.custom.target : null;
  return {
    tenantId,
    issuer: launch.issuer,
    clientId: launch.clientId,
    deploymentId: launch.deploymentId,
    userId: launch.userId,
    name,
    email: launch.user.email,
    contextId: launch.context.id,
    contextTitle,
    contextLabel: launch.context.label,
    resourceLinkId: launch.resourceLink?.id ?? null,
    roles,
    launchId: launchRecord._id.toString(),
    messageType: launch.messageType,
    target,
    isDevelopment: props.isDevelopment,
  };
}

// What this process last wrote for a course or member, so repeat launches skip writes that would
// change nothing (the launch's cost is mostly these writes on a single-writer engine). Another
// process writing meanwhile only means one redundant write here later.
const lastWritten = new Map<string, { json: string; at: number }>();
const MEMO_LIMIT = 20_000;
/** lastLaunchAt is kept to this resolution, so a person launching again and again costs one write. */
const LAST_LAUNCH_RESOLUTION_MS = 10 * 60_000;

async function writeIfChanged(
  key: string,
  fields: object,
  now: Date,
  maxAgeMs: number,
  write: () => Promise<void>,
): Promise<void> {
  const json = JSON.stringify(fields);
  const previous = lastWritten.get(key);
  if (previous && previous.json === json && now.getTime() - previous.at < maxAgeMs) return;
  await write();
  if (lastWritten.size >= MEMO_LIMIT) lastWritten.delete(lastWritten.keys().next().value as string);
  lastWritten.set(key, { json, at: now.getTime() });
}
