// The search page's filters (progressive enhancement; without JavaScript the
// "Filters toepassen" button and the sort select submit the form as usual):
// - a ticked facet value or a new sort order applies at once;
// - after the page reloads, focus returns to the control that was changed, so a
//   keyboard user keeps their place;
// - on wide screens the "Filters" disclosure is open; on narrow screens it starts
//   closed, so the results come first.
(function () {
  "use strict";
  var form = document.querySelector("form.search-form");
  if (!form) {
    return;
  }
  var filters = form.querySelector("[data-search-filters]");
  var wide = window.matchMedia("(min-width: 48rem)");
  var storageKey = "search-focus";

  function openOnWideScreens() {
    if (filters && wide.matches) {
      filters.open = true;
    }
  }

  function remember(field) {
    try {
      sessionStorage.setItem(storageKey, JSON.stringify([field.name, field.value]));
    } catch (error) {
      // Storage may be off; focus then starts at the top as after any page load.
    }
  }

  function restoreFocus() {
    var remembered = null;
    try {
      remembered = JSON.parse(sessionStorage.getItem(storageKey) || "null");
      sessionStorage.removeItem(storageKey);
    } catch (error) {
      return;
    }
    if (!remembered) {
      return;
    }
    var target = Array.prototype.find.call(
      form.querySelectorAll("[data-search-autosubmit]"),
      function (field) {
        return field.name === remembered[0] &&
          (field.tagName === "SELECT" || field.value === remembered[1]);
      }
    );
    if (!target) {
      return;
    }
    var disclosure = target.closest("details");
    while (disclosure) {
      disclosure.open = true;
      disclosure = disclosure.parentElement.closest("details");
    }
    target.focus();
  }

  openOnWideScreens();
  wide.addEventListener("change", openOnWideScreens);
  var apply = form.querySelector(".search-facets__apply");
  if (apply) {
    apply.hidden = true;
  }
  form.addEventListener("change", function (event) {
    var field = event.target;
    if (!field.matches || !field.matches("[data-search-autosubmit]")) {
      return;
    }
    remember(field);
    // Start again at page 1: the form has no page field, so submitting does.
    form.requestSubmit();
  });
  restoreFocus();
})();
