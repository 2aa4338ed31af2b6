import { invalidField, invalidFields } from "../errors";
import type { TProgramme, TQualification } from "../programme/schema";

/** The qualification for a code, or a 400 naming the field. */
export function qualificationOf(def: TProgramme, code: string, field = "body.qualificationCode"): TQualification {
  const qualification = def.qualifications.find((q) => q.code === code);
  if (!qualification) {
    throw invalidField(field, "is not a qualification of this programme");
  }
  return qualification;
}

/** Refuses links to standards or descriptors the programme does not have, naming the field. */
export function checkStandardLinks(
  def: TProgramme,
  links: Array<{ standardCode: string; descriptorCode: string | null }>,
): void {
  const problems: Array<{ field: string; message: string }> = [];
  const seen = new Set<string>();
  links.forEach((link, i) => {
    const standard = def.standards.find((s) => s.code === link.standardCode);
    if (!standard)
      problems.push({
        field: `body.standards.${i}.standardCode`,
        message: `"${link.standardCode}" is not a standard of this programme`,
      });
    else if (link.descriptorCode !== null && !standard.descriptors.some((d) => d.code === link.descriptorCode)) {
      problems.push({
        field: `body.standards.${i}.descriptorCode`,
        message: `"${link.descriptorCode}" is not a descriptor of standard ${standard.code}`,
      });
    }
    const key = `${link.standardCode}|${link.descriptorCode ?? ""}`;
    if (seen.has(key))
      problems.push({ field: `body.standards.${i}`, message: "links the same standard or descriptor twice" });
    seen.add(key);
  });
  if (problems.length > 0) {
    throw invalidFields(problems);
  }
}
