import { describe, expect, it } from "vitest";
import { METRIC_DEFINITIONS } from "../../src/admin/metric-definitions.js";
import { Reports } from "../../src/admin/reports.js";
import { testDatabases } from "../helpers/databases.js";

describe("METRIC_DEFINITIONS", () => {
  it("defines every figure the overview shows, once, each with a formula and how it compares", async () => {
    const [sqlite] = testDatabases();
    if (!sqlite) throw new Error("SQLite is always available");
    const { db } = await sqlite.migrated();
    try {
      const shown = (await new Reports(db).overview(7)).figures.map((figure) => figure.label);
      const names = METRIC_DEFINITIONS.map((definition) => definition.name);
      expect(names.filter((name, i) => names.indexOf(name) !== i)).toEqual([]);
      expect(shown.filter((label) => !names.includes(label))).toEqual([]);
      expect(names.filter((name) => !shown.includes(name))).toEqual([]);
      for (const definition of METRIC_DEFINITIONS)
        for (const text of Object.values(definition)) expect(text.trim(), definition.name).not.toBe("");
    } finally {
      await db.destroy();
      await sqlite.cleanup();
    }
  });
});
