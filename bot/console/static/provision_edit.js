// The provision editor: while the editor types, the server renders the resident's card and
// the B1 hints for what the form holds (POST /console/catalogue/new/preview), and this puts
// them in place. Nothing is saved; without script the page shows them as of the last save.
(function () {
  "use strict";
  const form = document.getElementById("provision-form");
  if (!form || !window.fetch || !window.DOMParser) return;
  const url = form.dataset.preview;
  let timer = null;
  let asked = 0;

  function update() {
    const number = ++asked;
    fetch(url, {
      method: "POST",
      body: new FormData(form),
      credentials: "same-origin",
      headers: { Accept: "text/html" },
    })
      .then((response) => (response.ok ? response.text() : null))
      .then((html) => {
        // An answer to an older version of the form is not shown over a newer one.
        if (html === null || number !== asked) return;
        const parts = new DOMParser().parseFromString(html, "text/html");
        const card = parts.querySelector("[data-part=card]");
        const here = document.getElementById("preview-card");
        if (card && here) {
          // Keep "Meer informatie" open if the editor opened it.
          const open = here.querySelector("details[open]") !== null;
          here.replaceChildren(...card.childNodes);
          if (open) here.querySelector("details")?.setAttribute("open", "");
        }
        parts.querySelectorAll("[data-hints]").forEach((hints) => {
          const target = document.getElementById(hints.dataset.hints + "-hints");
          if (target) target.replaceChildren(...hints.childNodes);
        });
      })
      .catch(() => {}); // offline for a moment: the next keystroke tries again
  }

  function soon() {
    clearTimeout(timer);
    timer = setTimeout(update, 300);
  }

  form.addEventListener("input", soon);
  form.addEventListener("change", soon);
})();
