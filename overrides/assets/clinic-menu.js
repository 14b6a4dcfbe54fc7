/* On every page. */
/* Opening the menu moves focus into it; Escape closes it and returns focus. */
(function () {
  "use strict";
  var toggle = document.getElementById("__drawer"), button = document.querySelector('label[for="__drawer"][tabindex]');
  if (!toggle || !button) return;
  toggle.addEventListener("change", function () {
    if (!toggle.checked) return;
    setTimeout(function () {
      var stops = document.querySelectorAll(".md-sidebar--primary a[href], .md-sidebar--primary label[tabindex]");
      for (var i = 0; i < stops.length; i++) if (stops[i].offsetWidth) return stops[i].focus();
    }, 60);
  });
  document.addEventListener("keydown", function (event) {
    if (event.key !== "Escape" || !toggle.checked) return;
    toggle.checked = false;
    toggle.dispatchEvent(new Event("change"));
    button.focus();
  });
})();
