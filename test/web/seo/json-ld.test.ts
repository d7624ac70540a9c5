import { describe, expect, it } from "vitest";
import { breadcrumbLd, jsonLdScript } from "../../../src/web/seo/json-ld.js";

describe("json-ld", () => {
  it("escapes < so content can never close the script element", () => {
    const script = jsonLdScript({ text: "</script><script>alert(1)</script>" });
    expect(script).not.toContain("<");
    expect(JSON.parse(script)).toEqual({ text: "</script><script>alert(1)</script>" });
  });

  it("gives the breadcrumb's last crumb the page's own URL", () => {
    const ld = breadcrumbLd(
      "https://faq.example.com",
      [{ label: "ホーム", href: "/" }, { label: "AE01" }],
      "/questions/ae01",
    );
    expect(ld.itemListElement.map((item) => item.item)).toEqual([
      "https://faq.example.com/",
      "https://faq.example.com/questions/ae01",
    ]);
  });
});
