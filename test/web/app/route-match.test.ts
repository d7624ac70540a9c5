import { describe, expect, it } from "vitest";
import { compileRoutes, rowAllows } from "../../../src/web/app/route-match.js";
import { ROUTES } from "../../../src/web/app/routes.js";

const matcher = compileRoutes(ROUTES);

describe("the route table's metrics label", () => {
  it.each([
    ["/", "/"],
    ["/questions/ae01", "/questions/:id"],
    ["/categories/hp-account", "/categories/:id"],
    ["/categories/hp-account/page/2", "/categories/:id/page/:n"],
    ["/errors/ae1", "/errors/:code"],
    ["/assets/css/site.0123456789.css", "/assets/*file"],
    ["/search", "/search"],
    ["/admin/reports/searches.csv", "/admin/reports/searches.csv"],
    ["/admin/anything-else", "/admin/*rest"],
    ["/wp-login.php", "other"],
    [`/${"x".repeat(5000)}`, "other"],
  ])("%s → %s", (path, label) => {
    expect(matcher.labelOf(path)).toBe(label);
  });
});

describe("the route table's answers for a path", () => {
  it("lists every method a path answers for a 405's Allow, GET with HEAD", () => {
    expect(matcher.allowOf("/admin/login")).toEqual(["GET", "HEAD", "POST"]);
    expect(matcher.allowOf("/feedback")).toEqual(["POST"]);
    expect(matcher.allowOf("/questions/ae01")).toEqual(["GET", "HEAD"]);
    expect(matcher.allowOf("/nowhere")).toEqual([]);
  });

  it("answers errors as JSON under /api/, in the dashboard's layout under /admin, else as a page", () => {
    expect(matcher.formatOf("/api/search")).toBe("api");
    expect(matcher.formatOf("/api/nothing-here")).toBe("api");
    expect(matcher.formatOf("/admin/questions")).toBe("admin");
    expect(matcher.formatOf("/questions/nope")).toBe("page");
  });

  it("lets a GET row answer HEAD, and no other method", () => {
    const row = ROUTES.find((r) => r.path === "/questions/:id");
    if (!row) throw new Error("the table has no question row");
    expect(["GET", "HEAD", "POST", "PUT"].map((m) => rowAllows(row, m))).toEqual([true, true, false, false]);
  });

  it("declares each method and path once", () => {
    const keys = ROUTES.map((row) => `${row.method} ${row.path}`);
    expect(new Set(keys).size).toBe(keys.length);
  });
});
