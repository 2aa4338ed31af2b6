import { certificatesEndpoints, type TCertificate } from "@contracts/certificates";
import { creditsEndpoints } from "@contracts/credits";
import { call, download as downloadFile } from "../api/call";
import { useQuery } from "../api/useQuery";
import { Button } from "../components/Button";
import { ErrorMessage } from "../components/ErrorMessage";
import { Loading } from "../components/Loading";
import { Page } from "../components/Page";
import { useAction } from "./useAction";

const day = (iso: string) =>
  new Date(iso).toLocaleDateString("en-GB", { day: "numeric", month: "long", year: "numeric" });
const creditWords = {
  provisional: "awarded, waiting for ratification by the exam board",
  ratified: "ratified",
  reversed: "reversed",
} as const;

/** Mentors: their certificates (PDF, Open Badge) and the state of their M-level credit. */
export function MyCredentials() {
  const certificates = useQuery((signal) => call(certificatesEndpoints.list, { signal }), []);
  const credits = useQuery((signal) => call(creditsEndpoints.list, { signal }), []);
  const download = useAction();
  return (
    <Page
      title="Certificates and credit"
      intro={<p>Your certificates and badges are issued when the review panel approves a portfolio.</p>}
    >
      {download.error ? <ErrorMessage error={download.error} /> : null}
      <section aria-labelledby="my-certificates">
        <h2 id="my-certificates">Certificates</h2>
        {certificates.status === "loading" && <Loading label="Loading your certificates…" />}
        {certificates.status === "error" && <ErrorMessage error={certificates.error} onRetry={certificates.reload} />}
        {certificates.status === "ready" && certificates.data.certificates.length === 0 && <p>No certificates yet.</p>}
        {certificates.status === "ready" &&
          certificates.data.certificates.map((c: TCertificate) => (
            <article key={c.id} className="certificate">
              <h3>{c.qualification.title}</h3>
              <p>
                {c.status === "valid" ? "Valid" : `Revoked on ${day(c.revokedAt!)}`}. Approved on {day(c.approvedAt)}.
                Verification code <strong>{c.verificationCode}</strong>; anyone can check it at{" "}
                <a href={c.verificationUrl}>{c.verificationUrl}</a>.
              </p>
              <p>
                Your Open Badge is signed by the partnership's tool, so any Open Badges 3.0 wallet or verifier can check
                it; keep the .jwt file, or the picture that carries it.
                {c.badgeIdentityNote
                  ? ` ${c.badgeIdentityNote}`
                  : " It names you by your name and by your email address, hashed so that only someone who already knows the address can match it."}
              </p>
              {c.route === "prior_learning" && (
                <p>Awarded through the prior-learning route (evidence from past mentoring).</p>
              )}
              <div className="actions">
                <Button
                  variant="secondary"
                  aria-label={`Certificate (PDF): ${c.qualification.title}`}
                  onClick={() =>
                    void download.run(() =>
                      downloadFile(certificatesEndpoints.pdf, {
                        params: { certificateId: c.id },
                        fallbackName: "certificate.pdf",
                      }),
                    )
                  }
                >
                  Certificate (PDF)
                </Button>
                <Button
                  variant="secondary"
                  aria-label={`Signed Open Badge (.jwt): ${c.qualification.title}`}
                  onClick={() =>
                    void download.run(() =>
                      downloadFile(certificatesEndpoints.signedBadge, {
                        params: { certificateId: c.id },
                        fallbackName: "badge.jwt",
                      }),
                    )
                  }
                >
                  Signed Open Badge (.jwt)
                </Button>
                <Button
                  variant="secondary"
                  aria-label={`Badge picture with the signed badge inside (.svg): ${c.qualification.title}`}
                  onClick={() =>
                    void download.run(() =>
                      downloadFile(certificatesEndpoints.badgePicture, {
                        params: { certificateId: c.id },
                        fallbackName: "badge.svg",
                      }),
                    )
                  }
                >
                  Badge picture with the signed badge inside (.svg)
                </Button>
              </div>
            </article>
          ))}
      </section>
      <section aria-labelledby="my-credit">
        <h2 id="my-credit">M-level credit</h2>
        {credits.status === "loading" && <Loading label="Loading your credit…" />}
        {credits.status === "error" && <ErrorMessage error={credits.error} onRetry={credits.reload} />}
        {credits.status === "ready" && credits.data.awards.length === 0 && (
          <p>
            No credit yet. Credit is awarded when every required module is complete and your Mastery portfolio is
            approved.
          </p>
        )}
        {credits.status === "ready" && credits.data.awards.length > 0 && (
          <ul>
            {credits.data.awards.map((a) => (
              <li key={a.id}>
                {a.credits} credits at FHEQ level {a.fheqLevel} ({a.transcriptCode}): {creditWords[a.status]}.
              </li>
            ))}
          </ul>
        )}
      </section>
    </Page>
  );
}
