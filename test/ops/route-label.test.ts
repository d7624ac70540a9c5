import { describe, expect, it } from "vitest";
import { routeLabel } from "../../src/ops/route-label.js";

describe("routeLabel", () => {
  it.each([
    ["/", "/"],
    ["/questions/ae01", "/questions/:id"],
    ["/categories/hp-account", "/categories/:id"],
    ["/errors/ae1", "/errors/:code"],
    ["/assets/css/site.0123456789.css", "/assets/:file"],
    ["/search", "/search"],
    ["/admin/reports/searches.csv", "/admin/reports/searches.csv"],
    ["/admin/anything-else", "/admin/*"],
    ["/wp-login.php", "other"],
    [`/${"x".repeat(5000)}`, "other"],
  ])("%s → %s", (path, label) => {
    expect(routeLabel(path)).toBe(label);
  });
});
