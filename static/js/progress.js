// "Mark as done" and "undo" without a page reload. Progressive enhancement: the forms work as
// plain posts; this only sends them with fetch() and updates the button and the bars.
// No inline script or style anywhere (Content-Security-Policy): bars are <progress> elements.
(() => {
  "use strict";

  const setBar = (key, percent) => {
    document.querySelectorAll(`[data-progress="${key}"]`).forEach((item) => {
      const bar = item.querySelector("[data-progress-bar]");
      const text = item.querySelector("[data-progress-text]");
      if (bar) {
        bar.value = percent;
        bar.textContent = `${percent} %`;
      }
      if (text) text.textContent = String(percent);
    });
  };

  const render = (form, done) => {
    const button = form.querySelector("button[type=submit]");
    const status = form.querySelector("[data-step-status]");
    form.dataset.state = done ? "done" : "todo";
    form.action = done ? form.dataset.undoUrl : form.dataset.doneUrl;
    button.textContent = done ? form.dataset.labelUndo : form.dataset.labelMark;
    button.classList.toggle("btn-primary", !done);
    button.classList.toggle("btn-outline-secondary", done);
    button.classList.toggle("btn-sm", done);
    if (status) status.classList.toggle("d-none", !done);
    // The current step in the outline sidebar gets (or loses) its tick too.
    const current = document.querySelector(".course-outline .outline-item.is-current");
    const marker = current && current.querySelector(".outline-status");
    if (current && marker) {
      if (!marker.dataset.todo) marker.dataset.todo = marker.textContent;
      current.classList.toggle("is-done", done);
      marker.textContent = done ? "✓" : marker.dataset.todo === "✓" ? "•" : marker.dataset.todo;
    }
  };

  const submit = async (event) => {
    const form = event.currentTarget;
    event.preventDefault();
    const button = form.querySelector("button[type=submit]");
    const token = form.querySelector("input[name=csrfmiddlewaretoken]");
    // Not `disabled`: a disabled button drops the keyboard focus to the top of the page.
    if (form.dataset.busy) return;
    form.dataset.busy = "1";
    button.setAttribute("aria-disabled", "true");
    try {
      const response = await fetch(form.action, {
        method: "POST",
        credentials: "same-origin",
        headers: { Accept: "application/json", "X-CSRFToken": token ? token.value : "" },
        body: new FormData(form),
      });
      if (!response.ok) throw new Error(String(response.status));
      const data = await response.json();
      // The last required step: on to the course-completed page with the certificate.
      if (data.completed_url) {
        window.location.assign(data.completed_url);
        return;
      }
      render(form, data.done);
      setBar("course", data.course.percent);
      if (data.module) setBar(`module-${data.module.id}`, data.module.percent);
      const announce = document.querySelector("[data-progress-announce]");
      if (announce) {
        announce.textContent = data.message || `${data.course.percent} %`;
      }
      if (data.message) {
        const note = document.createElement("div");
        note.className = "alert alert-success mt-3";
        note.setAttribute("role", "status");
        note.textContent = data.message;
        form.after(note);
      }
    } catch (error) {
      // Anything unexpected (session expired, network): fall back to the plain form post.
      form.removeEventListener("submit", submit);
      form.submit();
    } finally {
      delete form.dataset.busy;
      button.removeAttribute("aria-disabled");
    }
  };

  document.addEventListener("DOMContentLoaded", () => {
    document.querySelectorAll("form[data-progress-form]").forEach((form) => {
      form.addEventListener("submit", submit);
    });
  });
})();
