import { useEffect, useRef, useState, useSyncExternalStore } from "react";
import type { TSessionResponse } from "@contracts/session";
import { getSessionToken, hasSessionEnded, onSessionEnded } from "./api/session";
import { fetchSession } from "./api/sessionApi";
import { useQuery } from "./api/useQuery";
import { ErrorMessage } from "./components/ErrorMessage";
import { Layout } from "./components/Layout";
import { Loading } from "./components/Loading";
import { Page } from "./components/Page";
import { navFor, resolveRoute } from "./routes";
import { hrefFor, useLocation } from "./router";
import { LaunchRequired } from "./scenes/LaunchRequired";
import { NotFound } from "./scenes/NotFound";
import { SessionEnded } from "./scenes/SessionEnded";
import { SessionProvider } from "./SessionContext";

/** The app shell: picks between "no launch", "session ended", loading the session, and the signed-in app. */
export function App() {
  const [hasToken] = useState(() => getSessionToken() !== null);
  const isEnded = useSyncExternalStore(onSessionEnded, hasSessionEnded);
  if (isEnded) return <SessionEnded />;
  if (!hasToken) return <LaunchRequired />;
  return <SessionGate />;
}

function SessionGate() {
  const session = useQuery((signal) => fetchSession(signal), []);
  if (session.status === "loading") {
    return (
      <Layout isBusy>
        <Page title="Mentor Pathways">
          <Loading label="Opening Mentor Pathways…" />
        </Page>
      </Layout>
    );
  }
  if (session.status === "error") {
    return (
      <Layout>
        <Page title="We could not open Mentor Pathways">
          <ErrorMessage error={session.error} onRetry={session.reload} />
        </Page>
      </Layout>
    );
  }
  return (
    <SessionProvider session={session.data}>
      <SignedInApp session={session.data} />
    </SessionProvider>
  );
}

function SignedInApp({ session }: { session: TSessionResponse }) {
  // Once, before the first render reads the location, so the home page never flashes first.
  useState(() => openDeepLinkTarget(session));
  const { path } = useLocation();
  const match = resolveRoute(path, session.roles);
  useFocusHeadingOnNavigation(path);
  return (
    <Layout session={session} nav={navFor(session.roles)} currentPath={match?.route.path}>
      {match ? match.route.render(match.params) : <NotFound />}
    </Layout>
  );
}

/**
 * The pages a deep-linked placement's `target` (set in the VLE, e.g. "module:M1") can open, best
 * first: a mentor goes to the module itself, staff to where they act on it. Unknown targets open none.
 */
export function pathsForTarget(target: string): string[] {
  const [kind, code] = target.split(":", 2);
  switch (kind) {
    case "module":
      return [code ? `/modules/${encodeURIComponent(code)}` : "/modules", "/marking"];
    case "portfolio":
      return ["/portfolio", "/panel"];
    case "panel":
      return ["/panel"];
    case "dashboard":
      return ["/dashboard"];
    default:
      return [];
  }
}

// Remembers which launch's target was opened, so reloading the iframe or going home later stays put.
const TARGET_OPENED_KEY = "mp.targetOpenedFor";

/**
 * Opens the launch's target page instead of home, the first time this launch opens the app at
 * home. Pages the person may not open (or unknown targets) leave them at home.
 */
function openDeepLinkTarget(session: TSessionResponse): void {
  const token = getSessionToken();
  if (!session.target || !token || window.location.hash.replace(/^#\/?/, "") !== "") return;
  const launch = token.slice(-24);
  if (sessionStorage.getItem(TARGET_OPENED_KEY) === launch) return;
  sessionStorage.setItem(TARGET_OPENED_KEY, launch);
  const path = pathsForTarget(session.target).find((p) => resolveRoute(p, session.roles) !== null);
  // replace(), not navigate(): Back should not lead to a home page the person never saw.
  if (path) window.location.replace(hrefFor(path));
}

/**
 * After an in-app navigation, move focus to the new page's h1 so keyboard and
 * screen-reader users start at the top of what changed. Not on first load:
 * the browser's own starting point is right then.
 */
function useFocusHeadingOnNavigation(path: string) {
  const previous = useRef(path);
  useEffect(() => {
    if (previous.current === path) return;
    previous.current = path;
    document.querySelector<HTMLElement>("#main h1")?.focus();
  }, [path]);
}
