// Progressive enhancement only: every action also works as a plain form post.
document.addEventListener("DOMContentLoaded", () => {
  document.querySelectorAll("form[data-confirm]").forEach((form) => {
    form.addEventListener("submit", (event) => {
      if (!window.confirm(form.dataset.confirm)) event.preventDefault();
    });
  });

  // A form came back with errors: put the focus on the first field to fix, so a screen
  // reader reads its label, "invalid" (aria-invalid) and the message (aria-describedby).
  // Without a field in error, the summary of the form's own errors gets the focus.
  const firstInvalid = document.querySelector("main [aria-invalid='true']");
  const summary = document.querySelector("main [data-error-summary]");
  const target = firstInvalid || summary;
  if (target) target.focus();
});
