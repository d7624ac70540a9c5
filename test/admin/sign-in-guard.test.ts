import { describe, expect, it } from "vitest";
import { GuessesInFlight, HashQueue, nameDelayMs, signInKeys } from "../../src/admin/sign-in-guard.js";

describe("signInKeys", () => {
  it("counts a guess under the (name, client) pair, the client and the name, the name folded to lower case", () => {
    expect(signInKeys("Support-Lead", "203.0.113.7")).toEqual({
      pair: "pair:203.0.113.7 support-lead",
      client: "client:203.0.113.7",
      name: "user:support-lead",
    });
  });
});

it("keeps a name typed with NUL or a lone surrogate storable on both engines", () => {
  expect(signInKeys("sup\u0000port\uD800", "203.0.113.7").name).toBe("user:support");
});

describe("GuessesInFlight", () => {
  it("holds all keys or none, and lets them go", () => {
    const guesses = new GuessesInFlight();
    expect(guesses.hold(["pair:a", "client:1"])).toBe(true);
    expect(guesses.hold(["pair:b", "client:1"])).toBe(false);
    expect(guesses.hold(["pair:b", "client:2"])).toBe(true);
    guesses.release(["pair:a", "client:1"]);
    expect(guesses.hold(["pair:c", "client:1"])).toBe(true);
  });
});

describe("HashQueue", () => {
  it("runs at most atOnce, queues at most waiting, and refuses the rest at once", async () => {
    const queue = new HashQueue(1, 1);
    let release: () => void = () => undefined;
    const order: string[] = [];
    const first = queue.run(() => new Promise<string>((resolve) => (release = () => resolve("first"))));
    const second = queue.run(async () => {
      order.push("second started");
      return "second";
    });
    expect(queue.run(async () => "third")).toBeUndefined();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(order).toEqual([]);
    release();
    expect(await first).toBe("first");
    expect(await second).toBe("second");
    expect(await queue.run(async () => "again")).toBe("again");
  });

  it("frees its place when the work fails", async () => {
    const queue = new HashQueue(1, 0);
    await expect(queue.run(() => Promise.reject(new Error("scrypt failed")))).rejects.toThrow("scrypt failed");
    expect(await queue.run(async () => 1)).toBe(1);
  });
});

describe("nameDelayMs", () => {
  it("waits nothing for five failures, then doubles to at most four seconds", () => {
    expect([1, 5, 6, 7, 8, 9, 10, 20].map(nameDelayMs)).toEqual([0, 0, 250, 500, 1000, 2000, 4000, 4000]);
  });
});
