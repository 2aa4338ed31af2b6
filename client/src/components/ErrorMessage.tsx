import { ApiError, toApiError } from "../api/ApiError";
import { Button } from "./Button";

const titleByCode: Record<string, string> = {
  invalid_input: "Please check what you entered",
  forbidden: "You cannot do that here",
  not_found: "We could not find that",
  conflict: "That has changed since you opened it",
  payload_too_large: "That file is too large",
  unsupported_media_type: "That type of file is not accepted",
  platform_unreachable: "Your VLE did not respond",
  platform_rejected: "Your VLE turned the request down",
  network_error: "Connection problem",
};

export interface ErrorMessageProps {
  /** Anything caught: ApiErrors show their message, other errors a safe generic one. */
  error: unknown;
  /** Overrides the heading chosen from the error code. */
  title?: string;
  /** Shows a "Try again" button. */
  onRetry?: () => void;
}

/** The one way the UI shows a failure. role="alert" so it is announced as soon as it appears. */
export function ErrorMessage({ error, title, onRetry }: ErrorMessageProps) {
  const apiError: ApiError = toApiError(error);
  return (
    <div className="error-message" role="alert">
      <p className="error-message__title">{title ?? titleByCode[apiError.code] ?? "Something went wrong"}</p>
      <p>{apiError.message}</p>
      {onRetry && (
        <Button variant="secondary" onClick={onRetry}>
          Try again
        </Button>
      )}
    </div>
  );
}
