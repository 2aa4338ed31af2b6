import { z } from "zod";
import { defineEndpoint } from "./endpoint";

/** Why the date of birth is asked for, shown beside the field. */
export const DATE_OF_BIRTH_REASON =
  "Your school needs your date of birth to claim funding for your mentor training from the Department for Education; it is used for that claim only.";

const isoDay = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, "Date of birth must be a date like 1985-04-23")
  .refine(
    (s) => !Number.isNaN(Date.parse(`${s}T00:00:00Z`)) && new Date(`${s}T00:00:00Z`).toISOString().startsWith(s),
    "Date of birth is not a real date",
  );

/** PUT /api/profile: what a mentor (or a programme lead, naming them) enters for the funding claim. */
export const ZMentorProfileUpdate = z
  .object({
    mentorUserId: z.string().min(1).max(255).optional(),
    trn: z
      .string()
      .trim()
      .regex(/^\d{7}$/, "Teacher reference number (TRN) must be exactly 7 digits, e.g. 1234567"),
    schoolUrn: z
      .string()
      .trim()
      .regex(/^\d{6}$/, "School URN must be exactly 6 digits, e.g. 100000"),
    dateOfBirth: isoDay.nullable().optional(),
  })
  .strict();
export type TMentorProfileUpdate = z.infer<typeof ZMentorProfileUpdate>;

export const ZMentorProfileQuery = z.object({ mentorUserId: z.string().min(1).max(255).optional() });

/** GET /api/profile: who the mentor is to the registry and to the school's claim. */
export const ZMentorProfile = z.object({
  userId: z.string(),
  name: z.string(),
  givenName: z.string().nullable(),
  familyName: z.string().nullable(),
  email: z.string().nullable(),
  /** The student identifier from the LMS (LIS person_sourcedid). */
  sourcedId: z.string().nullable(),
  school: z.string().nullable(),
  trn: z.string().nullable(),
  schoolUrn: z.string().nullable(),
  /** Present only when the programme asks for it. */
  dateOfBirth: z.string().nullable(),
  asksDateOfBirth: z.boolean(),
  dateOfBirthReason: z.string().nullable(),
  canEdit: z.boolean(),
});
export type TMentorProfile = z.infer<typeof ZMentorProfile>;

/** /api/profile — a mentor's details for the registry and the funding claim (?mentorUserId= for staff). */
export const profileEndpoints = {
  read: defineEndpoint({
    method: "GET",
    path: "/api/profile",
    input: { query: ZMentorProfileQuery },
    output: ZMentorProfile,
  }),
  save: defineEndpoint({
    method: "PUT",
    path: "/api/profile",
    input: { body: ZMentorProfileUpdate },
    output: ZMentorProfile,
  }),
};
