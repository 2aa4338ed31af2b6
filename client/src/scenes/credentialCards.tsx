import { Card } from "../components/Card";

/** Mentor home: certificates, badges and credit status. */
export function CredentialsCard() {
  return (
    <Card title="Certificates and credit" to="/credentials">
      <p>Download your certificates and Open Badges, and see the state of your M-level credit.</p>
    </Card>
  );
}

/** Lead home: the cohort dashboard. */
export function DashboardCard() {
  return (
    <Card title="Cohort dashboard" to="/dashboard">
      <p>Track completion and certification across the partnership.</p>
    </Card>
  );
}

/** Lead home: the credit ledger. */
export function CreditsCard() {
  return (
    <Card title="Credits" to="/credits">
      <p>Ratify M-level credit and export transcript lines for the registry.</p>
    </Card>
  );
}
