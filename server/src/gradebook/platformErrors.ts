import { platformRejected, platformUnreachable, type AppError } from "../errors";
import { PlatformCallError } from "../lti/platformHttp";

/** Runs a call to the LMS made on a person's behalf, turning platform failures into API errors. */
export async function onBehalfOf<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (err) {
    if (err instanceof PlatformCallError) throw toAppError(err);
    throw err;
  }
}

function toAppError(err: PlatformCallError): AppError {
  return err.kind === "retryable"
    ? platformUnreachable(`${err.message}. Please try again in a moment.`)
    : platformRejected(err.message, { status: err.status });
}
