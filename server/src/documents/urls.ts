/** Public addresses of a certificate's verification, as printed on it and put in its badge. */
export function verificationUrls(publicUrl: string, code: string) {
  const c = encodeURIComponent(code);
  return {
    page: `${publicUrl}/verify/${c}`,
    json: `${publicUrl}/api/public/verify/${c}`,
    keys: `${publicUrl}/api/public/keys`,
  };
}

/** The DfE national standards for school-based ITT mentors (2016), the standards badges align to. */
export const mentorStandardsUrl =
  "https://www.gov.uk/government/publications/initial-teacher-training-itt-national-standards-for-school-based-mentors";

/** UK date as printed on certificates and transcripts: "22 November 2026". */
export function longDate(d: Date): string {
  return d.toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric", timeZone: "Europe/London" });
}
