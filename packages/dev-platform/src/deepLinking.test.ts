import { randomUUID } from "node:crypto";
import { decodeJwt } from "jose";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { generateToolKey, readForm, startPlatformHarness, type PlatformHarness } from "./testHarness.js";
import { CLAIM } from "./vocabulary.js";

let h: PlatformHarness;
beforeEach(async () => {
  h = await startPlatformHarness();
});
afterEach(async () => {
  await h.close();
});

const course = "course-mentor-2026";

/** Runs a deep-linking launch as the tutor and returns the `data` the response must echo. */
async function deepLinkingData(): Promise<string> {
  const { html } = await h.authorize({ userId: "dev-tutor-1", courseId: course, messageType: "LtiDeepLinkingRequest" });
  const claims = decodeJwt(readForm(html).fields.id_token);
  return (claims[CLAIM.deepLinkingSettings] as { data: string }).data;
}

async function responseJwt(
  data: string | undefined,
  claims: Record<string, unknown> = {},
  key?: Awaited<ReturnType<typeof generateToolKey>>,
) {
  return h.signAsTool(
    {
      iss: h.platform.clientId,
      aud: h.platform.issuer,
      nonce: randomUUID(),
      [CLAIM.messageType]: "LtiDeepLinkingResponse",
      [CLAIM.version]: "1.3.0",
      [CLAIM.deploymentId]: h.platform.deploymentId,
      ...(data ? { [CLAIM.deepLinkData]: data } : {}),
      [CLAIM.contentItems]: [
        {
          type: "ltiResourceLink",
          title: "Module 1: Mentoring conversations",
          url: `${h.tool.launchUrl}?target=module:M1`,
          custom: { target: "module:M1" },
          lineItem: { label: "Module 1", scoreMaximum: 100, resourceId: "module:M1", tag: "module" },
        },
        { type: "ltiResourceLink", title: "Portfolio" },
      ],
      ...claims,
    },
    key ? { key } : {},
  );
}

const postReturn = (jwt: string) =>
  fetch(`${h.platform.issuer}/deep-link-return`, { method: "POST", body: new URLSearchParams({ JWT: jwt }) });

describe("deep linking return", () => {
  it("places the items and creates the requested gradebook column on a new resource link", async () => {
    const res = await postReturn(await responseJwt(await deepLinkingData()));
    expect(res.status).toBe(200);
    expect(await res.text()).toContain("2 item(s) placed");

    expect(h.platform.deepLinks.received().map((i) => i.title)).toEqual([
      "Module 1: Mentoring conversations",
      "Portfolio",
    ]);
    const [withGrade, withoutGrade] = h.platform.deepLinks.placements();
    expect(withoutGrade.lineItemId).toBeUndefined();
    const lineItems = h.platform.gradebook.lineItems(course);
    expect(lineItems).toEqual([
      {
        id: withGrade.lineItemId,
        label: "Module 1",
        scoreMaximum: 100,
        resourceId: "module:M1",
        tag: "module",
        resourceLinkId: withGrade.resourceLinkId,
      },
    ]);

    // Launching the placed link now carries its custom target and its gradebook column.
    const { status, html } = await h.authorize({
      userId: "dev-mentor-1",
      courseId: course,
      resourceLinkId: withGrade.resourceLinkId,
    });
    expect(status).toBe(200);
    const claims = decodeJwt(readForm(html).fields.id_token);
    expect(claims[CLAIM.targetLinkUri]).toBe(`${h.tool.launchUrl}?target=module:M1`);
    expect(claims[CLAIM.custom]).toMatchObject({ target: "module:M1" });
    expect(claims[CLAIM.resourceLink]).toEqual({
      id: withGrade.resourceLinkId,
      title: "Module 1: Mentoring conversations",
    });
    expect((claims[CLAIM.ags] as { lineitem?: string }).lineitem).toBe(withGrade.lineItemId);
  });

  it("lists placed links on the home page", async () => {
    await postReturn(await responseJwt(await deepLinkingData()));
    expect(await (await fetch(`${h.platform.issuer}/`)).text()).toContain("Module 1: Mentoring conversations");
  });

  it("refuses a replayed response", async () => {
    const jwt = await responseJwt(await deepLinkingData());
    expect((await postReturn(jwt)).status).toBe(200);
    const replay = await postReturn(jwt);
    expect(replay.status).toBe(400);
    expect(await replay.text()).toContain("nonce reused");
    expect(h.platform.deepLinks.received()).toHaveLength(2);
  });

  const refusals: Array<[string, (data: string) => Promise<string>, RegExp]> = [
    ["the wrong audience", (data) => responseJwt(data, { aud: "https://other.example" }), /aud/],
    [
      "a signature from an unpublished key",
      async (data) => responseJwt(data, {}, await generateToolKey()),
      /kid|signature/,
    ],
    [
      "the wrong message type",
      (data) => responseJwt(data, { [CLAIM.messageType]: "LtiResourceLinkRequest" }),
      /message_type/,
    ],
    ["another deployment", (data) => responseJwt(data, { [CLAIM.deploymentId]: "other" }), /deployment_id/],
    ["no data claim", () => responseJwt(undefined), /data claim/],
    ["no nonce", (data) => responseJwt(data, { nonce: undefined }), /nonce/],
    [
      "a content item without a type",
      (data) => responseJwt(data, { [CLAIM.contentItems]: [{ title: "x" }] }),
      /content_items/,
    ],
  ];
  it.each(refusals)("refuses %s with a 400 page and records nothing", async (_name, makeJwt, reason) => {
    const res = await postReturn(await makeJwt(await deepLinkingData()));
    expect(res.status).toBe(400);
    expect(await res.text()).toMatch(reason);
    expect(h.platform.deepLinks.received()).toEqual([]);
    expect(h.platform.gradebook.lineItems(course)).toEqual([]);
  });

  it("refuses a post without a JWT field", async () => {
    const res = await fetch(`${h.platform.issuer}/deep-link-return`, {
      method: "POST",
      body: new URLSearchParams({ jwt: "x" }),
    });
    expect(res.status).toBe(400);
  });
});
