/** The tool's LTI endpoints as the platform must be told them. */
export function toolUrls(publicUrl: string) {
  return {
    login: `${publicUrl}/lti/login`,
    launch: `${publicUrl}/lti/launch`,
    keys: `${publicUrl}/lti/keys`,
    register: `${publicUrl}/lti/register`,
    app: `${publicUrl}/app/`,
  };
}
