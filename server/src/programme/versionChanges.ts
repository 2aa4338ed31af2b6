import type { TFrozenEvidence, TVersionChanges } from "../contracts/portfolio";

type Comparable = { number: number; narrativeHtml: string; evidence: TFrozenEvidence[] };

const standardsKey = (e: TFrozenEvidence) =>
  e.standards
    .map((s) => `${s.standardCode}|${s.descriptorCode ?? ""}|${s.note}`)
    .sort()
    .join(";");
const linksKey = (e: TFrozenEvidence) => e.links.map((l) => `${l.url}|${l.label}`).join(";");
const filesKey = (e: TFrozenEvidence) =>
  e.attachments
    .map((a) => a.id)
    .sort()
    .join(";");

/** What changed between a version and the one before it, so the panel can focus on it. */
export function versionChanges(previous: Comparable, current: Comparable): TVersionChanges {
  const before = new Map(previous.evidence.map((e) => [e.evidenceId, e]));
  const after = new Map(current.evidence.map((e) => [e.evidenceId, e]));
  const changed: TVersionChanges["changed"] = [];
  for (const [id, now] of after) {
    const then = before.get(id);
    if (!then) continue;
    const fields = [
      then.title !== now.title && "title",
      then.practiceDate !== now.practiceDate && "date",
      then.narrativeHtml !== now.narrativeHtml && "narrative",
      standardsKey(then) !== standardsKey(now) && "standards",
      linksKey(then) !== linksKey(now) && "links",
      filesKey(then) !== filesKey(now) && "attachments",
    ].filter((f): f is string => typeof f === "string");
    if (fields.length > 0) changed.push({ evidenceId: id, title: now.title, fields });
  }
  return {
    previousNumber: previous.number,
    narrativeChanged: previous.narrativeHtml !== current.narrativeHtml,
    added: current.evidence
      .filter((e) => !before.has(e.evidenceId))
      .map((e) => ({ evidenceId: e.evidenceId, title: e.title })),
    removed: previous.evidence
      .filter((e) => !after.has(e.evidenceId))
      .map((e) => ({ evidenceId: e.evidenceId, title: e.title })),
    changed,
  };
}
