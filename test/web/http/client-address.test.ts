import { IncomingMessage } from "node:http";
import { Socket } from "node:net";
import { describe, expect, it } from "vitest";
import { clientAddress, type TrustProxy } from "../../../src/web/http/client-address.js";

function requestFrom(peer: string, forwardedFor?: string): IncomingMessage {
  const socket = new Socket();
  Object.defineProperty(socket, "remoteAddress", { value: peer });
  const req = new IncomingMessage(socket);
  if (forwardedFor !== undefined) req.headers["x-forwarded-for"] = forwardedFor;
  return req;
}

describe("clientAddress", () => {
  it("without trust, the socket's address, whatever X-Forwarded-For says", () => {
    const client = clientAddress(false);
    expect(client.of(requestFrom("10.0.0.2", "203.0.113.5"))).toBe("10.0.0.2");
    expect(client.viaTrustedProxy(requestFrom("10.0.0.2"))).toBe(false);
  });

  it.each<[TrustProxy, string, string, string]>([
    [1, "10.0.0.2", "203.0.113.5", "203.0.113.5"],
    // A client that writes its own X-Forwarded-For only adds entries to the left: one hop still finds it.
    [1, "10.0.0.2", "1.1.1.1, 203.0.113.5", "203.0.113.5"],
    [2, "10.0.0.2", "203.0.113.5, 10.0.0.9", "203.0.113.5"],
    [["10.0.0.0/8"], "10.0.0.2", "1.1.1.1, 203.0.113.5, 10.0.0.9", "203.0.113.5"],
    [["loopback"], "127.0.0.1", "203.0.113.5", "203.0.113.5"],
    // A peer that is not in the list is the client itself, whatever it forwards.
    [["10.0.0.0/8"], "192.0.2.1", "203.0.113.5", "192.0.2.1"],
  ])("trusting %o, peer %s forwarding %s is client %s", (trust, peer, forwarded, expected) => {
    expect(clientAddress(trust).of(requestFrom(peer, forwarded))).toBe(expected);
  });

  it.each([
    ["203.0.113.7:51234", "203.0.113.7"],
    ["[2001:db8::1]:443", "2001:db8::1"],
    ["[2001:db8::1]", "2001:db8::1"],
    ["2001:db8::1", "2001:db8::1"],
    // Not an address at all: the trusted peer is the client we know.
    ["evil.example", "10.0.0.2"],
    ["203.0.113.7:port", "10.0.0.2"],
  ])(
    "behind a proxy, the forwarded %s is client %s (no port, so one client stays one client)",
    (forwarded, expected) => {
      expect(clientAddress(1).of(requestFrom("10.0.0.2", forwarded))).toBe(expected);
    },
  );

  it("believes a peer's other forwarded headers only when the peer itself is trusted", () => {
    const client = clientAddress(["10.0.0.0/8"]);
    expect(client.viaTrustedProxy(requestFrom("10.1.2.3"))).toBe(true);
    expect(client.viaTrustedProxy(requestFrom("192.0.2.1"))).toBe(false);
  });
});
