import { describe, expect, it } from "vitest";
import type { Notice } from "../../src/notices/notice.js";
import { NOTICE_REFRESH_MS, NoticeBoard } from "../../src/notices/notice-board.js";

const notice = (id: string, startsAt: number, endsAt: number, title = id): Notice => ({
  id,
  title,
  body: "",
  kind: "info",
  scopes: [{ kind: "site" }],
  startsAt,
  endsAt,
  source: "dashboard",
});

describe("NoticeBoard", () => {
  it("shows a notice from its start to its end, deciding again from the clock within a second", () => {
    const clock = { now: 1_000 };
    const board = new NoticeBoard([notice("planned", 5_000, 9_000)], { now: () => clock.now });
    expect(board.active).toEqual([]);
    clock.now = 5_500;
    expect(board.active.map((n) => n.id)).toEqual(["planned"]);
    const version = board.version;
    clock.now = 9_000;
    expect(board.active).toEqual([]);
    expect(board.version).toBe(version + 1);
  });

  it("reads the shared store again while asked, every few seconds, and keeps the last read when it fails", async () => {
    const clock = { now: 0 };
    let stored: Notice[] = [];
    let failing = false;
    const errors: unknown[] = [];
    const board = new NoticeBoard([], {
      now: () => clock.now,
      load: async () => {
        if (failing) throw new Error("database down");
        return stored;
      },
      onError: (error) => errors.push(error),
    });
    await board.refresh();
    stored = [notice("made elsewhere", 0, 60_000)];
    clock.now = 1_500;
    expect(board.active).toEqual([]); // read at 0: the next read is due at NOTICE_REFRESH_MS
    clock.now = NOTICE_REFRESH_MS + 1;
    void board.active; // starts the read
    await board.refresh();
    expect(board.active.map((n) => n.id)).toEqual(["made elsewhere"]);
    failing = true;
    await board.refresh();
    expect(board.active.map((n) => n.id)).toEqual(["made elsewhere"]);
    expect(errors).toHaveLength(1);
  });

  it("makes a new version when a notice in force is edited, and only then", async () => {
    let stored = [notice("a", 0, 10_000)];
    const board = new NoticeBoard([], { now: () => 1_000, load: async () => stored });
    await board.refresh();
    const version = board.version;
    await board.refresh();
    expect(board.version).toBe(version);
    stored = [notice("a", 0, 10_000, "new title")];
    await board.refresh();
    expect(board.version).toBe(version + 1);
  });
});
