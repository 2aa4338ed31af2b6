import { conflict } from "../errors";
import type { OutboxRecord } from "../gradebook/deliverCell";
import { GradeRecord } from "../models/gradeRecord";

/** Sends a mark whose delivery failed again: back to pending, attempts from nought, due now. */
export async function retryGradeDelivery(record: OutboxRecord): Promise<void> {
  if (record.delivery.status !== "failed") throw conflict("Only a mark whose delivery failed can be sent again.");
  // The worker never touches failed records, so this plain update cannot race with it.
  await GradeRecord.updateOne(
    { _id: record._id, "delivery.status": "failed" },
    {
      $set: {
        "delivery.status": "pending",
        "delivery.attempts": 0,
        "delivery.nextAttemptAt": new Date(),
        "delivery.lastError": null,
        "delivery.lastStatus": null,
      },
    },
  );
}
