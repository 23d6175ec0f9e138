// "Please Update your browser" for browsers that run modules but are below the policy
// (browser-policy.js decides). Loaded by web/tools/browser_notice.html; a file, not an inline
// script, so the page's Content-Security-Policy needs no hash for it (decision 0023).
import { showNoticeIfOutdated } from "./browser-policy.js";

showNoticeIfOutdated(document, navigator);
