/** Shown on every page when the launch came from the built-in development platform. */
export function DevBanner() {
  return (
    <div className="dev-banner" role="note">
      <div className="container">
        <strong>Development platform — not a real LMS.</strong> People, courses and grades here are test data.
      </div>
    </div>
  );
}
