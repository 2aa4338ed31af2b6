import { defaultProgramme } from "../server/src/programme/defaultProgramme";
const p = defaultProgramme() as any;
console.log(p.code, p.modules.map((m: any) => m.code), (p.qualifications ?? []).map((q: any) => q.code), JSON.stringify(p.creditRule ?? p.creditRules).slice(0, 400), p.standards.map((s: any) => s.code));
