import { conflict, notFound } from "../errors";
import { ActivityCompletion } from "../models/activityCompletion";
import { ModuleRecord } from "../models/moduleRecord";
import type { MentorScope } from "../programme/moduleWork";
import { editableRecord } from "./editableRecord";

/** Starts a module for a mentor (idempotent); refused while the module is locked. */
export async function startModule(props: MentorScope & { moduleCode: string }): Promise<void> {
  const { moduleCode, ...scope } = props;
  await editableRecord({ scope, moduleCode });
}

/** Marks one activity of a module done or not done. */
export async function setActivityDone(
  props: MentorScope & { moduleCode: string; activityCode: string; completed: boolean },
): Promise<void> {
  const { moduleCode, activityCode, completed, ...scope } = props;
  const { module } = await editableRecord({ scope, moduleCode });
  if (!module.activities.some((a) => a.code === activityCode)) throw notFound("That activity");
  const key = { ...scope, moduleCode, activityCode };
  if (!completed) {
    await ActivityCompletion.deleteOne(key);
    return;
  }
  await ActivityCompletion.updateOne(key, { $setOnInsert: key }, { upsert: true });
}

/** Saves the mentor's module reflection (a draft until the work is submitted). */
export async function saveModuleReflection(
  props: MentorScope & { moduleCode: string; reflection: string },
): Promise<void> {
  const { moduleCode, reflection, ...scope } = props;
  const { record } = await editableRecord({ scope, moduleCode });
  // At the attempt read, so a submission in between (which freezes the reflection and moves the attempt on) is not overtaken.
  const saved = await ModuleRecord.updateOne({ _id: record._id, attempt: record.attempt }, { $set: { reflection } });
  if (saved.matchedCount === 0)
    throw conflict("Your module changed while you were saving (perhaps in another tab). Reload and try again.");
}
