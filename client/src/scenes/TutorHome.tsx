import { Card, CardGrid } from "../components/Card";
import { HomeWelcome } from "./HomeWelcome";

/** Home for tutors: marking, panels and what has reached the course gradebook. */
export function TutorHome() {
  return (
    <HomeWelcome>
      <CardGrid>
        <Card title="Marking" status="Coming soon">
          <p>Mark module work. Marks stay provisional until they are moderated and ratified.</p>
        </Card>
        <Card title="Panel rounds" status="Coming soon">
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
