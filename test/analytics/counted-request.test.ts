import { describe, expect, it } from "vitest";
import { isCountedRequest } from "../../src/analytics/counted-request.js";

const CHROME =
  "Mozilla/5.0 (iPhone; CPU iPhone OS 18_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/18.1 Mobile/15E148 Safari/604.1";

describe("isCountedRequest", () => {
  it("counts a browser's own visit", () => {
    expect(isCountedRequest({ "user-agent": CHROME })).toBe(true);
  });

  it("does not count a prefetch or a prerender, however the browser says so", () => {
    expect(isCountedRequest({ "user-agent": CHROME, "sec-purpose": "prefetch" })).toBe(false);
    expect(isCountedRequest({ "user-agent": CHROME, "sec-purpose": "prefetch;prerender" })).toBe(false);
    expect(isCountedRequest({ "user-agent": CHROME, purpose: "prefetch" })).toBe(false);
  });

  it("does not count a client that says it is a bot, or says nothing of itself", () => {
    for (const agent of [
      "Mozilla/5.0 (compatible; Googlebot/2.1; +http://www.google.com/bot.html)",
      "Mozilla/5.0 (compatible; bingbot/2.0; +http://www.bing.com/bingbot.htm)",
      "Slackbot-LinkExpanding 1.0 (+https://api.slack.com/robots)",
      "curl/8.5.0",
    ])
      expect(isCountedRequest({ "user-agent": agent }), agent).toBe(false);
    expect(isCountedRequest({})).toBe(false);
    expect(isCountedRequest({ "user-agent": "" })).toBe(false);
  });

  it("answers the same for an agent seen again (the memo) and past the memo's bound", () => {
    for (let i = 0; i < 1500; i++) expect(isCountedRequest({ "user-agent": `${CHROME} build/${i}` })).toBe(true);
    expect(isCountedRequest({ "user-agent": "Googlebot/2.1" })).toBe(false);
    expect(isCountedRequest({ "user-agent": "Googlebot/2.1" })).toBe(false);
  });
});
