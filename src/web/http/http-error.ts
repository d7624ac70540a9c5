/**
 * A request the site refuses or could not answer, as one value: the status, the public words in both of the
 * site's voices (English for JSON clients, Japanese for readers' pages), and what the status needs in its
 * headers. The error boundary (web/app/error-boundary.ts) is the one place that turns it into a response.
 */
export class HttpError extends Error {
  readonly status: number;
  /** The JSON body's `error`. */
  readonly publicError: string;
  /** What a reader's page says; a generic line per status when not given. */
  readonly publicMessage: string | undefined;
  readonly retryAfterSeconds: number | undefined;
  /** The methods the path answers, for a 405. */
  readonly allow: readonly string[] | undefined;
  /** Any other header the refusal needs (WWW-Authenticate), as name/value pairs. */
  readonly headers: readonly string[];

  constructor(
    status: number,
    publicError: string,
    details: {
      message?: string;
      retryAfterSeconds?: number;
      allow?: readonly string[];
      headers?: readonly string[];
      cause?: unknown;
    } = {},
  ) {
    super(`${status} ${publicError}`, { cause: details.cause });
    this.name = "HttpError";
    this.status = status;
    this.publicError = publicError;
    this.publicMessage = details.message;
    this.retryAfterSeconds = details.retryAfterSeconds;
    this.allow = details.allow;
    this.headers = details.headers ?? [];
  }

  /** The headers the status calls for: Retry-After for 429 and 503, Allow for 405, and any given. */
  headPairs(): string[] {
    const pairs = [...this.headers];
    if (this.retryAfterSeconds !== undefined) pairs.push("Retry-After", String(this.retryAfterSeconds));
    if (this.allow !== undefined) pairs.push("Allow", this.allow.join(", "));
    return pairs;
  }
}

/** Each refusal the site makes, built here once. */
export const refusals = {
  badRequest: (error: string, message?: string) => new HttpError(400, error, { message }),
  forbidden: (error: string, message?: string) => new HttpError(403, error, { message }),
  notFound: () => new HttpError(404, "Not found.", { message: "お探しのページは見つかりませんでした。" }),
  methodNotAllowed: (allow: readonly string[]) =>
    new HttpError(405, `Allowed: ${allow.join(", ")}.`, { allow, message: "この URL はこの方法では使えません。" }),
  tooLarge: (error: string, message?: string) => new HttpError(413, error, { message }),
  unsupportedType: (expected: string, message?: string) =>
    new HttpError(415, `The body must be ${expected}.`, { message }),
  tooMany: (error: string, retryAfterSeconds: number, message?: string) =>
    new HttpError(429, error, { retryAfterSeconds, ...{ message } }),
  unavailable: (error: string, message?: string) => new HttpError(503, error, { message }),
};

/**
 * Any thrown value as an HttpError. Express's body parser throws errors carrying `status` and `type`; only
 * a client's mistake keeps its 4xx, and anything else is a 500 whose cause is kept for the log alone.
 */
export function toHttpError(error: unknown): HttpError {
  if (error instanceof HttpError) return error;
  const fields = (typeof error === "object" && error !== null ? error : {}) as { status?: unknown; type?: unknown };
  const status = Number(fields.status);
  if (fields.type === "entity.too.large") return new HttpError(413, "The body is too large.", { cause: error });
  if (status === 404) return new HttpError(404, "Not found.", { cause: error });
  if (status >= 400 && status < 500) return new HttpError(status, "The request could not be read.", { cause: error });
  return new HttpError(500, "Something went wrong on our side.", { cause: error });
}
