import { z } from "zod";
import { launchRefused } from "../errors";

/** A validated LTI launch, as our code sees it (ltijs's untyped token, checked at the door). */
export const ZLaunchContext = z.object({
  issuer: z.string().min(1),
  clientId: z.string().min(1),
  deploymentId: z.string().min(1),
  userId: z.string().min(1),
  user: z.object({
    name: z.string().nullable(),
    givenName: z.string().nullable(),
    familyName: z.string().nullable(),
    email: z.string().nullable(),
    /** The LIS claim's person_sourcedid: the student identifier the registry matches a transcript by. */
    sourcedId: z.string().nullable(),
  }),
  messageType: z.enum(["LtiResourceLinkRequest", "LtiDeepLinkingRequest"]),
  context: z.object({ id: z.string().min(1), title: z.string().nullable(), label: z.string().nullable() }),
  resourceLink: z.object({ id: z.string().min(1), title: z.string().nullable() }).nullable(),
  ltiRoles: z.array(z.string()),
  custom: z.record(z.string(), z.unknown()),
  ags: z
    .object({
      scopes: z.array(z.string()),
      lineItemsUrl: z.string().url().nullable(),
      lineItemUrl: z.string().url().nullable(),
    })
    .nullable(),
  nrps: z.object({ membershipsUrl: z.string().url() }).nullable(),
  deepLinking: z
    .object({
      returnUrl: z.string().url(),
      data: z.string().nullable(),
      acceptTypes: z.array(z.string()),
      acceptMultiple: z.boolean(),
    })
    .nullable(),
  platformName: z.string().nullable(),
});
export type LaunchContext = z.infer<typeof ZLaunchContext>;

const str = z
  .string()
  .nullish()
  .transform((v) => v ?? null);

// The shape ltijs leaves in res.locals.token after validating an id_token; loose on purpose,
// since platforms add claims, and strict only where our code depends on a value.
const ZLtijsToken = z.object({
  iss: z.string(),
  clientId: z.string(),
  deploymentId: z.string(),
  user: z.string(),
  userInfo: z.object({ name: str, given_name: str, family_name: str, email: str }).partial().nullish(),
  platformInfo: z.object({ name: str }).partial().passthrough().nullish(),
  platformContext: z.object({
    messageType: z.string(),
    context: z.object({ id: z.string(), title: str, label: str }).passthrough().nullish(),
    resource: z.object({ id: z.string(), title: str }).passthrough().nullish(),
    roles: z.array(z.string()).nullish(),
    custom: z.record(z.string(), z.unknown()).nullish(),
    endpoint: z
      .object({ scope: z.array(z.string()).nullish(), lineitems: str, lineitem: str })
      .passthrough()
      .nullish(),
    namesRoles: z.object({ context_memberships_url: z.string() }).passthrough().nullish(),
    lis: z.object({ person_sourcedid: str }).partial().passthrough().nullish(),
    deepLinkingSettings: z
      .object({
        deep_link_return_url: z.string(),
        data: str,
        accept_types: z.array(z.string()).nullish(),
        accept_multiple: z.boolean().nullish(),
      })
      .passthrough()
      .nullish(),
  }),
});

/** Turns ltijs's launch token into a LaunchContext, refusing launches we cannot serve. */
export function toLaunchContext(token: unknown): LaunchContext {
  const parsed = ZLtijsToken.safeParse(token);
  if (!parsed.success) {
    throw launchRefused("The launch from your VLE was missing information Mentor Pathways needs.", {
      issues: parsed.error.issues.map((i) => i.path.join(".")),
    });
  }
  const t = parsed.data;
  const pc = t.platformContext;
  if (!pc.context?.id) {
    throw launchRefused(
      "Mentor Pathways must be opened from within a course, but this launch named no course (context).",
    );
  }
  const info = t.userInfo ?? {};
  const name = info.name ?? ([info.given_name, info.family_name].filter(Boolean).join(" ") || null);
  return ZLaunchContext.parse({
    issuer: t.iss,
    clientId: t.clientId,
    deploymentId: t.deploymentId,
    userId: t.user,
    user: {
      name,
      givenName: info.given_name ?? null,
      familyName: info.family_name ?? null,
      email: info.email ?? null,
      sourcedId: pc.lis?.person_sourcedid || null,
    },
    messageType: pc.messageType,
    context: { id: pc.context.id, title: pc.context.title ?? null, label: pc.context.label ?? null },
    resourceLink: pc.resource?.id ? { id: pc.resource.id, title: pc.resource.title ?? null } : null,
    ltiRoles: pc.roles ?? [],
    custom: pc.custom ?? {},
    ags: pc.endpoint
      ? {
          scopes: pc.endpoint.scope ?? [],
          lineItemsUrl: pc.endpoint.lineitems ?? null,
          lineItemUrl: pc.endpoint.lineitem ?? null,
        }
      : null,
    nrps: pc.namesRoles ? { membershipsUrl: pc.namesRoles.context_memberships_url } : null,
    deepLinking: pc.deepLinkingSettings
      ? {
          returnUrl: pc.deepLinkingSettings.deep_link_return_url,
          data: pc.deepLinkingSettings.data ?? null,
          acceptTypes: pc.deepLinkingSettings.accept_types ?? [],
          acceptMultiple: pc.deepLinkingSettings.accept_multiple ?? false,
        }
      : null,
    platformName: t.platformInfo?.name ?? null,
  });
}
