import { CardGrid } from "../components/Card";
import { useCan } from "../SessionContext";
import { PlaceContent } from "./PlaceContent";
import { GradebookDeliveryCard, RosterCard } from "./gradebookCards";
import { FundingClaimsCard } from "./programmeCards";
import { HomeWelcome } from "./HomeWelcome";
import { MentorsCard } from "./Mentors";
import { CreditsCard, DashboardCard } from "./credentialCards";

/** Home for programme leads: the partnership-wide view, credit and funding. */
export function LeadHome() {
  // A deep-linking launch is for choosing what to place, not for the usual home.
  if (useCan("placeContent", "Gradebook")) return <PlaceContent />;
  return (
    <HomeWelcome>
      <CardGrid>
        <DashboardCard />
        <CreditsCard />
        <FundingClaimsCard />
        <MentorsCard />
        <GradebookDeliveryCard />
        <RosterCard />
      </CardGrid>
    </HomeWelcome>
  );
}
