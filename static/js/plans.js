// The learner's answers (reflections and worksheets) saved without a reload. Progressive
// enhancement: every form works as a plain post; this sends it with fetch() while the
// learner types (after a short pause) and when they press the button. After a save each
// field's "was:" value becomes what it now shows, so the server only changes fields this
// form changed. No inline script anywhere (Content-Security-Policy).
(() => {
  "use strict";
  const lang = document.documentElement.lang || "nl";
  const text = {
    saving: lang.startsWith("en") ? "Saving…" : "Opslaan…",
    failed: lang.startsWith("en") ? "Not saved: see the message next to the field." : "Niet opgeslagen: zie de melding bij het veld.",
    offline: lang.startsWith("en") ? "Not saved: no connection. Try again." : "Niet opgeslagen: geen verbinding. Probeer het opnieuw.",
  };

  const showErrors = (form, errors) => {
    form.querySelectorAll("[data-error-for]").forEach((slot) => {
      const name = slot.dataset.errorFor;
      const message = errors[name] || "";
      slot.textContent = message;
      slot.classList.toggle("d-none", !message && name === "rows");
      const input = form.querySelector(`[name="${CSS.escape(name)}"]`);
      if (input) {
        input.classList.toggle("is-invalid", Boolean(message));
        if (message) input.setAttribute("aria-invalid", "true");
        else input.removeAttribute("aria-invalid");
      }
    });
  };

  const remember = (form) => {
    form.querySelectorAll("input[name^='was:']").forEach((was) => {
      const field = form.querySelector(`[name="${CSS.escape(was.name.slice(4))}"]`);
      if (field) was.value = field.value;
    });
  };

  // A worksheet whose last row was filled in gets a new empty row right away (the server adds
  // one on the next page load as well), up to the kind's maximum.
  const grow = (form) => {
    const max = Number(form.dataset.maxRows || 0);
    const count = form.querySelector("input[name=rows]");
    const rows = form.querySelectorAll("fieldset.sheet-row");
    const last = rows[rows.length - 1];
    if (!count || !last || rows.length >= max) return;
    const fields = last.querySelectorAll("input:not([type=hidden]), select, textarea");
    if (![...fields].some((field) => field.value.trim())) return;
    const from = `r${rows.length - 1}-`;
    const to = `r${rows.length}-`;
    const clone = last.cloneNode(true);
    clone.querySelectorAll("*").forEach((el) => {
      ["name", "id", "for", "aria-describedby", "data-error-for"].forEach((attr) => {
        const value = el.getAttribute(attr);
        if (value && value.includes(from)) el.setAttribute(attr, value.split(from).join(to));
      });
      if (el.matches("input, textarea")) el.value = "";
      if (el.matches("select")) el.selectedIndex = 0;
      if (el.matches("[data-error-for]")) el.textContent = "";
      el.classList.remove("is-invalid");
      el.removeAttribute("aria-invalid");
    });
    const legend = clone.querySelector("legend");
    if (legend) legend.textContent = legend.textContent.replace(/\d+\s*$/, String(rows.length + 1));
    last.after(clone);
    count.value = String(rows.length + 1);
  };

  const save = async (form) => {
    const status = form.querySelector("[data-save-status]");
    const token = form.querySelector("input[name=csrfmiddlewaretoken]");
    if (status) status.textContent = text.saving;
    form.dataset.busy = "1";
    try {
      const response = await fetch(form.action, {
        method: "POST",
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRFToken": token ? token.value : "" },
        body: new FormData(form),
      });
      const data = await response.json();
      if (response.ok && data.saved) {
        showErrors(form, {});
        remember(form);
        grow(form);
        if (status) status.textContent = data.message;
        if (data.state) {
          document.querySelectorAll("p[data-plan-state]").forEach((line) => {
            line.textContent = data.state;
          });
        }
        if (data.budget_html) {
          const budget = document.querySelector("[data-plan-budget]");
          if (budget) budget.outerHTML = data.budget_html;
        }
        form.dispatchEvent(new CustomEvent("plans:saved", { bubbles: true }));
      } else {
        showErrors(form, data.errors || {});
        if (status) status.textContent = data.error || text.failed;
      }
    } catch (error) {
      if (status) status.textContent = text.offline;
    } finally {
      delete form.dataset.busy;
    }
  };

  document.querySelectorAll("form[data-autosave]").forEach((form) => {
    let timer = null;
    form.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(() => save(form), 900);
    });
    form.addEventListener("change", () => {
      clearTimeout(timer);
      timer = setTimeout(() => save(form), 300);
    });
    form.addEventListener("submit", (event) => {
      event.preventDefault();
      clearTimeout(timer);
      save(form);
    });
  });

  document.querySelectorAll("[data-print]").forEach((button) => {
    button.addEventListener("click", () => window.print());
  });
})();
