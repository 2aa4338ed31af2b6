import type { ReactNode } from "react";
import type { TRole } from "@contracts/session";
import { Page } from "../components/Page";
import { useSession } from "../SessionContext";

const roleNames: Record<TRole, string> = {
  mentor: "a mentor",
  tutor: "a tutor",
  lead: "the programme lead",
  leadMentor: "a lead mentor",
};

/** The shared top of every home scene: a welcome by name and the course the launch came from. */
export function HomeWelcome({ children }: { children: ReactNode }) {
  const { user, context, primaryRole } = useSession();
  return (
    <Page
      title={`Welcome, ${user.name}`}
      documentTitle="Home"
      intro={
        <p>
          You are signed in as {roleNames[primaryRole]} on <strong>{context.title}</strong>
          {context.label && context.label !== context.title ? ` (${context.label})` : ""}.
        </p>
      }
    >
      {children}
    </Page>
  );
}
