// "Change text size": small, medium, large. The size is already on <html data-text-size> before
// the first paint (web/tools/head.html); this script shows the buttons, applies a choice at once,
// keeps it in this browser, and for a signed-in reader on the account too, so it follows them to
// other devices. Without JavaScript the buttons stay hidden and the article reads at medium.
(function () {
  "use strict";

  var KEY = "warta.textSize";
  var SIZES = ["small", "medium", "large"];
  var root = document.documentElement;

  function current() {
    var size = root.getAttribute("data-text-size");
    return SIZES.indexOf(size) >= 0 ? size : "medium";
  }

  function remember(size) {
    try { localStorage.setItem(KEY, size); } catch (e) { /* private mode: this page only */ }
  }

  function csrfToken() {
    var field = document.querySelector("input[name=csrfmiddlewaretoken]");
    if (field) { return field.value; }
    var match = document.cookie.match(/(?:^|;\s*)csrftoken=([^;]+)/);
    return match ? decodeURIComponent(match[1]) : "";
  }

  function saveToAccount(endpoint, size) {
    if (!root.hasAttribute("data-signed-in") || !window.fetch) { return; }
    fetch(endpoint, {
      method: "POST",
      credentials: "same-origin",
      headers: { "Content-Type": "application/json", "X-CSRFToken": csrfToken() },
      body: JSON.stringify({ text_size: size })
    }).catch(function () { /* kept in this browser; the account catches up on the next choice */ });
  }

  function show(controls) {
    var size = current();
    controls.forEach(function (group) {
      group.querySelectorAll("[data-size]").forEach(function (button) {
        button.setAttribute("aria-pressed", String(button.getAttribute("data-size") === size));
      });
    });
  }

  var controls = Array.prototype.slice.call(document.querySelectorAll("[data-text-size-control]"));
  controls.forEach(function (group) {
    group.hidden = false;
    group.addEventListener("click", function (event) {
      var button = event.target.closest("[data-size]");
      if (!button) { return; }
      var size = button.getAttribute("data-size");
      root.setAttribute("data-text-size", size);
      remember(size);
      show(controls);
      saveToAccount(group.getAttribute("data-endpoint"), size);
    });
  });
  show(controls);

  // Another tab changed the size: follow it.
  window.addEventListener("storage", function (event) {
    if (event.key === KEY && SIZES.indexOf(event.newValue) >= 0) {
      root.setAttribute("data-text-size", event.newValue);
      show(controls);
    }
  });
})();
