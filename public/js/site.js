// Progressive enhancement only: every link and form works without this file.
(() => {
  // ---- One spelling per URL, on a static host too ------------------------------------------------
  // The server redirects /QUESTIONS/AE01 or /errors/AE03/ to the lower-case URL itself; the static export has
  // only the lower-case files, so its 404 page makes the same move in the browser.
  if (document.querySelector("[data-not-found]")) {
    const path = window.location.pathname;
    const lower = path.toLowerCase();
    if (lower !== path) window.location.replace(lower + window.location.search + window.location.hash);
  }

  // ---- Copy link -------------------------------------------------------------------------------
  // The control is a real link to the question's anchor; with a clipboard it copies the absolute URL instead.
  var copyTimer;
  document.addEventListener("click", (event) => {
    var target = event.target;
    var link = target instanceof Element ? target.closest("[data-copy-link]") : null;
    if (!link || !navigator.clipboard) return;
    event.preventDefault();
    var url = new URL(link.getAttribute("href"), window.location.href).href;
    var status = document.querySelector("[data-copy-status]");
    navigator.clipboard.writeText(url).then(
      () => {
        if (!status) return;
        status.textContent = "リンクをコピーしました";
        clearTimeout(copyTimer);
        copyTimer = setTimeout(() => {
          status.textContent = "";
        }, 3000);
      },
      () => {
        window.location.href = url;
      },
    );
  });

  // ---- Feedback: 「この回答で問題は解決しましたか？」 ----------------------------------------------------
  // Without this the form posts to /feedback and a thank-you page follows; with it the vote is sent by fetch
  // and the thanks appear in place, announced by the status region, with focus kept inside the widget.
  var THANKS = {
    yes: "ご回答ありがとうございました。",
    no: "ご回答ありがとうございました。",
    details: "ご意見ありがとうございました。回答の改善に役立てます。",
  };
  var REFUSED = {
    429: "短い時間に送信が集中しました。少し待ってからもう一度お試しください。",
    503: "ただいま評価を受け付けられません。時間をおいてもう一度お試しください。",
  };
  var lastClicked;
  document.addEventListener("click", (event) => {
    var button = event.target instanceof Element ? event.target.closest("[data-feedback] button[type=submit]") : null;
    if (button) lastClicked = button;
  });
  document.addEventListener("submit", (event) => {
    var form = event.target instanceof Element ? event.target.closest("[data-feedback]") : null;
    if (!form || !window.fetch) return;
    event.preventDefault();
    var button = event.submitter || lastClicked;
    if (!button || !form.contains(button)) return;
    var details = button.hasAttribute("data-feedback-send");
    var body = { question: form.elements.question.value, helpful: button.value === "yes" };
    if (details) {
      const checked = form.querySelector("input[name=reason]:checked");
      if (checked) body.reason = checked.value;
      body.comment = form.elements.comment.value;
    }
    var status = form.querySelector("[data-feedback-status]");
    var more = form.querySelector("[data-feedback-more]");
    var next = form.querySelector("[data-feedback-next]");
    var vote = form.querySelector("[data-feedback-vote]");
    button.disabled = true;
    fetch("/api/feedback", {
      method: "POST",
      headers: { "Content-Type": "application/json", Accept: "application/json" },
      body: JSON.stringify(body),
    })
      .then((response) => {
        button.disabled = false;
        if (response.status !== 201) {
          status.textContent = REFUSED[response.status] || "送信できませんでした。入力内容をご確認ください。";
          status.focus();
          return;
        }
        vote.hidden = true;
        if (body.helpful) {
          status.textContent = THANKS.yes;
          status.focus();
        } else if (!details) {
          status.textContent = THANKS.no;
          more.hidden = false;
          next.hidden = false;
          more.focus();
        } else {
          status.textContent = THANKS.details;
          more.hidden = true;
          next.hidden = false;
          status.focus();
        }
      })
      .catch(() => {
        button.disabled = false;
        status.textContent = REFUSED[503];
        status.focus();
      });
  });

  // ---- Clicks from search results: which result a search led to (no cookie, nothing about the reader) ----
  function beacon(data) {
    // Only where the server records searches: not with ANALYTICS=off, not on the static export.
    if (!document.body.hasAttribute("data-analytics") || !navigator.sendBeacon) return;
    try {
      navigator.sendBeacon("/api/events", JSON.stringify(data));
    } catch {
      /* never in the reader's way */
    }
  }
  document.addEventListener("click", (event) => {
    var link = event.target instanceof Element ? event.target.closest("a[data-result-id]") : null;
    var list = link ? link.closest("[data-search-query]") : null;
    if (!link || !list) return;
    beacon({
      type: "click",
      q: list.getAttribute("data-search-query"),
      id: link.getAttribute("data-result-id"),
      position: Number(link.getAttribute("data-position")),
    });
  });

  // ---- Search as you type: the WAI-ARIA combobox pattern (list autocomplete) ------------------------
  var input = document.getElementById("header-search-input");
  if (!input || !window.fetch) return;
  var form = input.form;
  var DEBOUNCE_MS = 150;
  var LIMIT = 8;

  var listbox = document.createElement("ul");
  listbox.id = "header-search-listbox";
  listbox.className = "suggestions";
  listbox.setAttribute("role", "listbox");
  listbox.setAttribute("aria-label", "検索候補");
  listbox.hidden = true;

  var live = document.createElement("p");
  live.className = "visually-hidden";
  live.setAttribute("role", "status");
  live.setAttribute("aria-live", "polite");

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-expanded", "false");
  input.setAttribute("aria-controls", listbox.id);
  form.appendChild(listbox);
  form.appendChild(live);

  var options = [];
  var active = -1;
  var timer;
  var controller;
  var lastQuery = "";

  function open() {
    listbox.hidden = options.length === 0;
    input.setAttribute("aria-expanded", String(!listbox.hidden));
  }

  function close() {
    listbox.hidden = true;
    input.setAttribute("aria-expanded", "false");
    setActive(-1);
  }

  function setActive(index) {
    if (active >= 0 && options[active]) options[active].setAttribute("aria-selected", "false");
    active = index;
    if (active >= 0 && options[active]) {
      options[active].setAttribute("aria-selected", "true");
      input.setAttribute("aria-activedescendant", options[active].id);
      options[active].scrollIntoView({ block: "nearest" });
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function render(results, total) {
    listbox.textContent = "";
    options = results.map((result, i) => {
      var option = document.createElement("li");
      option.id = `header-search-option-${i}`;
      option.className = "suggestions__option";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.dataset.url = result.url;
      option.dataset.id = result.id;
      var title = document.createElement("span");
      title.className = "suggestions__title";
      title.textContent = result.title;
      var category = document.createElement("span");
      category.className = "suggestions__category";
      category.textContent = result.category.title;
      option.appendChild(title);
      option.appendChild(category);
      listbox.appendChild(option);
      return option;
    });
    active = -1;
    input.removeAttribute("aria-activedescendant");
    live.textContent = total === 0 ? "候補はありません" : `${total} 件の候補があります。上下の矢印キーで選べます`;
    open();
  }

  // On the static export there is no /api/search: static-search.js provides the same answers in the page.
  function fetchResults(query) {
    if (window.faqSearch) return window.faqSearch(query, LIMIT);
    if (controller) controller.abort();
    controller = new AbortController();
    return fetch(`/api/search?q=${encodeURIComponent(query)}&limit=${LIMIT}`, {
      signal: controller.signal,
      headers: { Accept: "application/json" },
    }).then((response) => (response.ok ? response.json() : null));
  }

  function lookup(query) {
    fetchResults(query)
      .then((body) => {
        // A slower, older response must not overwrite what the user has typed since.
        if (!body || input.value.trim() !== query) return;
        render(body.results, body.total);
      })
      .catch(() => {
        /* aborted or offline: the form still submits to /search */
      });
  }

  input.addEventListener("input", () => {
    var query = input.value.trim();
    clearTimeout(timer);
    if (query === lastQuery) return;
    lastQuery = query;
    if (query === "") {
      if (controller) controller.abort();
      options = [];
      listbox.textContent = "";
      live.textContent = "";
      close();
      return;
    }
    timer = setTimeout(() => {
      lookup(query);
    }, DEBOUNCE_MS);
  });

  input.addEventListener("keydown", (event) => {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (options.length === 0) return;
      event.preventDefault();
      if (listbox.hidden) open();
      const n = options.length;
      // From no selection, Down goes to the first option and Up to the last; both wrap.
      const next = event.key === "ArrowDown" ? (active + 1) % n : active <= 0 ? n - 1 : active - 1;
      setActive(next);
    } else if (event.key === "Enter" && active >= 0 && options[active]) {
      event.preventDefault();
      choose(options[active]);
    } else if (event.key === "Escape") {
      if (!listbox.hidden) {
        event.preventDefault();
        close();
      }
    }
  });

  listbox.addEventListener("mousedown", (event) => {
    // Keep focus in the input so the click lands on the option, not on a closing list.
    event.preventDefault();
  });
  listbox.addEventListener("click", (event) => {
    var option = event.target instanceof Element ? event.target.closest("[role=option]") : null;
    if (option) choose(option);
  });

  // A chosen suggestion is a finished search: one event, then the answer.
  function choose(option) {
    beacon({ type: "suggest", q: lastQuery, id: option.dataset.id, position: options.indexOf(option) + 1 });
    window.location.href = option.dataset.url;
  }

  input.addEventListener("blur", () => {
    close();
  });
  input.addEventListener("focus", () => {
    if (options.length > 0 && input.value.trim() === lastQuery) open();
  });
})();
