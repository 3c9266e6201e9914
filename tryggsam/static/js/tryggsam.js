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
