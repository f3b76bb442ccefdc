// The desk's only script, served from our own origin (the CSP allows nothing inline). Two jobs: keep the queue
// current without a reload, and preview an edit with its fact check as the editor types.
"use strict";

(() => {
  const queue = document.getElementById("queue");
  if (queue) {
    // Poll the change-log head; when it moves, fetch this same page and swap the queue in place.
    setInterval(async () => {
      try {
        const head = await (await fetch(queue.dataset.poll, { headers: { Accept: "application/json" } })).json();
        if (String(head.head) === queue.dataset.head) {
          return;
        }
        const page = new DOMParser().parseFromString(await (await fetch(location.href)).text(), "text/html");
        const fresh = page.getElementById("queue");
        if (fresh) {
          queue.replaceChildren(...fresh.childNodes);
          queue.dataset.head = fresh.dataset.head;
          document.getElementById("queue-updated").textContent = `Updated at ${new Date().toLocaleTimeString()}.`;
        }
      } catch {
        // Offline for a moment; the next tick tries again.
      }
    }, 3000);
  }

  const form = document.getElementById("edit-form");
  if (form) {
    const check = document.getElementById("preview-check");
    let timer;
    const preview = async () => {
      // The form carries its antiforgery token, so the preview is posted exactly as a save would be.
      const response = await fetch(form.dataset.preview, { method: "POST", body: new FormData(form) });
      if (!response.ok) {
        check.textContent = `Preview unavailable (${response.status}).`;
        return;
      }
      const result = await response.json();
      // Both fragments are the server's sanitised rendering: raw HTML escaped, only http, https and mailto links.
      document.getElementById("preview-headline").innerHTML = result.headline;
      document.getElementById("preview-body").innerHTML = result.body;
      check.className = result.unmatched.length ? "flags" : "ok";
      check.replaceChildren();
      if (result.unmatched.length === 0) {
        check.textContent = "Fact check: every figure matches the data.";
        return;
      }
      const title = document.createElement("strong");
      title.textContent = `Fact check: ${result.unmatched.length} figure(s) do not match the data`;
      const list = document.createElement("ul");
      for (const problem of result.unmatched) {
        const item = document.createElement("li");
        item.textContent = problem;
        list.append(item);
      }
      check.append(title, list);
    };
    form.addEventListener("input", () => {
      clearTimeout(timer);
      timer = setTimeout(preview, 250);
    });
    preview();
  }
})();
