// Gift links: the form works without JavaScript (it posts and a page shows the link); with it,
// the link opens in a dialog with a copy button. Loaded with `defer`, only on premium articles.
(function () {
  "use strict";

  function copy(text, status) {
    var done = function () { status.textContent = "Copied"; };
    if (navigator.clipboard && window.isSecureContext) {
      navigator.clipboard.writeText(text).then(done, function () { status.textContent = "Select the link and copy it."; });
    } else {
      var field = document.createElement("textarea");
      field.value = text; document.body.appendChild(field); field.select();
      try { document.execCommand("copy"); done(); } catch (e) { status.textContent = "Select the link and copy it."; }
      field.remove();
    }
  }

  function enableCopyButtons(root) {
    root.querySelectorAll(".copy-button").forEach(function (button) {
      var input = document.getElementById(button.dataset.copyTarget);
      var status = button.closest(".gift-share").querySelector(".copy-status");
      button.hidden = false;
      button.addEventListener("click", function () { input.select(); copy(input.value, status); });
    });
  }

  function el(tag, attrs, text) {
    var node = document.createElement(tag);
    Object.keys(attrs || {}).forEach(function (k) { node.setAttribute(k, attrs[k]); });
    if (text) { node.textContent = text; }
    return node;
  }

  function showLink(body, data) {
    body.replaceChildren();
    var share = el("div", { "class": "gift-share" });
    share.append(el("label", { "for": "gift-dialog-link" }, "Gift link"));
    var row = el("div", { "class": "gift-link-row" });
    var input = el("input", { id: "gift-dialog-link", "class": "gift-link", type: "text", readonly: "" });
    input.value = data.url;
    var button = el("button", { type: "button", "class": "copy-button", "data-copy-target": "gift-dialog-link" }, "Copy link");
    row.append(input, button);
    share.append(row, el("p", { "class": "copy-status", role: "status", "aria-live": "polite" }));
    var links = el("p", { "class": "gift-shortcuts" });
    links.append(el("a", { href: data.whatsapp_url, rel: "noopener", target: "_blank" }, "Send on WhatsApp"));
    links.append(el("a", { href: data.email_url }, "Send by e-mail"));
    share.append(links);
    body.append(share);
    var left = data.gifts_left_text;
    body.append(el("p", { "class": "gift-left" }, (data.created ? "" : "You gifted this article already: same link, no gift used. ") + left));
    enableCopyButtons(body);
    // The offer's own count, not the line just written in the dialog (which sits in the offer).
    document.querySelectorAll(".gift-offer .gift-left").forEach(function (n) {
      if (!n.closest(".gift-dialog")) { n.textContent = left; }
    });
    input.focus(); input.select();
  }

  document.querySelectorAll(".gift-form").forEach(function (form) {
    var dialog = form.parentElement.querySelector(".gift-dialog");
    if (!dialog || typeof dialog.showModal !== "function") { return; }
    var body = dialog.querySelector(".gift-dialog-body");
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      body.replaceChildren(el("p", {}, "Making your gift link…"));
      dialog.showModal();
      fetch(form.action, {
        method: "POST",
        body: new FormData(form),
        headers: { "Accept": "application/json" },
        credentials: "same-origin"
      }).then(function (response) {
        return response.json().then(function (data) { return { ok: response.ok, data: data }; });
      }).then(function (result) {
        if (result.ok) { showLink(body, result.data); }
        else { body.replaceChildren(el("p", { "class": "form-error", role: "alert" }, result.data.error)); }
      }).catch(function () {
        body.replaceChildren(el("p", { "class": "form-error", role: "alert" }, "The gift link could not be made. Try again."));
      });
    });
  });

  enableCopyButtons(document);
})();
