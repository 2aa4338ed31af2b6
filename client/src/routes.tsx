import type { ReactNode } from "react";
import type { TRole } from "@contracts/session";
import { matchPath } from "./router";
import { Home } from "./scenes/Home";
import { Notifications } from "./scenes/Notifications";
import { Modules } from "./scenes/Modules";
import { ModuleDetail } from "./scenes/ModuleDetail";
import { Marking } from "./scenes/Marking";
import { MarkWork } from "./scenes/MarkWork";
import { Audit } from "./scenes/Audit";
import { Hours } from "./scenes/Hours";
import { FundingClaims } from "./scenes/FundingClaims";
import { Mentors } from "./scenes/Mentors";
import { Evidence } from "./scenes/Evidence";
import { Portfolio } from "./scenes/Portfolio";
import { PortfolioDetail } from "./scenes/PortfolioDetail";
import { PortfolioVersion } from "./scenes/PortfolioVersion";
import { Dashboard } from "./scenes/Dashboard";
import { Credits } from "./scenes/Credits";
import { MyCredentials } from "./scenes/MyCredentials";
import { PanelRound, PanelRounds } from "./scenes/PanelRounds";
import { GradebookDelivery } from "./scenes/GradebookDelivery";
import { Roster } from "./scenes/Roster";
import { Programme } from "./scenes/Programme";
import { MentorWork } from "./scenes/MentorWork";
import { MySupport } from "./scenes/MySupport";
import { SupportAssignments } from "./scenes/SupportAssignments";
import { Moderation } from "./scenes/Moderation";
import { DecisionRecord } from "./scenes/DecisionRecord";
import { RecordSheets } from "./scenes/RecordSheets";

/** One in-app page. Add an entry here when a feature scene is ready. */
export interface AppRoute {
  /** A hash path, with ":name" parameters: "/portfolio", "/modules/:moduleId". */
  path: string;
  /** Who may open it: anyone holding one of these roles. Others get "Page not found". */
  roles: readonly TRole[];
  /** Set to list the page in the main navigation, with this text. */
  navLabel?: string;
  render: (params: Record<string, string>) => ReactNode;
}

const everyone: readonly TRole[] = ["mentor", "tutor", "lead", "leadMentor"];

export const routes: readonly AppRoute[] = [
  { path: "/", roles: everyone, navLabel: "Home", render: () => <Home /> },
  // Only mentors and lead mentors are told anything yet (#17 item 5).
  {
    path: "/notifications",
    roles: ["mentor", "leadMentor"],
    navLabel: "Notifications",
    render: () => <Notifications />,
  },
  { path: "/modules", roles: ["mentor"], navLabel: "Modules", render: () => <Modules /> },
  {
    path: "/modules/:moduleCode",
    roles: ["mentor"],
    render: ({ moduleCode }) => <ModuleDetail moduleCode={moduleCode} />,
  },
  { path: "/audit", roles: ["mentor"], navLabel: "Audit", render: () => <Audit /> },
  { path: "/hours", roles: ["mentor"], navLabel: "Training hours", render: () => <Hours /> },
  { path: "/marking", roles: ["tutor", "lead"], navLabel: "Marking", render: () => <Marking /> },
  { path: "/marking/:recordId", roles: ["tutor", "lead"], render: ({ recordId }) => <MarkWork recordId={recordId} /> },
  { path: "/funding-claims", roles: ["tutor", "lead"], navLabel: "Funding claims", render: () => <FundingClaims /> },
  { path: "/mentors", roles: ["tutor", "lead"], navLabel: "Mentors", render: () => <Mentors /> },
  {
    path: "/mentors/:mentorUserId",
    roles: ["tutor", "lead"],
    render: ({ mentorUserId }) => <Modules mentorUserId={mentorUserId} />,
  },
  {
    path: "/mentors/:mentorUserId/modules/:moduleCode",
    roles: ["tutor", "lead"],
    render: ({ mentorUserId, moduleCode }) => <ModuleDetail mentorUserId={mentorUserId} moduleCode={moduleCode} />,
  },
  {
    path: "/mentors/:mentorUserId/audit",
    roles: ["tutor", "lead"],
    render: ({ mentorUserId }) => <Audit mentorUserId={mentorUserId} />,
  },
  {
    path: "/mentors/:mentorUserId/hours",
    roles: ["tutor", "lead"],
    render: ({ mentorUserId }) => <Hours mentorUserId={mentorUserId} />,
  },
  { path: "/evidence", roles: ["mentor", "leadMentor"], navLabel: "Evidence", render: () => <Evidence /> },
  { path: "/portfolio", roles: ["mentor", "leadMentor"], navLabel: "Portfolio", render: () => <Portfolio /> },
  {
    path: "/portfolio/:portfolioId",
    roles: ["mentor", "leadMentor"],
    render: ({ portfolioId }) => <PortfolioDetail portfolioId={portfolioId} />,
  },
  {
    path: "/portfolio/:portfolioId/versions/:number",
    roles: ["mentor", "leadMentor"],
    render: ({ portfolioId, number }) => <PortfolioVersion portfolioId={portfolioId} number={number} />,
  },
  { path: "/panel", roles: ["tutor", "lead"], navLabel: "Panel rounds", render: () => <PanelRounds /> },
  { path: "/panel/moderation", roles: ["lead"], navLabel: "Moderation", render: () => <Moderation /> },
  { path: "/decisions", roles: ["lead"], navLabel: "Decision record", render: () => <DecisionRecord /> },
  {
    path: "/panel/rounds/:roundId",
    roles: ["tutor", "lead"],
    render: ({ roundId }) => <PanelRound roundId={roundId} />,
  },
  {
    path: "/panel/versions/:versionId",
    roles: ["tutor", "lead"],
    render: ({ versionId }) => <PortfolioVersion versionId={versionId} />,
  },
  { path: "/credentials", roles: ["mentor", "leadMentor"], navLabel: "Certificates", render: () => <MyCredentials /> },
  { path: "/dashboard", roles: ["lead"], navLabel: "Dashboard", render: () => <Dashboard /> },
  { path: "/credits", roles: ["lead"], navLabel: "Credits", render: () => <Credits /> },
  { path: "/gradebook", roles: ["tutor", "lead"], navLabel: "Gradebook delivery", render: () => <GradebookDelivery /> },
  { path: "/roster", roles: ["tutor", "lead"], navLabel: "Roster", render: () => <Roster /> },
  { path: "/programme", roles: ["tutor", "lead"], navLabel: "Programme", render: () => <Programme /> },
  { path: "/support", roles: ["mentor"], navLabel: "Who does what", render: () => <MySupport /> },
  { path: "/support/assign", roles: ["lead"], navLabel: "Lead mentors", render: () => <SupportAssignments /> },
  { path: "/record-sheets", roles: everyone, navLabel: "Record sheets", render: () => <RecordSheets /> },
  {
    path: "/mentor-work/:mentorUserId",
    roles: ["tutor", "lead", "leadMentor"],
    render: ({ mentorUserId }) => <MentorWork mentorUserId={mentorUserId} />,
  },
];

/** The route for `path` that one of `roles` may open, with its parameters; null if none. */
export function resolveRoute(
  path: string,
  roles: readonly TRole[],
): { route: AppRoute; params: Record<string, string> } | null {
  for (const route of routes) {
    const params = matchPath(route.path, path);
    if (params && route.roles.some((role) => roles.includes(role))) return { route, params };
  }
  return null;
}

/** The navigation entries a person with `roles` should see. */
export function navFor(roles: readonly TRole[]): { path: string; label: string }[] {
  return routes
    .filter((route) => route.navLabel && route.roles.some((role) => roles.includes(role)))
    .map((route) => ({ path: route.path, label: route.navLabel! }));
}
