// Share options. The panel (a <details>) works without JavaScript: plain links to WhatsApp,
// Facebook, X, LinkedIn, Telegram and e-mail, all carrying the canonical URL. With JavaScript:
// the device's own share sheet where there is one (Web Share API), a "Copy link" button that
// says "Copied" in a live region, and Escape or a click elsewhere closes the panel.
(function () {
  "use strict";

  function copyText(text) {
    if (navigator.clipboard && window.isSecureContext) {
      return navigator.clipboard.writeText(text);
    }
    return new Promise(function (resolve, reject) {
      var field = document.createElement("textarea");
      field.value = text;
      field.setAttribute("readonly", "");
      field.style.position = "fixed";
      field.style.opacity = "0";
      document.body.appendChild(field);
      field.select();
      try { if (document.execCommand("copy")) { resolve(); } else { reject(); } } catch (e) { reject(e); }
      field.remove();
    });
  }

  document.querySelectorAll("[data-share]").forEach(function (box) {
    var summary = box.querySelector("summary");
    var status = box.querySelector("[data-share-status]");
    var copy = box.querySelector("[data-share-copy]");
    var data = {
      title: box.getAttribute("data-share-title"),
      text: box.getAttribute("data-share-text"),
      url: box.getAttribute("data-share-url")
    };

    if (typeof navigator.share === "function" && (!navigator.canShare || navigator.canShare(data))) {
      summary.addEventListener("click", function (event) {
        event.preventDefault();
        navigator.share(data).catch(function (error) {
          // The reader closed the sheet: nothing to do. Anything else: the panel instead.
          if (!error || error.name !== "AbortError") { box.open = true; }
        });
      });
    }

    copy.hidden = false;
    copy.addEventListener("click", function () {
      status.textContent = "";
      copyText(data.url).then(function () {
        status.textContent = "Copied";
      }, function () {
        status.textContent = "Copy failed: the link is " + data.url;
      });
    });

    box.addEventListener("toggle", function () {
      if (!box.open) { status.textContent = ""; }
    });
    box.addEventListener("keydown", function (event) {
      if (event.key === "Escape" && box.open) {
        box.open = false;
        summary.focus();
      }
    });
    document.addEventListener("click", function (event) {
      if (box.open && !box.contains(event.target)) { box.open = false; }
    });
  });
})();
