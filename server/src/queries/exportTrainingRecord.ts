import { signCredential } from "../documents/badgeSigning";
import { trainingRecordCredential, trainingSubjectId, type TrainingHoursGroup } from "../documents/trainingRecord";
import { verificationUrls } from "../documents/urls";
import { Certificate, type CertificateDoc } from "../models/certificate";
import { Member } from "../models/member";
import { ModuleRecord } from "../models/moduleRecord";
import { TrainingHoursEntry, type TrainingHoursEntryDoc } from "../models/trainingHoursEntry";
import type { CourseMentor } from "./mentorInCourse";
import { programmeInForce } from "./programmeInForce";

/**
 * A mentor's training record, signed: the hours this partnership recorded (by year, type and
 * provider, completed and exempted), modules passed and certificates not revoked. Hours recognised
 * here from another partnership are left out: that partnership's own record carries them.
 */
export async function exportTrainingRecord(props: {
  scope: { tenantId: string; contextId: string };
  mentor: CourseMentor;
  publicUrl: string;
  ltiKey: string;
}): Promise<{ jwt: string; fileName: string }> {
  const { scope, mentor } = props;
  const who = { ...scope, mentorUserId: mentor.id };
  const [programme, member, entries, passed, certificates] = await Promise.all([
    programmeInForce(scope.tenantId, scope.contextId),
    Member.findOne({ ...scope, userId: mentor.id }, { name: 1, email: 1, trn: 1, sourcedId: 1 }).lean(),
    TrainingHoursEntry.find(who).sort({ date: 1, _id: 1 }).lean<TrainingHoursEntryDoc[]>(),
    ModuleRecord.find({ ...who, passed: true }, { moduleCode: 1, updatedAt: 1 }).lean(),
    Certificate.find({ ...who, revokedAt: null }).lean<CertificateDoc[]>(),
  ]);
  const groups = new Map<string, TrainingHoursGroup>();
  for (const e of entries) {
    if (e.recognisedFrom) continue;
    const provider = e.provider ?? programme.definition.partnership;
    const key = JSON.stringify([e.academicYear, e.kind, provider]);
    const g = groups.get(key) ?? {
      academicYear: e.academicYear,
      kind: e.kind,
      provider,
      completedHours: 0,
      exemptedHours: 0,
      firstDate: e.date,
      lastDate: e.date,
    };
    if (e.status === "exempted") g.exemptedHours += e.hours;
    else g.completedHours += e.hours;
    if (e.date < g.firstDate) g.firstDate = e.date;
    if (e.date > g.lastDate) g.lastDate = e.date;
    groups.set(key, g);
  }
  const titles = new Map(programme.definition.modules.map((m) => [m.code, m.title]));
  const credential = trainingRecordCredential({
    publicUrl: props.publicUrl,
    partnership: programme.definition.partnership,
    subjectId: trainingSubjectId(props.publicUrl, who),
    mentor: {
      name: member?.name ?? mentor.name,
      email: member?.email ?? null,
      trn: member?.trn ?? null,
      sourcedId: member?.sourcedId ?? null,
    },
    hours: [...groups.values()],
    modules: passed.map((r) => ({
      code: r.moduleCode,
      title: titles.get(r.moduleCode) ?? r.moduleCode,
      passedAt: new Date(r.updatedAt).toISOString(),
    })),
    certificates,
    issuedAt: new Date(),
  });
  const jwt = await signCredential(credential, props.ltiKey, verificationUrls(props.publicUrl, "").keys);
  const slug =
    (member?.name ?? mentor.name)
      .replace(/[^A-Za-z0-9]+/g, "-")
      .replace(/^-|-$/g, "")
      .toLowerCase() || "mentor";
  return { jwt, fileName: `training-record-${slug}.jwt` };
}
