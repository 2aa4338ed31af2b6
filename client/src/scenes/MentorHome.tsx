import { Card, CardGrid } from "../components/Card";
import { HomeWelcome } from "./HomeWelcome";

/** Home for mentors: where they work through modules and build their portfolio. */
export function MentorHome() {
  return (
    <HomeWelcome>
      <CardGrid>
        <Card title="Your modules" status="Coming soon">
          <p>Work through the Entry modules, then the Mastery modules they open.</p>
        </Card>
        <Card title="Mentor audit" status="Coming soon">
          <p>Rate your confidence against the national mentor standards and see how it grows.</p>
        </Card>
        <Card title="Training hours" status="Coming soon">
          <p>Keep a record of your training hours for your school's funding claim.</p>
        </Card>
        <Card title="Portfolio" status="Coming soon">
          <p>Gather dated evidence against the standards and submit it to the review panel.</p>
        </Card>
      </CardGrid>
    </HomeWelcome>
  );
}
