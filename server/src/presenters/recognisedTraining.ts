import type { TRecognisedTraining } from "../contracts/trainingRecord";
import type { RecognisedTrainingDoc } from "../models/recognisedTraining";
import { recognisedLabel } from "../programme/recognisedLabel";

/** The presented form of recognised training. */
export function presentRecognisedTraining(doc: RecognisedTrainingDoc): TRecognisedTraining {
  return {
    id: doc._id.toString(),
    issuerName: doc.issuerName,
    issuerHost: new URL(doc.issuerId).host,
    label: recognisedLabel(doc.issuerName, doc.issuerId),
    issuedAt: doc.issuedAt.toISOString(),
    importedAt: doc.importedAt.toISOString(),
    importedByName: doc.importedByName,
    hours: doc.hours.map((h) => ({
      academicYear: h.academicYear ?? "",
      kind: h.kind === "refresher" ? "refresher" : "initial",
      provider: h.provider ?? "",
      completedHours: h.completedHours ?? 0,
      exemptedHours: h.exemptedHours ?? 0,
    })),
    modules: doc.modules.map((m) => ({ code: m.code ?? "", title: m.title ?? "" })),
    certificates: doc.certificates.map((c) => ({ title: c.title ?? "" })),
  };
}
