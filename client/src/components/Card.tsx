import { Children, useId, type ReactNode } from "react";
import { hrefFor } from "../router";

export interface CardProps {
  title: string;
  /** Pick the level that fits the page outline: 2 under the page h1, 3 inside a section. */
  headingLevel?: 2 | 3 | 4;
  /** In-app path; makes the title a link to it. */
  to?: string;
  /** A short status shown as a labelled badge, e.g. "Coming soon", "Submitted". Words, never colour alone. */
  status?: string;
  children?: ReactNode;
}

/** A titled box for one thing on a page: a feature, a module, a summary figure. */
export function Card({ title, headingLevel = 2, to, status, children }: CardProps) {
  const Heading = `h${headingLevel}` as const;
  const statusId = useId();
  return (
    <div className={to ? "card card--link" : "card"}>
      <Heading className="card__title">
        {to ? (
          <a href={hrefFor(to)} aria-describedby={status ? statusId : undefined}>
            {title}
          </a>
        ) : (
          title
        )}
      </Heading>
      {status && (
        <p className="card__status" id={statusId}>
          <span className="visually-hidden">Status: </span>
          <span className="badge">{status}</span>
        </p>
      )}
      {children && <div className="card__body">{children}</div>}
    </div>
  );
}

/** Lays out cards in a responsive grid and as a list, so screen readers announce how many there are. */
export function CardGrid({ children, label }: { children: ReactNode; label?: string }) {
  return (
    <ul className="card-grid" aria-label={label}>
      {Children.map(children, (child) => (child ? <li>{child}</li> : null))}
    </ul>
  );
}
