// "Continue in the app": a banner on phones (the stylesheet shows it only on narrow screens)
// that opens this article in the publisher's app. Dismissed, it stays away for 30 days
// (data-dismiss-days). Without JavaScript it stays hidden: reading needs none of it.
(function () {
  "use strict";

  var KEY = "warta.appBanner.dismissedAt";
  var DAY = 24 * 60 * 60 * 1000;
  var banner = document.querySelector("[data-app-banner]");
  if (!banner) { return; }

  function dismissedRecently() {
    var days = Number(banner.getAttribute("data-dismiss-days")) || 30;
    try {
      var at = Number(localStorage.getItem(KEY));
      return at > 0 && Date.now() - at < days * DAY;
    } catch (e) {
      return false;
    }
  }

  var ua = navigator.userAgent;
  var ios = /\b(iPhone|iPad|iPod)\b/.test(ua);
  var android = /\bAndroid\b/.test(ua);
  // Safari on iOS shows its own Smart App Banner from the apple-itunes-app meta: not two banners.
  var iosSafari = ios && /Safari\//.test(ua) && !/\b(CriOS|FxiOS|EdgiOS|OPiOS)\//.test(ua);
  var smartBanner = document.querySelector('meta[name="apple-itunes-app"]');
  if (dismissedRecently() || (iosSafari && smartBanner)) { return; }

  banner.hidden = false;
  document.body.classList.add("has-app-banner");

  banner.querySelector("[data-app-dismiss]").addEventListener("click", function () {
    try { localStorage.setItem(KEY, String(Date.now())); } catch (e) { /* this page only */ }
    banner.hidden = true;
    document.body.classList.remove("has-app-banner");
    var main = document.getElementById("main");
    if (main) {
      main.setAttribute("tabindex", "-1");
      main.focus({ preventScroll: true });
    }
  });

  // The link is the canonical URL (a universal link or app link). iOS keeps same-site links in
  // Safari and Chrome on Android needs an intent, so: the intent on Android, the app's own
  // scheme on iOS, and the store when the app did not open.
  banner.querySelector("[data-app-open]").addEventListener("click", function (event) {
    var open = event.currentTarget;
    var intent = open.getAttribute("data-android-intent-url");
    var scheme = open.getAttribute("data-scheme-url");
    var store = open.getAttribute(android ? "data-android-store-url" : "data-ios-store-url");
    if (android && intent) {
      event.preventDefault();
      window.location.href = intent;
      return;
    }
    if (!ios && !android) { return; }
    if (!scheme && !store) { return; }
    event.preventDefault();
    if (!scheme) {
      window.location.href = store;
      return;
    }
    window.location.href = scheme;
    window.setTimeout(function () {
      if (!document.hidden && store) { window.location.href = store; }
    }, 1500);
  });
})();
