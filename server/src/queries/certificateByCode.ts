import { Certificate, type CertificateDoc } from "../models/certificate";

/** The certificate with this verification code, or null. */
export function certificateByCode(code: string): Promise<CertificateDoc | null> {
  return Certificate.findOne({ verificationCode: code }).lean<CertificateDoc>();
}
