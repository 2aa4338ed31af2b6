import { Card, CardGrid } from "../components/Card";
import { useSession } from "../SessionContext";
import { PlaceContent } from "./PlaceContent";
import { FundingClaimsCard } from "./programmeCards";
import { HomeWelcome } from "./HomeWelcome";
import { MentorsCard } from "./Mentors";
import { CreditsCard, DashboardCard } from "./credentialCards";

/** Home for programme leads: the partnership-wide view, credit and funding. */
export function LeadHome() {
  // A deep-linking launch is for choosing what to place, not for the usual home.
  if (useSession().abilities.placeContent) return <PlaceContent />;
  return (
    <HomeWelcome>
      <CardGrid>
        <DashboardCard />
        <CreditsCard />
        <FundingClaimsCard />
        <MentorsCard />
        <Card title="Gradebook delivery" to="/gradebook">
          <p>See which grades have reached the course gradebook, and send again any that have not.</p>
        </Card>
        <Card title="Roster" to="/roster">
          <p>Everyone in the course from the VLE, including mentors who have not opened the tool yet.</p>
        </Card>
      </CardGrid>
    </HomeWelcome>
  );
}
