import { IncomingMessage } from "node:http";
import { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { refererPath } from "../../../src/web/http/referer.js";

const withReferer = (referer?: string) => {
  const req = new IncomingMessage(new Socket());
  if (referer !== undefined) req.headers.referer = referer;
  return req;
};

describe("refererPath", () => {
  it("is the path of the page the request came from", () => {
    expect(refererPath(withReferer("https://faq.example.com/admin/no-results?days=7"))).toBe("/admin/no-results");
    expect(refererPath(withReferer("https://faq.example.com/"))).toBe("/");
  });

  it("is undefined without a referer or with one that is no URL", () => {
    expect(refererPath(withReferer())).toBeUndefined();
    expect(refererPath(withReferer("not a url"))).toBeUndefined();
  });
});
