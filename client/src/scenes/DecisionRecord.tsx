import { useState } from "react";
import { mentorsEndpoints } from "@contracts/mentors";
import { panelEndpoints } from "@contracts/panel";
import type { TDecisionChainCheck, TDecisionListQuery } from "@contracts/decisions";
import type { TCertificate } from "@contracts/certificates";
import { call } from "../api/call";
import { panelApi } from "../api/panelApi";
import { useQuery } from "../api/useQuery";
import { Button } from "../components/Button";
import { ErrorMessage } from "../components/ErrorMessage";
import { Field } from "../components/Field";
import { Loading } from "../components/Loading";
import { Page } from "../components/Page";
import { Table } from "../components/Table";
import { useLatest } from "./useLatest";
import { shortDate, useAction } from "./useAction";

const kindText: Record<string, string> = {
  judgement: "Judgements",
  outcome: "Reviewer's outcome",
  decision: "Outcome confirmed",
  moderation: "Lead's moderation",
  release: "Round released",
  revocation: "Certificate revoked",
  reversal: "Credit reversed",
  ratification: "Credit ratified",
  mark_change: "Mark changed",
  allocation: "Portfolio allocated to a reviewer",
};
const dateTime = (iso: string) =>
  new Date(iso).toLocaleString("en-GB", {
    day: "numeric",
    month: "short",
    year: "numeric",
    hour: "2-digit",
    minute: "2-digit",
  });

/**
 * The programme lead's decision record: every judgement, outcome, moderation, release and
 * revocation, per mentor or per round, exported as CSV and checked end to end (hash-chained).
 * With a mentor chosen, their certificates, which the lead may revoke with a reason.
 */
export function DecisionRecord() {
  const [query, setQuery] = useState<TDecisionListQuery>({});
  const mentors = useQuery((signal) => call(mentorsEndpoints.list, { signal }), []);
  const rounds = useQuery((signal) => call(panelEndpoints.rounds, { signal }), []);
  const entries = useQuery((signal) => panelApi.decisions(query, signal), [query.mentorUserId, query.roundId]);
  const data = useLatest(entries);
  const exporting = useAction();
  const checking = useAction();
  const [check, setCheck] = useState<TDecisionChainCheck | null>(null);
  const mentorName = (id: string | null) =>
    id && mentors.status === "ready" ? (mentors.data.mentors.find((m) => m.id === id)?.name ?? id) : (id ?? "");

  const runCheck = async () => {
    setCheck(null);
    const result = await checking.run(() => panelApi.verifyDecisions());
    if (result) setCheck(result);
  };

  return (
    <Page
      title="Decision record"
      intro={
        <p>
          Every judgement, outcome, moderation, release, mark change, credit decision and revocation is kept here in
          order. Each entry carries a hash of the one before it, so a changed or deleted entry shows when the record is
          checked.
        </p>
      }
    >
      <form onSubmit={(e) => e.preventDefault()} className="filters">
        <Field label="Mentor" isOptional>
          {(c) => (
            <select
              {...c}
              value={query.mentorUserId ?? ""}
              onChange={(e) => setQuery((q) => ({ ...q, mentorUserId: e.target.value || undefined }))}
            >
              <option value="">All mentors</option>
              {mentors.status === "ready" &&
                mentors.data.mentors.map((m) => (
                  <option key={m.id} value={m.id}>
                    {m.name}
                  </option>
                ))}
            </select>
          )}
        </Field>
        <Field label="Panel round" isOptional>
          {(c) => (
            <select
              {...c}
              value={query.roundId ?? ""}
              onChange={(e) => setQuery((q) => ({ ...q, roundId: e.target.value || undefined }))}
            >
              <option value="">All rounds</option>
              {rounds.status === "ready" &&
                rounds.data.rounds.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name} ({shortDate(r.date)})
                  </option>
                ))}
            </select>
          )}
        </Field>
      </form>
      <p>
        <Button
          variant="secondary"
          onClick={() => void exporting.run(() => panelApi.exportDecisions(query))}
          isBusy={exporting.isBusy}
          busyLabel="Preparing the CSV…"
        >
          Export as CSV
        </Button>{" "}
        <Button variant="secondary" onClick={() => void runCheck()} isBusy={checking.isBusy} busyLabel="Checking…">
          Check the record
        </Button>
      </p>
      {exporting.error ? <ErrorMessage error={exporting.error} /> : null}
      {checking.error ? <ErrorMessage error={checking.error} /> : null}
      <div role="status" aria-live="polite">
        {check &&
          (check.isIntact ? (
            <p>The record is intact: all {check.entries} entries are in order and unchanged.</p>
          ) : (
            <>
              <p>
                <strong>The record has been changed:</strong> {check.problems.length} problem
                {check.problems.length === 1 ? "" : "s"} in {check.entries} entries.
              </p>
              <ul>
                {check.problems.map((p) => (
                  <li key={`${p.seq}-${p.problem}`}>
                    Entry {p.seq}: {p.problem}
                  </li>
                ))}
              </ul>
            </>
          ))}
      </div>
      {entries.status === "error" ? (
        <ErrorMessage error={entries.error} onRetry={entries.reload} />
      ) : !data ? (
        <Loading label="Loading the decision record…" />
      ) : (
        <Table
          caption={`Decision record${query.mentorUserId ? ` for ${mentorName(query.mentorUserId)}` : ""}${query.roundId ? " in the chosen round" : ""}`}
          emptyMessage="No decisions recorded yet."
          rows={data.entries}
          rowKey={(e) => String(e.seq)}
          columns={[
            { header: "No.", cell: (e) => e.seq, align: "end" },
            { header: "When", cell: (e) => dateTime(e.at), isRowHeader: true },
            { header: "What", cell: (e) => kindText[e.kind] ?? e.kind },
            { header: "Who", cell: (e) => `${e.actor.name} (${e.actor.role})` },
            { header: "Mentor", cell: (e) => mentorName(e.mentorUserId) || "—" },
            { header: "Change", cell: (e) => `${e.before ?? "—"} → ${e.after ?? "—"}` },
            { header: "Reason", cell: (e) => e.reason || "—" },
          ]}
        />
      )}
      {query.mentorUserId && (
        <MentorCertificates
          mentorUserId={query.mentorUserId}
          name={mentorName(query.mentorUserId)}
          onRevoked={entries.reload}
        />
      )}
    </Page>
  );
}

/** A mentor's certificates, each revocable by the lead with a reason and a confirmation. */
function MentorCertificates({
  mentorUserId,
  name,
  onRevoked,
}: {
  mentorUserId: string;
  name: string;
  onRevoked: () => void;
}) {
  const certificates = useQuery((signal) => panelApi.certificates({ mentorUserId }, signal), [mentorUserId]);
  const [notice, setNotice] = useState("");
  if (certificates.status === "error") return <ErrorMessage error={certificates.error} onRetry={certificates.reload} />;
  if (certificates.status !== "ready") return <Loading label="Loading certificates…" />;
  return (
    <section aria-labelledby="certificates">
      <h2 id="certificates">{name}'s certificates</h2>
      <p role="status" aria-live="polite">
        {notice}
      </p>
      {certificates.data.certificates.length === 0 ? (
        <p>No certificates issued.</p>
      ) : (
        <ul>
          {certificates.data.certificates.map((c) => (
            <li key={c.id}>
              <CertificateRow
                certificate={c}
                onRevoked={(message) => {
                  setNotice(message);
                  certificates.reload();
                  onRevoked();
                }}
              />
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}

function CertificateRow({
  certificate: c,
  onRevoked,
}: {
  certificate: TCertificate;
  onRevoked: (message: string) => void;
}) {
  const [step, setStep] = useState<"idle" | "reason" | "confirm">("idle");
  const [reason, setReason] = useState("");
  const [reasonError, setReasonError] = useState("");
  const action = useAction();
  const toConfirm = () => {
    const isGiven = reason.trim().length >= 3;
    setReasonError(isGiven ? "" : "Say why the certificate is revoked (at least 3 characters).");
    if (isGiven) setStep("confirm");
  };
  const revoke = async () => {
    const done = await action.run(() => panelApi.revokeCertificate(c.id, { reason }));
    if (done) {
      setStep("idle");
      onRevoked(
        `${c.qualification.title} revoked. The verification page and the badge's status list now say so, any credit is reversed, and the mentor is told.`,
      );
    } else setStep("reason");
  };
  const title = `${c.qualification.title}, issued ${shortDate(c.issuedAt)} (code ${c.verificationCode})`;
  if (c.status === "revoked")
    return (
      <p>
        {title}: revoked {c.revokedAt ? shortDate(c.revokedAt) : ""}
        {c.revocationReason ? ` — ${c.revocationReason}` : ""}.
      </p>
    );
  return (
    <>
      <p>{title}: valid.</p>
      {action.error && step === "reason" ? <ErrorMessage error={action.error} /> : null}
      {step === "idle" && (
        <Button variant="secondary" onClick={() => setStep("reason")}>
          Revoke<span className="visually-hidden"> {c.qualification.title}</span>
        </Button>
      )}
      {step === "reason" && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            toConfirm();
          }}
          noValidate
        >
          <Field
            label="Reason for revoking"
            hint="The mentor sees this, and it is kept in the decision record."
            error={reasonError || action.fieldErrors.reason}
          >
            {(ctl) => <textarea {...ctl} rows={3} value={reason} onChange={(e) => setReason(e.target.value)} />}
          </Field>
          <Button type="submit">Continue</Button>{" "}
          <Button variant="quiet" onClick={() => setStep("idle")}>
            Cancel
          </Button>
        </form>
      )}
      {step === "confirm" && (
        <div role="alertdialog" aria-labelledby={`confirm-${c.id}`} aria-describedby={`confirm-${c.id}-text`}>
          <p id={`confirm-${c.id}`}>
            <strong>Revoke {c.qualification.title}?</strong>
          </p>
          <p id={`confirm-${c.id}-text`}>This cannot be undone. Reason: “{reason.trim()}”.</p>
          <Button onClick={() => void revoke()} isBusy={action.isBusy} busyLabel="Revoking…" autoFocus>
            Yes, revoke the certificate
          </Button>{" "}
          <Button variant="quiet" onClick={() => setStep("reason")}>
            Go back
          </Button>
        </div>
      )}
    </>
  );
}
