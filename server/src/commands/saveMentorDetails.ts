import { Member } from "../models/member";

/** Keeps what a mentor (or a lead for them) entered for the registry and the funding claim: TRN, school URN, date of birth. */
export async function saveMentorDetails(props: {
  course: { tenantId: string; contextId: string };
  userId: string;
  details: Partial<Record<"trn" | "schoolUrn" | "dateOfBirth", string | null>>;
}): Promise<void> {
  await Member.updateOne(
    { tenantId: props.course.tenantId, contextId: props.course.contextId, userId: props.userId },
    { $set: props.details },
  );
}
