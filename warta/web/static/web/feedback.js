// "Your Opinion Matters" (warta/feedback). The form works without JavaScript: it posts and a page
// answers with the thank-you or the errors. With JavaScript: a live counter towards the minimum
// ("12 characters — at least 30 needed", then "52 characters") that counts exactly as the server
// does, sending only from 30 characters, and the thank-you in place of the form without a reload.
// Loaded with `defer` by the box itself.
(function () {
  "use strict";

  // The count of warta/feedback/text_rules.py, step for step: NFC, zero-width characters out,
  // the same whitespace trimmed at both ends, Unicode code points counted. A browser test runs
  // both on one table of strings; change them together.
  var ZERO_WIDTH = /[\u200B\u200C\u200D\u2060\uFEFF]/g;
  var EDGE_WHITESPACE = /^[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+|[\t\n\v\f\r \u0085\u00A0\u1680\u2000-\u200A\u2028\u2029\u202F\u205F\u3000]+$/g;

  function feedbackLength(text) {
    var trimmed = String(text).normalize("NFC").replace(ZERO_WIDTH, "").replace(EDGE_WHITESPACE, "");
    return Array.from(trimmed).length;
  }
  window.wartaFeedbackLength = feedbackLength;

  // The counter's words, as feedback_tags.feedback_count_text says them (a browser test compares);
  // the limits come from the box (data-min-length, data-max-length).
  function countText(n, min, max) {
    var said = n.toLocaleString("en-US") + (n === 1 ? " character" : " characters");
    if (n < min) { return said + " — at least " + min.toLocaleString("en-US") + " needed"; }
    if (n > max) { return said + " — at most " + max.toLocaleString("en-US") + " allowed"; }
    return said;
  }
  window.wartaFeedbackCountText = countText;

  var NOT_SENT = "Your feedback could not be sent. Please check your connection and try again.";

  function describe(field, id, on) {
    var ids = (field.getAttribute("aria-describedby") || "").split(/\s+/).filter(function (x) {
      return x && x !== id;
    });
    if (on) { ids.push(id); }
    field.setAttribute("aria-describedby", ids.join(" "));
  }

  function setFieldError(field, output, text) {
    output.textContent = text || "";
    describe(field, output.id, Boolean(text));
    if (text) { field.setAttribute("aria-invalid", "true"); } else { field.removeAttribute("aria-invalid"); }
  }

  function setUp(box) {
    var form = box.querySelector(".feedback-form");
    var content = box.querySelector(".feedback-content");
    var message = form.querySelector("textarea[name=message]");
    var email = form.querySelector("input[name=reply_email]");
    var started = form.querySelector("input[name=started]");
    var button = form.querySelector(".feedback-submit");
    var counter = box.querySelector("[data-feedback-count]");
    var status = box.querySelector("[data-feedback-status]");
    var alertArea = box.querySelector(".feedback-alert");
    var messageError = box.querySelector("#feedback-message-error");
    var emailError = box.querySelector("#feedback-email-error");
    var thanks = box.querySelector(".feedback-thanks");
    var min = Number(box.dataset.minLength);
    var max = Number(box.dataset.maxLength);
    var buttonLabel = button.textContent;
    var state = null;
    var sending = false;
    var tokenAsked = false;

    function stateOf(n) { return n < min ? "short" : (n > max ? "long" : "enough"); }

    function update(announce) {
      var n = feedbackLength(message.value);
      var next = stateOf(n);
      counter.textContent = countText(n, min, max);
      box.dataset.feedbackState = next;
      button.setAttribute("aria-disabled", String(next !== "enough" || sending));
      // Announce crossings only, never every keystroke.
      if (announce && state !== null && next !== state) {
        status.textContent = next === "enough" ? min + " characters reached: you can send your feedback."
          : next === "long" ? "Your message is over " + max.toLocaleString("en-US") + " characters: please shorten it."
          : "Fewer than " + min + " characters now.";
      }
      state = next;
    }

    function askForToken() {
      // A fresh start time from the server, exact to the second (the page's is the minute).
      if (tokenAsked || !box.dataset.startUrl) { return; }
      tokenAsked = true;
      fetch(box.dataset.startUrl, { headers: { "Accept": "application/json" }, credentials: "same-origin" })
        .then(function (response) { return response.ok ? response.json() : null; })
        .then(function (data) { if (data && data.started) { started.value = data.started; } })
        .catch(function () { /* the page's own token still works */ });
    }

    function clearErrors() {
      alertArea.replaceChildren();
      setFieldError(message, messageError, "");
      setFieldError(email, emailError, "");
    }

    function showErrors(errors) {
      errors = errors || { __all__: [NOT_SENT] };
      var general = errors.__all__ || [];
      alertArea.replaceChildren.apply(alertArea, general.map(function (text) {
        var p = document.createElement("p");
        p.textContent = text;
        return p;
      }));
      setFieldError(message, messageError, (errors.message || []).join(" "));
      setFieldError(email, emailError, (errors.reply_email || []).join(" "));
      if (errors.message) { message.focus(); } else if (errors.reply_email) { email.focus(); }
    }

    function showThanks() {
      content.hidden = true;
      thanks.hidden = false;
      thanks.focus();
    }

    function send() {
      sending = true;
      button.textContent = "Sending…";
      update(false);
      clearErrors();
      fetch(form.action, {
        method: "POST",
        body: new URLSearchParams(new FormData(form)),
        headers: { "Accept": "application/json" },
        credentials: "same-origin"
      }).then(function (response) {
        return response.json().catch(function () { return null; });
      }).then(function (data) {
        if (data && data.ok) { showThanks(); return; }
        if (data && data.started) { started.value = data.started; }
        showErrors(data && data.errors);
      }).catch(function () {
        showErrors(null);
      }).finally(function () {
        sending = false;
        button.textContent = buttonLabel;
        update(false);
      });
    }

    counter.hidden = false;
    describe(message, counter.id, true);
    update(false);
    message.addEventListener("input", function () {
      if (message.hasAttribute("aria-invalid")) { setFieldError(message, messageError, ""); }
      update(true);
    });
    form.addEventListener("focusin", askForToken);
    form.addEventListener("submit", function (event) {
      event.preventDefault();
      if (sending) { return; }
      var n = feedbackLength(message.value);
      if (stateOf(n) === "enough") { send(); return; }
      setFieldError(message, messageError, n < min
        ? "Please write at least " + min + " characters: you have " + n + " so far."
        : "Please shorten your message to " + max.toLocaleString("en-US") + " characters or fewer.");
      message.focus();
    });
  }

  document.querySelectorAll("[data-feedback-box]").forEach(setUp);
})();
