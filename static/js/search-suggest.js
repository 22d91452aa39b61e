// Title suggestions while typing in the search box on /zoeken/: an ARIA 1.2 combobox
// (list autocomplete). Progressive enhancement: without this script the form works the
// same, only without suggestions. Choosing a suggestion opens that page.
(function () {
  "use strict";

  var input = document.querySelector("input[data-suggest-url]");
  if (!input || !window.fetch) {
    return;
  }
  var url = input.getAttribute("data-suggest-url");
  var listId = input.id + "-suggestions";
  var wrapper = document.createElement("div");
  wrapper.className = "search-suggest";
  input.parentNode.insertBefore(wrapper, input);
  wrapper.appendChild(input);

  var list = document.createElement("ul");
  list.id = listId;
  list.className = "search-suggest__list";
  list.setAttribute("role", "listbox");
  list.setAttribute("aria-label", "Suggesties");
  list.hidden = true;
  wrapper.appendChild(list);

  var status = document.createElement("div");
  status.className = "visually-hidden";
  status.setAttribute("role", "status");
  wrapper.appendChild(status);

  input.setAttribute("role", "combobox");
  input.setAttribute("aria-autocomplete", "list");
  input.setAttribute("aria-controls", listId);
  input.setAttribute("aria-expanded", "false");

  var items = [];
  var active = -1;
  var timer = null;
  var latest = 0;

  function close() {
    list.hidden = true;
    list.innerHTML = "";
    items = [];
    active = -1;
    input.setAttribute("aria-expanded", "false");
    input.removeAttribute("aria-activedescendant");
  }

  function highlight(index) {
    items.forEach(function (item, i) {
      item.element.setAttribute("aria-selected", i === index ? "true" : "false");
    });
    active = index;
    if (index >= 0) {
      input.setAttribute("aria-activedescendant", items[index].element.id);
    } else {
      input.removeAttribute("aria-activedescendant");
    }
  }

  function show(suggestions) {
    close();
    suggestions.forEach(function (suggestion, i) {
      var option = document.createElement("li");
      option.id = listId + "-" + i;
      option.className = "search-suggest__option";
      option.setAttribute("role", "option");
      option.setAttribute("aria-selected", "false");
      option.textContent = suggestion.title;
      option.addEventListener("mousedown", function (event) {
        event.preventDefault();
        window.location.href = suggestion.url;
      });
      list.appendChild(option);
      items.push({ element: option, url: suggestion.url });
    });
    if (items.length) {
      list.hidden = false;
      input.setAttribute("aria-expanded", "true");
    }
    status.textContent = items.length
      ? items.length + (items.length === 1 ? " suggestie" : " suggesties") +
        ", kies met pijltjestoetsen"
      : "";
  }

  function fetchSuggestions() {
    var value = input.value.trim();
    if (value.length < 2) {
      close();
      return;
    }
    var request = ++latest;
    window
      .fetch(url + "?q=" + encodeURIComponent(value), {
        headers: { Accept: "application/json" },
      })
      .then(function (response) {
        return response.ok ? response.json() : { suggestions: [] };
      })
      .then(function (data) {
        if (request === latest) {
          show(data.suggestions || []);
        }
      })
      .catch(close);
  }

  input.addEventListener("input", function () {
    window.clearTimeout(timer);
    timer = window.setTimeout(fetchSuggestions, 200);
  });
  input.addEventListener("keydown", function (event) {
    if (list.hidden) {
      return;
    }
    if (event.key === "ArrowDown") {
      event.preventDefault();
      highlight((active + 1) % items.length);
    } else if (event.key === "ArrowUp") {
      event.preventDefault();
      highlight(active <= 0 ? items.length - 1 : active - 1);
    } else if (event.key === "Enter" && active >= 0) {
      event.preventDefault();
      window.location.href = items[active].url;
    } else if (event.key === "Escape") {
      close();
    }
  });
  input.addEventListener("blur", close);
})();
