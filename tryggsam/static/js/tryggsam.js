// Small behaviours that need script; no inline handlers anywhere (strict CSP).
document.addEventListener("htmx:configRequest", (event) => {
  const token = document.querySelector("input[name=csrfmiddlewaretoken]");
  if (token) event.detail.headers["X-CSRFToken"] = token.value;
});
document.addEventListener("click", (event) => {
  const cancel = event.target.closest("[data-cancel-edit]");
  if (cancel) {
    event.preventDefault();
    htmx.ajax("GET", cancel.dataset.cancelEdit, { target: cancel.closest("tr"), swap: "outerHTML" });
  }
});

// Work-table rows are swapped in place, which removes the link or button that had focus. Put focus
// back where the person is working: into the form that opened (the first field with an error, else
// the first field), and when the row comes back, onto the link that opened the form.
let reopenLink = null;
const focusLost = () => !document.activeElement || document.activeElement === document.body;
document.addEventListener("htmx:load", (event) => {
  const row = event.target;
  if (!(row instanceof HTMLTableRowElement) || !row.closest(".work-table") || !focusLost()) return;
  if (row.classList.contains("editing")) {
    const form = row.querySelector("form");
    reopenLink = form ? form.getAttribute("action") : null;
    const field = row.querySelector("[aria-invalid=true]") || row.querySelector("input:not([type=hidden]), select, textarea");
    if (field) {
      // The form keeps itself in view (sticky in a scrolling table); letting the browser scroll the
      // table to the field would push the labels out of view on a phone.
      field.focus({ preventScroll: true });
      row.scrollIntoView({ block: "nearest" });
    }
  } else {
    const links = Array.from(row.querySelectorAll("a.button, button"));
    const target = links.find((link) => link.getAttribute("href") === reopenLink) || links[0];
    if (target) target.focus();
  }
});

// A table wider than the screen scrolls inside its .table-wrap; keyboard users can scroll it only
// if the wrapper can take focus, and screen readers then need a name for it (the table's caption or
// the heading before it).
function markScrollableTables() {
  for (const wrap of document.querySelectorAll(".table-wrap")) {
    const scrolls = wrap.scrollWidth > wrap.clientWidth + 1;
    if (scrolls && !wrap.hasAttribute("tabindex")) {
      const caption = wrap.querySelector("caption");
      const before = wrap.previousElementSibling;
      const heading = before && /^H[1-6]$/.test(before.tagName) ? before : null;
      // A section already named by that heading is the region; a second one would repeat it.
      const named = heading && heading.id && wrap.closest(`[aria-labelledby~="${CSS.escape(heading.id)}"]`);
      const name = caption ? caption.textContent : heading && !named ? heading.textContent : "";
      wrap.tabIndex = 0;
      wrap.dataset.scrollFocus = "";
      if (name.trim()) {
        wrap.setAttribute("role", "region");
        wrap.setAttribute("aria-label", name.trim());
      }
    } else if (!scrolls && "scrollFocus" in wrap.dataset) {
      wrap.removeAttribute("tabindex");
      wrap.removeAttribute("role");
      wrap.removeAttribute("aria-label");
      delete wrap.dataset.scrollFocus;
    }
  }
}
document.addEventListener("DOMContentLoaded", markScrollableTables);
window.addEventListener("resize", markScrollableTables);
document.addEventListener("htmx:afterSettle", markScrollableTables);

// A link to a folded section (#id of a <details>) opens it, e.g. "Lägg till åtgärd" from the work table.
(function () {
  const target = window.location.hash && document.getElementById(window.location.hash.slice(1));
  if (target && target.tagName === "DETAILS") { target.open = true; target.querySelector("input, textarea")?.focus(); }
})();

// A failed htmx request says so where the person is looking: htmx swaps nothing on 4xx/5xx answers
// or when the network is gone, so without this a click would seem to do nothing. The texts come
// translated from #request-errors in the page.
(function () {
  const texts = () => document.getElementById("request-errors");
  function anchorFor(elt) {
    return (elt && elt.closest && elt.closest("td, form, li, section")) || document.getElementById("main");
  }
  function clear(elt) {
    const anchor = anchorFor(elt);
    const old = anchor && anchor.querySelector(":scope > .request-error");
    if (old) old.remove();
  }
  function show(elt, key) {
    const source = texts();
    const anchor = anchorFor(elt);
    if (!source || !anchor) return;
    clear(elt);
    const box = document.createElement("p");
    box.className = "message message-error request-error";
    box.setAttribute("role", "alert");
    box.textContent = source.dataset[key] || source.dataset.e500;
    anchor.prepend(box);
  }
  document.addEventListener("htmx:beforeRequest", (e) => clear(e.detail.elt));
  document.addEventListener("htmx:responseError", (e) => {
    const status = e.detail.xhr ? e.detail.xhr.status : 500;
    show(e.detail.elt, [403, 404, 409, 413].includes(status) ? `e${status}` : "e500");
  });
  document.addEventListener("htmx:sendError", (e) => show(e.detail.elt, "network"));
  document.addEventListener("htmx:timeout", (e) => show(e.detail.elt, "network"));
})();

// A form sent back with errors opens with its summary focused (read out, and in view on a phone).
document.addEventListener("DOMContentLoaded", () => {
  const summary = document.querySelector(".error-summary");
  if (summary) summary.focus();
});

// One confirmation for every action that deletes, removes, ends, archives or merges: the form (or the
// htmx element) carries data-confirm with the question, in the page's language. An htmx request asks
// through htmx's own confirm event (so it is asked once); a plain form asks on submit. Without script
// the form still needs a POST: no GET anywhere deletes anything.
const htmxVerbs = "[hx-post],[hx-put],[hx-patch],[hx-delete],[data-hx-post],[data-hx-put],[data-hx-patch],[data-hx-delete]";
document.addEventListener("submit", (event) => {
  const form = event.target;
  if (!(form instanceof HTMLFormElement) || !form.dataset.confirm || form.matches(htmxVerbs)) return;
  if (!window.confirm(form.dataset.confirm)) {
    event.preventDefault();
    event.stopImmediatePropagation();
  }
}, true);
document.addEventListener("htmx:confirm", (event) => {
  const asking = event.detail.elt.closest && event.detail.elt.closest("[data-confirm]");
  if (!asking) return;
  event.preventDefault();
  if (window.confirm(asking.dataset.confirm)) event.detail.issueRequest(true);
});

// Leaflet's controls speak English ("Zoom in"). Every map script calls this before L.map(): the
// zoom buttons take the translated titles from #map-texts in the page.
window.tryggsamLocaliseLeaflet = function () {
  const texts = document.getElementById("map-texts");
  if (!texts || typeof L === "undefined") return;
  L.Control.Zoom.mergeOptions({ zoomInTitle: texts.dataset.zoomIn, zoomOutTitle: texts.dataset.zoomOut });
};
