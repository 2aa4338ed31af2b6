import { Card, CardGrid } from "../components/Card";
import { HomeWelcome } from "./HomeWelcome";

/** Home for programme leads: the partnership-wide view, credit and funding. */
export function LeadHome() {
  return (
    <HomeWelcome>
      <CardGrid>
        <Card title="Cohort dashboard" status="Coming soon">
          <p>Track completion and certification across the partnership.</p>
        </Card>
        <Card title="Credits" status="Coming soon">
          <p>Ratify M-level credit and export transcript lines for the registry.</p>
        </Card>
        <Card title="Funding claims" status="Coming soon">
          <p>Export each school's training-hours claim for the academic year.</p>
        </Card>
      </CardGrid>
    </HomeWelcome>
  );
}
