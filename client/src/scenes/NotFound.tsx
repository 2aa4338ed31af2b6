import { Page } from "../components/Page";
import { hrefFor } from "../router";

/** An in-app path that does not exist, or that this person may not open (we do not say which). */
export function NotFound() {
  return (
    <Page title="Page not found">
      <div className="prose">
        <p>We could not find that page. It may have moved, or it may not be available to you in this course.</p>
        <p>
          <a href={hrefFor("/")}>Go to your home page</a>
        </p>
      </div>
    </Page>
  );
}
