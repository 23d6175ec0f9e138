/* Text size before the first paint (docs/decisions/0009-reader-tools-on-shared-pages.md): this runs before the
   stylesheet, so the article never shows at the wrong size. A signed-in page carries the
   account's size on <html>; otherwise this browser's choice, then the account's cookie. */
(function (root) {
  var valid = /^(small|medium|large)$/, key = "warta.textSize", size = null, found;
  try {
    if (root.hasAttribute("data-signed-in")) {
      localStorage.setItem(key, root.getAttribute("data-text-size"));
    } else {
      size = localStorage.getItem(key);
    }
  } catch (e) { /* storage blocked: the cookie below still works */ }
  if (!root.hasAttribute("data-signed-in")) {
    if (!valid.test(size || "")) {
      found = document.cookie.match(/(?:^|;\s*)warta_text_size=(\w+)/);
      size = found && found[1];
    }
    if (valid.test(size || "")) { root.setAttribute("data-text-size", size); }
  }
})(document.documentElement);
