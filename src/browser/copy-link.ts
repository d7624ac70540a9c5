/**
 * The control is a real link to the question's anchor; with a clipboard it copies the absolute URL instead,
 * and says so in the status region.
 */
export function enableCopyLinks(): void {
  let timer: ReturnType<typeof setTimeout> | undefined;
  document.addEventListener("click", (event) => {
    const link = event.target instanceof Element ? event.target.closest("[data-copy-link]") : null;
    if (!link || !navigator.clipboard) return;
    event.preventDefault();
    const url = new URL(link.getAttribute("href") ?? "", window.location.href).href;
    const status = document.querySelector("[data-copy-status]");
    navigator.clipboard.writeText(url).then(
      () => {
        if (!status) return;
        status.textContent = "リンクをコピーしました";
        clearTimeout(timer);
        timer = setTimeout(() => {
          status.textContent = "";
        }, 3000);
      },
      () => {
        window.location.href = url;
      },
    );
  });
}

/**
 * One spelling per URL on a static host too: the server redirects /QUESTIONS/AE01 itself; the static
 * export has only the lower-case files, so its 404 page makes the same move in the browser.
 */
export function lowerCaseNotFoundPath(): void {
  if (!document.querySelector("[data-not-found]")) return;
  const path = window.location.pathname;
  const lower = path.toLowerCase();
  if (lower !== path) window.location.replace(lower + window.location.search + window.location.hash);
}
