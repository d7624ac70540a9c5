import { IncomingMessage } from "node:http";
import { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { cookieHeader, cookieName, readCookie } from "../../../src/web/http/cookies.js";

const withCookie = (cookie: string) => {
  const req = new IncomingMessage(new Socket());
  req.headers.cookie = cookie;
  return req;
};

describe("cookies", () => {
  it("reads one cookie by exact name", () => {
    const req = withCookie("other=1; hc_admin=abc; xhc_admin=no");
    expect(readCookie(req, "hc_admin")).toBe("abc");
    expect(readCookie(req, "missing")).toBeUndefined();
    expect(readCookie(new IncomingMessage(new Socket()), "hc_admin")).toBeUndefined();
  });

  it("sets HttpOnly, SameSite=Strict and Path=/ always, and Secure over HTTPS", () => {
    expect(cookieHeader("hc_admin", "v", { secure: false })).toBe("hc_admin=v; Path=/; HttpOnly; SameSite=Strict");
    expect(cookieHeader("__Host-hc_admin", "v", { secure: true, maxAgeSeconds: 60 })).toBe(
      "__Host-hc_admin=v; Path=/; HttpOnly; SameSite=Strict; Secure; Max-Age=60",
    );
  });

  it("uses the __Host- prefix only over HTTPS, where browsers accept it", () => {
    expect(cookieName("hc_admin", true)).toBe("__Host-hc_admin");
    expect(cookieName("hc_admin", false)).toBe("hc_admin");
  });
});
