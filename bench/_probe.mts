import mongoose from "mongoose";
import { startEmbeddedEngine } from "../server/src/db/embeddedEngine";
import { connectDatabase, ensureIndexes } from "../server/src/db/connection";
import "../server/src/models";
import { Evidence } from "../server/src/models/evidence";
import { Member } from "../server/src/models/member";
const e = await startEmbeddedEngine("/tmp/benchprobe/db-" + Date.now());
await connectDatabase(e.uri + "probe");
await ensureIndexes();
let t = performance.now();
const N = 20000;
for (let b = 0; b < N; b += 5000) {
  const docs = Array.from({ length: 5000 }, (_, i) => ({ tenantId: "t", contextId: "c", mentorUserId: `m${(b + i) % 1000}`, title: `Evidence ${b + i}`, practiceDate: new Date(), narrativeHtml: "<p>Some narrative text about the practice observed in the lesson.</p>", position: b + i }));
  await Evidence.insertMany(docs, { ordered: false, lean: true });
}
console.log("evidence/s", (N / (performance.now() - t)) * 1000);
t = performance.now();
for (let b = 0; b < N; b += 5000) {
  const docs = Array.from({ length: 5000 }, (_, i) => ({ tenantId: "t", contextId: "c", userId: `m${b + i}`, name: `Mentor ${b + i}`, roles: ["mentor"] }));
  await Member.insertMany(docs, { ordered: false, lean: true });
}
console.log("member/s", (N / (performance.now() - t)) * 1000);
t = performance.now();
await Promise.all([0,1,2,3].map(async (k) => { for (let b = 0; b < 5000; b += 5000) { const docs = Array.from({ length: 5000 }, (_, i) => ({ tenantId: "t", contextId: "c"+k, mentorUserId: `m${(b + i) % 1000}`, title: `Evidence ${b + i}`, practiceDate: new Date(), narrativeHtml: "<p>x</p>", position: b + i })); await Evidence.insertMany(docs, { ordered: false, lean: true }); } }));
console.log("parallel evidence/s", (20000 / (performance.now() - t)) * 1000);
await mongoose.disconnect(); await e.stop();
