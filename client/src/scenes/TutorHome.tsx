import { Card, CardGrid } from "../components/Card";
import { MentorsCard } from "./Mentors";
import { MarkingCard } from "./programmeCards";
import { HomeWelcome } from "./HomeWelcome";
import { PlaceContent } from "./PlaceContent";
import { GradebookDeliveryCard, RosterCard } from "./gradebookCards";
import { useCan } from "../SessionContext";

/** Home for tutors: marking, panels and what has reached the course gradebook. */
export function TutorHome() {
  // A deep-linking launch is for choosing what to place, not for the usual home.
  if (useCan("placeContent", "Gradebook")) return <PlaceContent />;
  return (
    <HomeWelcome>
      <CardGrid>
        <MarkingCard />
        <Card title="Panel rounds" to="/panel">
          <p>Review submitted portfolios standard by standard and record each outcome.</p>
        </Card>
        <GradebookDeliveryCard />
        <RosterCard />
        <MentorsCard />
      </CardGrid>
    </HomeWelcome>
  );
}
