/* Browsers without JavaScript modules (Internet Explorer, Safari before 11, Firefox before 60)
   are all below any policy we keep: show the notice. ES3 only: these browsers read nothing newer.
   Loaded with the nomodule attribute by web/tools/browser_notice.html (a file, not inline: decision 0023). */
(function () {
  var notice = document.getElementById("browser-notice");
  if (notice) { notice.removeAttribute("hidden"); notice.style.display = "block"; }
})();
