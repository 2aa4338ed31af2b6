import type { ReactNode } from "react";
import type { TRole } from "@contracts/session";
import { matchPath } from "./router";
import { Home } from "./scenes/Home";

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

const everyone: readonly TRole[] = ["mentor", "tutor", "lead"];

export const routes: readonly AppRoute[] = [
  { path: "/", roles: everyone, navLabel: "Home", render: () => <Home /> },
];

/** The route for `path` that one of `roles` may open, with its parameters; null if none. */
export function resolveRoute(path: string, roles: readonly TRole[]): { route: AppRoute; params: Record<string, string> } | null {
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
