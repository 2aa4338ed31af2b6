import { useEffect, type ReactNode } from "react";

export interface PageProps {
  /** The page's one h1. */
  title: string;
  /** The browser tab title, if it should differ from `title`. */
  documentTitle?: string;
  /** A short paragraph under the heading. */
  intro?: ReactNode;
  children?: ReactNode;
}

/**
 * Every scene renders exactly one Page: it owns the h1 and the document title.
 * The h1 takes focus (tabIndex -1) when the route changes, so screen-reader
 * users hear where they have arrived.
 */
export function Page({ title, documentTitle, intro, children }: PageProps) {
  const tabTitle = `${documentTitle ?? title} – Mentor Pathways`;
  useEffect(() => {
    document.title = tabTitle;
  }, [tabTitle]);

  return (
    <>
      <div className="page-header">
        <h1 tabIndex={-1}>{title}</h1>
        {intro && <div className="page-header__intro">{intro}</div>}
      </div>
      {children}
    </>
  );
}
