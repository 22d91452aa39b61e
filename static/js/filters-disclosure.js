// Filter disclosures that are open on wide screens and closed on narrow ones, so that
// on a phone the results come first (progressive enhancement: without JavaScript the
// disclosure starts closed and opens with one click or key press).
// Markup: <details data-open-when="(min-width: 64em)">.
(function () {
  "use strict";
  Array.prototype.forEach.call(
    document.querySelectorAll("details[data-open-when]"),
    function (disclosure) {
      var wide = window.matchMedia(disclosure.getAttribute("data-open-when"));
      function follow() {
        disclosure.open = wide.matches;
      }
      follow();
      wide.addEventListener("change", follow);
    }
  );
})();
