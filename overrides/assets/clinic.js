/* The clinic's small scripts: the contact form sends in the background, and
   the self-check becomes a checklist; in previews, placeholders are marked.
   Loaded only by pages that hold one of these (main.html). Both work without
   this file: the form then posts as a plain HTML form, and the self-check
   reads as a list.
   Nothing here stores anything (no cookies, no local or session storage). */
(function () {
  "use strict";

  /* ---- Contact form ---------------------------------------------------- */
  function setupForm(form) {
    var status = form.querySelector(".clinic-form__status");
    var button = form.querySelector(".clinic-form__submit");
    var busy = false;

    function say(text, isError) {
      status.textContent = "";
      var p = document.createElement("p");
      p.textContent = text;
      status.appendChild(p);
      status.classList.toggle("clinic-form__status--error", !!isError);
      status.classList.toggle("clinic-form__status--ok", !isError);
      return p;
    }

    function failed(reason) {
      say(form.dataset.msgFailure.replace("{reason}", reason), true);
      var retry = document.createElement("button");
      retry.type = "button";
      retry.className = "md-button clinic-form__retry";
      retry.textContent = "Try again";
      retry.addEventListener("click", function () { form.requestSubmit(); });
      status.appendChild(retry);
      status.focus();
    }

    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (busy) return;  // one message at a time: no double sending
      busy = true;
      button.disabled = true;
      say(form.dataset.msgSending, false);

      // The same body a plain HTML form would send, so the endpoint gets the
      // same fields with or without JavaScript; POST keeps them out of the URL.
      var body = new URLSearchParams(new FormData(form));
      var controller = new AbortController();
      var timedOut = false;
      var timer = setTimeout(function () { timedOut = true; controller.abort(); },
                             parseInt(form.dataset.timeoutMs, 10) || 15000);

      fetch(form.action, {
        method: "POST",
        body: body,
        headers: { "Accept": form.dataset.accept || "application/json" },
        credentials: "omit",
        referrerPolicy: "no-referrer",
        signal: controller.signal
      }).then(function (response) {
        if (!response.ok) throw new Error("the server answered with error " + response.status);
        form.reset();
        say(form.dataset.msgSuccess, false);
        status.focus();
      }).catch(function (error) {
        failed(timedOut ? "the server took too long to answer"
               : (error && /^the server/.test(error.message)) ? error.message
               : "we could not reach the server; check your connection");
      }).finally(function () {
        clearTimeout(timer);
        busy = false;
        button.disabled = false;
      });
    });
  }

  /* ---- Self-check ------------------------------------------------------ */
  function setupSelfCheck(box, index) {
    var list = box.querySelector(".clinic-self-check__statements ul");
    var result = box.querySelector(".clinic-self-check__result");
    if (!list || !result) return;
    var items = Array.prototype.slice.call(list.children);
    var fieldset = document.createElement("fieldset");
    fieldset.className = "clinic-self-check__fieldset";
    var legend = document.createElement("legend");
    legend.textContent = "Tick the statements that sound like you";
    legend.className = "clinic-visually-hidden";  // the intro above says it already
    fieldset.appendChild(legend);
    items.forEach(function (li, i) {
      var id = "sc-" + index + "-" + i;
      var row = document.createElement("div");
      row.className = "clinic-self-check__item";
      var input = document.createElement("input");
      input.type = "checkbox";
      input.id = id;
      var label = document.createElement("label");
      label.htmlFor = id;
      while (li.firstChild) label.appendChild(li.firstChild);
      row.appendChild(input);
      row.appendChild(label);
      fieldset.appendChild(row);
    });
    var show = document.createElement("button");
    show.type = "button";
    show.className = "md-button clinic-self-check__show";
    show.textContent = "Show my result";
    list.replaceWith(fieldset);
    fieldset.after(show);

    show.addEventListener("click", function () {
      var total = items.length;
      var ticked = fieldset.querySelectorAll("input:checked").length;
      var key = ticked <= 1 ? "resultFew" : ticked >= Math.max(2, total - 1) ? "resultMany" : "resultSome";
      result.textContent = "";
      [box.dataset[key].replace("{n}", ticked).replace("{total}", total), box.dataset.notATest]
        .forEach(function (text) {
          var p = document.createElement("p");
          p.textContent = text;
          result.appendChild(p);
        });
      result.hidden = false;
      result.focus();
    });
  }

  document.querySelectorAll("form[data-clinic-form]").forEach(setupForm);
  document.querySelectorAll("[data-self-check]").forEach(setupSelfCheck);
})();

/* Previews: each "[PLACEHOLDER: ...]" is marked (production refuses them). */
(function () {
  "use strict";
  var main = document.querySelector(".md-content"), walker, node, found = [];
  if (!main || main.textContent.indexOf("[PLACEHOLDER:") < 0) return;
  walker = document.createTreeWalker(main, NodeFilter.SHOW_TEXT);
  while ((node = walker.nextNode())) {
    if (node.nodeValue.indexOf("[PLACEHOLDER:") >= 0 && !node.parentNode.closest(".clinic-placeholder")) found.push(node);
  }
  found.forEach(function (text) {
    var mark = document.createElement("mark");
    mark.className = "clinic-placeholder";
    text.replaceWith(mark);
    mark.appendChild(text);
  });
})();
