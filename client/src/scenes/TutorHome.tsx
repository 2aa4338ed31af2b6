import { Card, CardGrid } from "../components/Card";
import { MarkingCard } from "./programmeCards";
import { HomeWelcome } from "./HomeWelcome";

/** Home for tutors: marking, panels and what has reached the course gradebook. */
export function TutorHome() {
  return (
    <HomeWelcome>
      <CardGrid>
        <MarkingCard />
        <Card title="Panel rounds" to="/panel">
          <p>Review submitted portfolios standard by standard and record each outcome.</p>
        </Card>
        <Card title="Gradebook delivery" status="Coming soon">
          <p>See which grades have reached the course gradebook, and send again any that have not.</p>
        </Card>
        <Card title="Roster" status="Coming soon">
          <p>See the mentors on this course and how far each has got.</p>
        </Card>
      </CardGrid>
    </HomeWelcome>
  );
}
