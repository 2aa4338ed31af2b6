import mongoose from "mongoose";
import type request from "supertest";
import type { RunningTool } from "../../server/src/boot";
import { onPortfolioApproved } from "../../server/src/commands/onPortfolioApproved";
import { Certificate, type CertificateDoc } from "../../server/src/models/certificate";
import { ModuleRecord } from "../../server/src/models/moduleRecord";
import { Registration } from "../../server/src/models/registration";
import { devUsers, launchAs, otherCourse } from "../support/launch";

/** The tenant id of the development platform (its registration's id). */
export async function devTenantId(tool: RunningTool): Promise<string> {
  const reg = await Registration.findOne({ issuer: tool.devPlatform!.issuer }).lean();
  if (!reg) throw new Error("development platform is not registered");
  return reg._id.toString();
}

/** Writes passed module records, as a tutor's passing marks leave them. */
export async function buildPassedModules(p: {
  tenantId: string;
  contextId: string;
  mentorUserId: string;
  codes: string[];
}) {
  for (const moduleCode of p.codes) {
    await ModuleRecord.create({
      tenantId: p.tenantId,
      contextId: p.contextId,
      mentorUserId: p.mentorUserId,
      moduleCode,
      versionId: "test",
      status: "graded",
      passed: true,
    });
  }
}

/** An approved portfolio version as the panel reports it; returns the certificate it issued. */
export async function buildApproval(p: {
  tenantId: string;
  contextId: string;
  mentorUserId: string;
  qualificationCode?: string;
}): Promise<CertificateDoc> {
  const versionId = new mongoose.Types.ObjectId().toString();
  await onPortfolioApproved({
    tenantId: p.tenantId,
    contextId: p.contextId,
    mentorUserId: p.mentorUserId,
    qualificationCode: p.qualificationCode ?? "MASTERY",
    portfolioId: new mongoose.Types.ObjectId().toString(),
    versionId,
    versionNumber: 2,
    approvedBy: "dev-tutor-1",
    approvedAt: new Date("2026-11-20T10:00:00Z"),
  });
  const cert = await Certificate.findOne({
    tenantId: p.tenantId,
    contextId: p.contextId,
    versionId,
  }).lean<CertificateDoc>();
  return cert!;
}

/** A supertest body parser that keeps a download's bytes as one Buffer. */
export const binary = ((res: NodeJS.ReadableStream, cb: (err: Error | null, body: Buffer) => void) => {
  const chunks: Buffer[] = [];
  res.on("data", (c: Buffer) => chunks.push(c));
  res.on("end", () => cb(null, Buffer.concat(chunks)));
}) as unknown as Parameters<request.Test["parse"]>[0];

/** Launches every seeded development user (and the tutor in the other course); their tokens by name. */
export async function launchEveryDevUser(tool: RunningTool): Promise<Record<string, string>> {
  const tokens: Record<string, string> = {};
  for (const [name, userId] of Object.entries(devUsers)) tokens[name] = (await launchAs(tool, { userId })).token;
  tokens.tutorOther = (await launchAs(tool, { userId: devUsers.tutor, courseId: otherCourse })).token;
  return tokens;
}
