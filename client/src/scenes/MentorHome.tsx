import { Card, CardGrid } from "../components/Card";
import { AuditCard, HoursCard, ModulesCard } from "./programmeCards";
import { HomeWelcome } from "./HomeWelcome";
import { CredentialsCard } from "./credentialCards";
import { MySupportCard } from "./MySupport";
import { Notices } from "./Notices";

/** Home for mentors: where they work through modules and build their portfolio. */
export function MentorHome() {
  return (
    <HomeWelcome>
      <Notices />
      <CardGrid>
        <ModulesCard />
        <AuditCard />
        <HoursCard />
        <Card title="Portfolio" to="/portfolio">
          <p>Gather dated evidence against the standards and submit it to the review panel.</p>
        </Card>
        <CredentialsCard />
        <MySupportCard />
      </CardGrid>
    </HomeWelcome>
  );
}
