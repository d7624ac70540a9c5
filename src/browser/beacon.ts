/** What the page tells the server a search led to: no cookie, nothing about the reader. */
export type Beacon =
  | { type: "click"; q: string; id: string; position: number }
  | { type: "suggest"; q: string; id: string; position: number };

/** Sends a beacon where the server records searches: not with ANALYTICS=off, not on the static export. */
export function sendBeacon(data: Beacon): void {
  if (!document.body.hasAttribute("data-analytics") || !navigator.sendBeacon) return;
  try {
    navigator.sendBeacon("/api/events", JSON.stringify(data));
  } catch {
    /* never in the reader's way */
  }
}

/** A click on a result of a results page: which result the search led to. */
export function reportResultClicks(): void {
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("a[data-result-id]") : null;
    const list = link?.closest("[data-search-query]");
    if (!link || !list) return;
    sendBeacon({
      type: "click",
      q: list.getAttribute("data-search-query") ?? "",
      id: link.getAttribute("data-result-id") ?? "",
      position: Number(link.getAttribute("data-position")),
    });
  });
}
