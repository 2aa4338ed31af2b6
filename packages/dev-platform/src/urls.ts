/** The platform's own absolute URLs, all derived from the issuer (where the router is mounted). */
export interface PlatformUrls {
  issuer: string;
  home: string;
  auth: string;
  token: string;
  jwks: string;
  openidConfiguration: string;
  registration: string;
  deepLinkReturn: string;
  lineItems(courseId: string): string;
  lineItem(courseId: string, lineItemId: string): string;
  memberships(courseId: string): string;
}

export function buildPlatformUrls(issuer: string): PlatformUrls {
  const base = issuer.replace(/\/+$/, "");
  const course = (courseId: string) => `${base}/api/courses/${encodeURIComponent(courseId)}`;
  return {
    issuer: base,
    home: `${base}/`,
    auth: `${base}/auth`,
    token: `${base}/token`,
    jwks: `${base}/jwks`,
    openidConfiguration: `${base}/.well-known/openid-configuration`,
    registration: `${base}/register`,
    deepLinkReturn: `${base}/deep-link-return`,
    lineItems: (courseId) => `${course(courseId)}/lineitems`,
    lineItem: (courseId, lineItemId) => `${course(courseId)}/lineitems/${encodeURIComponent(lineItemId)}`,
    memberships: (courseId) => `${course(courseId)}/memberships`,
  };
}

/** Compares URLs the way a redirect_uri check should: same origin and path, query ignored. */
export function sameEndpoint(a: string, b: string): boolean {
  try {
    const x = new URL(a);
    const y = new URL(b);
    return x.origin === y.origin && x.pathname.replace(/\/+$/, "") === y.pathname.replace(/\/+$/, "");
  } catch {
    return false;
  }
}
