// Search as you type in the header's box: the WAI-ARIA combobox pattern (list autocomplete). Without it the
// form still submits to /search.
import { sendBeacon } from "./beacon.js";
import { type ApiAnswer, element, suggestionOption } from "./result-list.js";

const DEBOUNCE_MS = 150;
const LIMIT = 8;

export function enableSearchAsYouType(): void {
  const input = document.getElementById("header-search-input");
  if (!(input instanceof HTMLInputElement) || !input.form || !window.fetch) return;
  const combobox = new Combobox(input, input.form);
  input.addEventListener("input", () => combobox.typed());
  input.addEventListener("keydown", (event) => combobox.key(event));
  input.addEventListener("blur", () => combobox.close());
  input.addEventListener("focus", () => combobox.reopen());
}

class Combobox {
  private readonly listbox = element("ul", "suggestions");
  private readonly live = element("p", "visually-hidden");
  private options: HTMLLIElement[] = [];
  private active = -1;
  private timer: ReturnType<typeof setTimeout> | undefined;
  private controller: AbortController | undefined;
  private lastQuery = "";

  constructor(
    private readonly input: HTMLInputElement,
    form: HTMLFormElement,
  ) {
    const { listbox, live } = this;
    listbox.id = "header-search-listbox";
    listbox.setAttribute("role", "listbox");
    listbox.setAttribute("aria-label", "検索候補");
    listbox.hidden = true;
    live.setAttribute("role", "status");
    live.setAttribute("aria-live", "polite");
    input.setAttribute("role", "combobox");
    input.setAttribute("aria-autocomplete", "list");
    input.setAttribute("aria-expanded", "false");
    input.setAttribute("aria-controls", listbox.id);
    form.append(listbox, live);
    // Keep focus in the input so the click lands on the option, not on a closing list.
    listbox.addEventListener("mousedown", (event) => event.preventDefault());
    listbox.addEventListener("click", (event) => {
      const option = event.target instanceof Element ? event.target.closest("[role=option]") : null;
      if (option instanceof HTMLLIElement) this.choose(option);
    });
  }

  typed(): void {
    const query = this.input.value.trim();
    clearTimeout(this.timer);
    if (query === this.lastQuery) return;
    this.lastQuery = query;
    if (query === "") {
      this.controller?.abort();
      this.options = [];
      this.listbox.textContent = "";
      this.live.textContent = "";
      this.close();
      return;
    }
    this.timer = setTimeout(() => this.lookup(query), DEBOUNCE_MS);
  }

  key(event: KeyboardEvent): void {
    const { options } = this;
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (options.length === 0) return;
      event.preventDefault();
      if (this.listbox.hidden) this.open();
      const n = options.length;
      // From no selection, Down goes to the first option and Up to the last; both wrap.
      const next = event.key === "ArrowDown" ? (this.active + 1) % n : this.active <= 0 ? n - 1 : this.active - 1;
      this.setActive(next);
    } else if (event.key === "Enter" && options[this.active]) {
      event.preventDefault();
      this.choose(options[this.active] as HTMLLIElement);
    } else if (event.key === "Escape" && !this.listbox.hidden) {
      event.preventDefault();
      this.close();
    }
  }

  close(): void {
    this.listbox.hidden = true;
    this.input.setAttribute("aria-expanded", "false");
    this.setActive(-1);
  }

  reopen(): void {
    if (this.options.length > 0 && this.input.value.trim() === this.lastQuery) this.open();
  }

  private open(): void {
    this.listbox.hidden = this.options.length === 0;
    this.input.setAttribute("aria-expanded", String(!this.listbox.hidden));
  }

  private setActive(index: number): void {
    this.options[this.active]?.setAttribute("aria-selected", "false");
    this.active = index;
    const option = this.options[index];
    if (option) {
      option.setAttribute("aria-selected", "true");
      this.input.setAttribute("aria-activedescendant", option.id);
      option.scrollIntoView({ block: "nearest" });
    } else {
      this.input.removeAttribute("aria-activedescendant");
    }
  }

  private render({ results, total }: ApiAnswer): void {
    this.options = results.map(suggestionOption);
    this.listbox.replaceChildren(...this.options);
    this.active = -1;
    this.input.removeAttribute("aria-activedescendant");
    this.live.textContent = total === 0 ? "候補はありません" : `${total} 件の候補があります。上下の矢印キーで選べます`;
    this.open();
  }

  private fetchResults(query: string): Promise<ApiAnswer | null> {
    if (window.faqSearch) return window.faqSearch(query, LIMIT);
    this.controller?.abort();
    this.controller = new AbortController();
    return fetch(`/api/search?q=${encodeURIComponent(query)}&limit=${LIMIT}`, {
      signal: this.controller.signal,
      headers: { Accept: "application/json" },
    }).then((response) => (response.ok ? (response.json() as Promise<ApiAnswer>) : null));
  }

  private lookup(query: string): void {
    this.fetchResults(query)
      .then((answer) => {
        // A slower, older response must not overwrite what the user has typed since.
        if (answer && this.input.value.trim() === query) this.render(answer);
      })
      .catch(() => {
        /* aborted or offline: the form still submits to /search */
      });
  }

  /** A chosen suggestion is a finished search: one event, then the answer. */
  private choose(option: HTMLLIElement): void {
    sendBeacon({
      type: "suggest",
      q: this.lastQuery,
      id: option.dataset.id ?? "",
      position: this.options.indexOf(option) + 1,
    });
    window.location.href = option.dataset.url ?? "/";
  }
}
