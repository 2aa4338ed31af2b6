import { useEffect, useState, type MouseEvent, type ReactNode } from "react";
import type { TSessionResponse } from "@contracts/session";
import { hrefFor } from "../router";
import { DevBanner } from "./DevBanner";

export interface NavItem {
  path: string;
  label: string;
}

export interface LayoutProps {
  /** Absent before the session has loaded and on the "no launch" / "session ended" screens. */
  session?: TSessionResponse;
  nav?: readonly NavItem[];
  /** The current path, to mark the matching nav item with aria-current. */
  currentPath?: string;
  /** True while the page's main content is still loading (marks main with data-loading, which browser tests wait on; not aria-busy, which would mute the Loading announcement). */
  isBusy?: boolean;
  children: ReactNode;
}

// The skip link cannot be a plain "#main" href: the hash is our router.
function skipToMain(event: MouseEvent<HTMLAnchorElement>) {
  event.preventDefault();
  document.getElementById("main")?.focus();
}

/**
 * The page frame: skip link, header (banner), navigation, main and footer landmarks. On a phone
 * the navigation folds behind a "Menu" button (CSS decides when the button shows), so the
 * header does not take half the screen before any content.
 */
export function Layout({ session, nav = [], currentPath, isBusy = false, children }: LayoutProps) {
  const [isMenuOpen, setMenuOpen] = useState(false);
  // Choosing a page closes the menu; the new page's heading takes focus.
  useEffect(() => setMenuOpen(false), [currentPath]);
  const currentLabel = nav.find((item) => item.path === currentPath)?.label;
  return (
    <>
      <a className="skip-link" href="#main" onClick={skipToMain}>
        Skip to main content
      </a>
      <header className="site-header">
        {session?.platform.isDevelopment && <DevBanner />}
        <div className="site-header__bar">
          <div className="container site-header__inner">
            {session ? (
              <a className="brand" href={hrefFor("/")}>
                Mentor Pathways
              </a>
            ) : (
              <span className="brand">Mentor Pathways</span>
            )}
            {session && (
              <p className="site-header__who">
                <span className="visually-hidden">Signed in as </span>
                {session.user.name}
                <span className="site-header__course">
                  <span className="visually-hidden">, course: </span>
                  {session.context.title}
                </span>
              </p>
            )}
          </div>
        </div>
        {nav.length > 0 && (
          <nav className={`site-nav${isMenuOpen ? " site-nav--open" : ""}`} aria-label="Main">
            <div className="container site-nav__bar">
              <button
                type="button"
                className="site-nav__toggle"
                aria-expanded={isMenuOpen}
                aria-controls="site-nav-list"
                onClick={() => setMenuOpen((open) => !open)}
              >
                Menu{currentLabel ? <span className="site-nav__current">: {currentLabel}</span> : null}
              </button>
            </div>
            <ul id="site-nav-list" className="container site-nav__list">
              {nav.map((item) => (
                <li key={item.path}>
                  <a href={hrefFor(item.path)} aria-current={item.path === currentPath ? "page" : undefined}>
                    {item.label}
                  </a>
                </li>
              ))}
            </ul>
          </nav>
        )}
      </header>
      <main id="main" className="container site-main" tabIndex={-1} data-loading={isBusy || undefined}>
        {children}
      </main>
      <footer className="site-footer">
        <div className="container">
          <p>
            Mentor Pathways{session ? ` · opened from ${session.platform.name}` : ""}. Questions about your programme?
            Contact your university's partnership team.
          </p>
        </div>
      </footer>
    </>
  );
}
