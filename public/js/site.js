// Progressive enhancement only: every link and form works without this file.
(function () {
  "use strict";

  // ---- Copy link -------------------------------------------------------------------------------
  // The control is a real link to the question's anchor; with a clipboard it copies the absolute URL instead.
  var copyTimer;
  document.addEventListener("click", function (event) {
    var target = event.target;
    var link = target instanceof Element ? target.closest("[data-copy-link]") : null;
    if (!link || !navigator.clipboard) return;
    event.preventDefault();
    var url = new URL(link.getAttribute("href"), window.location.href).href;
    var status = document.querySelector("[data-copy-status]");
    navigator.clipboard.writeText(url).then(
      function () {
        if (!status) return;
        status.textContent = "リンクをコピーしました";
        clearTimeout(copyTimer);
        copyTimer = setTimeout(function () { status.textContent = ""; }, 3000);
      },
      function () { window.location.href = url; }
    );
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
    options = results.map(function (result, i) {
      var option = document.createElement("li");
      option.id = "header-search-option-" + i;
      option.className = "suggestions__option";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.dataset.url = result.url;
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
    live.textContent = total === 0 ? "候補はありません" : total + " 件の候補があります。上下の矢印キーで選べます";
    open();
  }

  // On the static export there is no /api/search: static-search.js provides the same answers in the page.
  function fetchResults(query) {
    if (window.faqSearch) return window.faqSearch(query, LIMIT);
    if (controller) controller.abort();
    controller = new AbortController();
    return fetch("/api/search?q=" + encodeURIComponent(query) + "&limit=" + LIMIT, { signal: controller.signal, headers: { Accept: "application/json" } })
      .then(function (response) { return response.ok ? response.json() : null; });
  }

  function lookup(query) {
    fetchResults(query)
      .then(function (body) {
        // A slower, older response must not overwrite what the user has typed since.
        if (!body || input.value.trim() !== query) return;
        render(body.results, body.total);
      })
      .catch(function () { /* aborted or offline: the form still submits to /search */ });
  }

  input.addEventListener("input", function () {
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
    timer = setTimeout(function () { lookup(query); }, DEBOUNCE_MS);
  });

  input.addEventListener("keydown", function (event) {
    if (event.key === "ArrowDown" || event.key === "ArrowUp") {
      if (options.length === 0) return;
      event.preventDefault();
      if (listbox.hidden) open();
      var n = options.length;
      // From no selection, Down goes to the first option and Up to the last; both wrap.
      var next = event.key === "ArrowDown" ? (active + 1) % n : (active <= 0 ? n - 1 : active - 1);
      setActive(next);
    } else if (event.key === "Enter" && active >= 0 && options[active]) {
      event.preventDefault();
      window.location.href = options[active].dataset.url;
    } else if (event.key === "Escape") {
      if (!listbox.hidden) {
        event.preventDefault();
        close();
      }
    }
  });

  listbox.addEventListener("mousedown", function (event) {
    // Keep focus in the input so the click lands on the option, not on a closing list.
    event.preventDefault();
  });
  listbox.addEventListener("click", function (event) {
    var option = event.target instanceof Element ? event.target.closest("[role=option]") : null;
    if (option) window.location.href = option.dataset.url;
  });

  input.addEventListener("blur", function () { close(); });
  input.addEventListener("focus", function () { if (options.length > 0 && input.value.trim() === lastQuery) open(); });
})();
