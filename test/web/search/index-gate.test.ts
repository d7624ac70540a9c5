import { describe, expect, it } from "vitest";
import { buildSearchIndex, type SearchIndex } from "../../../src/search/index.js";
import { indexGate } from "../../../src/web/search/index-gate.js";

const index = (): SearchIndex => buildSearchIndex([]);

describe("indexGate", () => {
  it("with an index built already, is ready and runs work at once", () => {
    const gate = indexGate(index(), () => undefined);
    expect(gate.ready()).toBe(true);
    expect(gate.after(() => 42)).toBe(42);
  });

  it("while the index is built, is not ready, throws on current() and runs work once it is there", async () => {
    let finish: (made: SearchIndex) => void = () => undefined;
    const gate = indexGate(new Promise<SearchIndex>((resolve) => (finish = resolve)), () => undefined);
    expect(gate.ready()).toBe(false);
    expect(() => gate.current()).toThrow(/still being built/);
    const waited = gate.after(() => gate.current());
    expect(waited).toBeInstanceOf(Promise);
    const built = index();
    finish(built);
    expect(await waited).toBe(built);
    expect(gate.ready()).toBe(true);
  });

  it("reports an index that cannot be built, and the work waiting for it fails", async () => {
    const errors: unknown[] = [];
    const gate = indexGate(Promise.reject(new Error("no memory left")), (error) => errors.push(error));
    await expect(gate.after(() => gate.current())).rejects.toThrow(/still being built/);
    expect(String(errors[0])).toContain("no memory left");
    expect(gate.ready()).toBe(false);
  });
});
