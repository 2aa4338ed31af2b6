import { CardGrid } from "../components/Card";
import { FundingClaimsCard } from "./programmeCards";
import { HomeWelcome } from "./HomeWelcome";
import { CreditsCard, DashboardCard } from "./credentialCards";

/** Home for programme leads: the partnership-wide view, credit and funding. */
export function LeadHome() {
  return (
    <HomeWelcome>
      <CardGrid>
        <DashboardCard />
        <CreditsCard />
        <FundingClaimsCard />
      </CardGrid>
    </HomeWelcome>
  );
}
