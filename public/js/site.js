// Progressive enhancement only: every link and form works without this file.
(function () {
  "use strict";

  // The copy-link control is a real link to the question's anchor; with a clipboard it copies the absolute URL instead.
  document.addEventListener("click", function (event) {
    var target = event.target;
    var link = target instanceof Element ? target.closest("[data-copy-link]") : null;
    if (!link || !navigator.clipboard) return;
    event.preventDefault();
    var url = new URL(link.getAttribute("href"), window.location.href).href;
    var status = document.querySelector("[data-copy-status]");
    navigator.clipboard.writeText(url).then(
      function () { announce(status, "リンクをコピーしました"); },
      function () { window.location.href = url; }
    );
  });

  var timer;
  function announce(status, message) {
    if (!status) return;
    status.textContent = message;
    clearTimeout(timer);
    timer = setTimeout(function () { status.textContent = ""; }, 3000);
  }
})();
