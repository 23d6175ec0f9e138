// "Please Update your browser": which browsers get the notice. The policy (the oldest supported
// major version of each browser) is WARTA_SUPPORTED_BROWSERS in settings, serialised into every
// page; this module, the one place that reads user agents, decides in the browser, so the server
// sends the same page to everyone and never varies on User-Agent. Browsers too old to run a
// module get the notice from the page's `nomodule` script instead.
// warta/web/tests/test_browser_tools_notice.py runs these functions on real user-agent strings.

// Never supported, whatever the version: Internet Explorer, Opera's old Presto engine, and the
// Android browser that came before Chrome.
const NEVER_SUPPORTED = new Set(["ie", "presto", "android"]);
const BOT = /bot\b|bot\/|crawl|spider|slurp|facebookexternalhit|mediapartners|lighthouse|pingdom|preview/i;

function major(match) {
  return match ? parseInt(match[1], 10) : null;
}

/** The browser family (a key of the policy, or "ie", "bot", "unknown"...) and major version. */
export function identifyBrowser(userAgent, userAgentData) {
  const ua = String(userAgent || "");
  let m;
  if (BOT.test(ua)) return { name: "bot", version: null };
  if ((m = ua.match(/MSIE (\d+)/) || ua.match(/Trident\/.*\brv:(\d+)/))) {
    return { name: "ie", version: major(m) };
  }
  if ((m = ua.match(/\bEdge\/(\d+)/))) return { name: "edge", version: major(m) }; // EdgeHTML
  if (/\bPresto\/|^Opera\//.test(ua)) return { name: "presto", version: null };
  if (/\b(iPhone|iPad|iPod)\b/.test(ua)) {
    // Every browser on iOS runs Safari's engine, which comes with the system: Safari says its
    // version (Version/18.1); Chrome, Firefox and Edge there do not, so take the system's.
    m = ua.match(/\bVersion\/(\d+)/) || ua.match(/\bOS (\d+)_/);
    return { name: "safari", version: major(m) };
  }
  if ((m = ua.match(/\bSamsungBrowser\/(\d+)/))) return { name: "samsung", version: major(m) };
  if ((m = ua.match(/\bEdg(?:A)?\/(\d+)/))) return { name: "edge", version: major(m) };
  // Chrome and every browser built on Chromium (Opera, Brave, Vivaldi, Android's WebView):
  // their engine is Chromium's version.
  if ((m = ua.match(/\b(?:HeadlessChrome|Chrome|Chromium)\/(\d+)/))) {
    return { name: "chrome", version: major(m) };
  }
  if ((m = ua.match(/\bFirefox\/(\d+)/))) return { name: "firefox", version: major(m) };
  if (/\bAndroid\b/.test(ua) && /\bVersion\/\d/.test(ua)) return { name: "android", version: null };
  if ((m = ua.match(/\bVersion\/(\d+)[\d.]* (?:Mobile\/\S+ )?Safari\//))) {
    return { name: "safari", version: major(m) };
  }
  return fromUserAgentData(userAgentData);
}

// Client hints, for a user-agent string that says nothing we know (they exist in Chromium only).
function fromUserAgentData(userAgentData) {
  const brands = (userAgentData && userAgentData.brands) || [];
  const find = (pattern) => brands.find((b) => pattern.test(b.brand));
  const edge = find(/Microsoft Edge/);
  if (edge) return { name: "edge", version: parseInt(edge.version, 10) };
  const chromium = find(/^(Google Chrome|Chromium)$/);
  if (chromium) return { name: "chrome", version: parseInt(chromium.version, 10) };
  return { name: "unknown", version: null };
}

/** Whether this browser is below the policy. Unknown browsers and robots are left alone. */
export function needsUpdate(browser, policy) {
  if (NEVER_SUPPORTED.has(browser.name)) return true;
  const oldest = policy[browser.name];
  if (typeof oldest !== "number" || typeof browser.version !== "number") return false;
  if (Number.isNaN(browser.version)) return false;
  return browser.version < oldest;
}

export function browserNeedsUpdate(userAgent, policy, userAgentData) {
  return needsUpdate(identifyBrowser(userAgent, userAgentData), policy);
}

/** Unhides the page's notice when this browser is below the policy the page carries. */
export function showNoticeIfOutdated(doc, nav) {
  const notice = doc.getElementById("browser-notice");
  const policyScript = doc.getElementById("warta-browser-policy");
  if (!notice || !policyScript) return false;
  const outdated = browserNeedsUpdate(nav.userAgent, JSON.parse(policyScript.textContent), nav.userAgentData);
  if (outdated) notice.hidden = false;
  return outdated;
}
