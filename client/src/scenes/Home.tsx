import { useSession } from "../SessionContext";
import { LeadHome } from "./LeadHome";
import { MentorHome } from "./MentorHome";
import { TutorHome } from "./TutorHome";
import { Caseload } from "./Caseload";

/** The home scene for the person's primary role. */
export function Home() {
  const { primaryRole } = useSession();
  switch (primaryRole) {
    case "lead":
      return <LeadHome />;
    case "tutor":
      return <TutorHome />;
    case "leadMentor":
      return <Caseload />;
    case "mentor":
      return <MentorHome />;
  }
}
