/* Loads Material's bundle on first use (search, colour toggle, footnote
   tooltip), when idle, or at once on wide screens; replays
   the tap or key that asked for it. Why and how: clinicsite/firstview.py. */
(function () {
  "use strict";
  var me = document.currentScript, src = me && me.getAttribute("data-bundle");
  var styles = me && me.getAttribute("data-styles");
  var root = document.documentElement;
  if (!src) return;
  // Not sooner: on a slow phone the bundle's start-up (a third of a second of
  // work) would land in the first seconds of reading, and nothing it does is
  // needed to read; any use before then loads it at once.
  var IDLE_MS = 8000;
  var KEYS = ["/", "s", "f", "p", "n", ",", "."];  // Material's keyboard shortcuts
  var state = "waiting", replays = [];
  // Deferred, this runs just before DOMContentLoaded; the bundle may come after it.
  var started = document.readyState === "complete";
  document.addEventListener("DOMContentLoaded", function () { started = true; });

  // Material hides search under `no-js` (sidebars: LOADER_CSS in firstview.py).
  root.classList.remove("no-js");
  root.classList.add("js");

  function load(replay) {
    if (replay) replays.push(replay);
    if (state !== "waiting") return;
    state = "loading";
    if (styles) {
      var link = document.createElement("link");
      link.rel = "stylesheet";
      link.href = styles;
      document.head.appendChild(link);
    }
    var script = document.createElement("script");
    script.src = src;
    script.onload = function () {
      // The bundle starts on DOMContentLoaded: if the page is past it, say it again.
      if (started) document.dispatchEvent(new Event("DOMContentLoaded"));
      state = "ready";
      requestAnimationFrame(function () {
        setTimeout(function () {
          root.classList.add("clinic-bundle");
          var todo = replays;
          replays = [];
          todo.forEach(function (fn) { fn(); });
        }, 0);
      });
    };
    document.body.appendChild(script);
  }

  function hold(event, replay) {  // keep the event from acting now; act once the bundle runs
    event.preventDefault();
    event.stopImmediatePropagation();
    load(replay);
  }

  function closest(target, selector) {
    return target && target.closest ? target.closest(selector) : null;
  }

  document.addEventListener("click", function (event) {
    if (state === "ready") return;
    var palette = closest(event.target, "[data-md-component=palette] label");
    if (palette) return hold(event, function () { palette.click(); });
    if (closest(event.target, "label[for='__search']")) {
      // Opens by itself (a checkbox); focus the field within the tap, so a
      // phone shows its keyboard, and let the bundle take over from there.
      load();
      var query = document.querySelector("[data-md-component=search-query]");
      var toggle = document.getElementById("__search");
      if (query && toggle && !toggle.checked) setTimeout(function () { query.focus({ preventScroll: true }); }, 0);
    }
  }, true);

  document.addEventListener("focusin", function (event) {
    if (state !== "waiting") return;
    // The search field (typing goes on; the bundle reads the field when it
    // starts), or a footnote mark (the bundle shows the tooltip of the
    // focused mark when it starts).
    if (closest(event.target, ".md-search, a.footnote-ref")) load();
  }, true);

  document.addEventListener("mouseover", function (event) {
    if (state === "waiting" && closest(event.target, "a.footnote-ref")) load();
  }, true);

  document.addEventListener("keydown", function (event) {
    if (state === "ready" || event.ctrlKey || event.metaKey || event.altKey) return;
    var target = event.target, key = event.key;
    if (closest(target, "[data-md-component=palette]") && (key === "Enter" || key === " ")) {
      return hold(event, function () {
        target.dispatchEvent(new KeyboardEvent("keydown", { key: "Enter", bubbles: true, cancelable: true }));
      });
    }
    var button = closest(target, "label[for][tabindex]");
    if (button && (key === "Enter" || key === " ")) {
      // Material's header buttons (menu, search) are labels that its bundle
      // opens from the keyboard; until then, this does.
      event.preventDefault();
      return button.click();
    }
    if (KEYS.indexOf(key) < 0 || closest(target, "input, textarea, select, [contenteditable]")) return;
    hold(event, function () {
      window.dispatchEvent(new KeyboardEvent("keydown", { key: key, bubbles: true, cancelable: true }));
    });
  }, true);

  // Choosing a part of this page in the phone's menu closes the menu, as the
  // bundle does when the address's #part changes; before the bundle ran, the
  // open menu stayed over the part the reader had asked for.
  window.addEventListener("hashchange", function () {
    var drawer = document.getElementById("__drawer");
    if (state !== "ready" && drawer) drawer.checked = false;
  });

  if (matchMedia("(min-width: 60em)").matches) return load();

  function whenIdle() {
    if (window.requestIdleCallback) requestIdleCallback(function () { load(); }, { timeout: IDLE_MS });
    else load();
  }
  if (document.readyState === "complete") setTimeout(whenIdle, IDLE_MS);
  else window.addEventListener("load", function () { setTimeout(whenIdle, IDLE_MS); });
})();
