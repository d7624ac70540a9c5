import { describe, expect, it } from "vitest";
import { HttpError, refusals, toHttpError } from "../../../src/web/http/http-error.js";

describe("HttpError", () => {
  it("carries the headers its status calls for", () => {
    expect(refusals.tooMany("Slow down.", 30).headPairs()).toEqual(["Retry-After", "30"]);
    expect(refusals.methodNotAllowed(["GET", "HEAD"]).headPairs()).toEqual(["Allow", "GET, HEAD"]);
    expect(refusals.notFound().headPairs()).toEqual([]);
    const unauthorised = new HttpError(401, "Sign in.", { headers: ["WWW-Authenticate", "Bearer"] });
    expect(unauthorised.headPairs()).toEqual(["WWW-Authenticate", "Bearer"]);
  });

  it("keeps its cause for the log, never for the answer", () => {
    const cause = new Error("/srv/app/secret.ts:12 exploded");
    const error = new HttpError(500, "Something went wrong on our side.", { cause });
    expect(error.cause).toBe(cause);
    expect(error.publicError).not.toContain("secret");
  });
});

describe("toHttpError", () => {
  it("keeps a body parser's 4xx as the client's mistake, and a body too large as 413", () => {
    expect(toHttpError(Object.assign(new Error("bad json"), { status: 400, type: "entity.parse.failed" })).status).toBe(
      400,
    );
    expect(toHttpError(Object.assign(new Error("big"), { status: 413, type: "entity.too.large" })).status).toBe(413);
    expect(toHttpError(Object.assign(new Error("gone"), { status: 404 })).status).toBe(404);
  });

  it("makes anything else a 500 that says nothing of the error", () => {
    for (const thrown of [
      new TypeError("x is undefined"),
      "a string",
      undefined,
      { status: "teapot" },
      { status: 302 },
    ]) {
      const error = toHttpError(thrown);
      expect(error.status).toBe(500);
      expect(error.publicError).toBe("Something went wrong on our side.");
      expect(error.cause).toBe(thrown);
    }
  });

  it("passes an HttpError through unchanged", () => {
    const refusal = refusals.forbidden("No.");
    expect(toHttpError(refusal)).toBe(refusal);
  });
});
