import { describe, expect, it } from "vitest";
import { requestId } from "../../src/ops/request-id.js";

describe("requestId", () => {
  it("keeps a trusted proxy's short, safe id", () => {
    expect(requestId("lb-7f3a.42", true)).toBe("lb-7f3a.42");
  });

  it.each([["<script>"], ["a".repeat(65)], ["two words"], ["line\nbreak"], [""], [["a", "b"]]])(
    "replaces an unsafe id %j",
    (header) => {
      expect(requestId(header, true)).toMatch(/^[0-9a-f]{8}-[0-9a-z]+$/);
    },
  );

  it("ignores the header without TRUST_PROXY, and makes a new id each time", () => {
    const a = requestId("lb-7f3a.42", false);
    const b = requestId(undefined, false);
    expect(a).not.toBe("lb-7f3a.42");
    expect(a).not.toBe(b);
  });
});
