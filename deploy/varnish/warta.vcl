# Varnish in front of warta (docs/caching.md, docs/decisions/0010-caching.md).
#
# Shared: what warta marks public (anonymous pages, feeds, sitemaps, static files), for as long
# as its s-maxage says. Never shared: requests with a session, a gift grant or flash messages,
# gift links, the app's tokens and grants (X-Session-Token, Authorization, X-Gift-*), and
# anything warta marks private. A change purges the pages that show it, by the
# keys of their Surrogate-Key header (docs/decisions/0017): warta sends a BAN naming them to each
# of its WARTA_CACHE_PURGE_URLS. Needs vmod xkey (Debian's package varnish-modules).
#
# Stale while revalidate: a page past its s-maxage, or soft-purged by a change, is served once
# more while Varnish fetches the new one in the background (grace), so a popular page never
# sends a crowd to warta. When warta does not answer (down, restarting, an error), the stale
# copy goes on being served for up to 6 hours (beresp.grace). A hard purge (a story withdrawn or
# killed, its access raised) leaves nothing to serve stale.
vcl 4.1;

import xkey;

backend warta {
    .host = "127.0.0.1";
    .port = "8000";
}

acl purgers {
    "127.0.0.1";
    "::1";
}

sub vcl_recv {
    if (req.method == "BAN") {
        if (!client.ip ~ purgers) {
            return (synth(403, "Not allowed"));
        }
        # With X-Warta-Keys ("article-12 home"), only the pages that carry one of those
        # surrogate keys, softly unless X-Warta-Purge says "hard"; without it, everything (an
        # edit that changes every page: a section renamed).
        if (req.http.X-Warta-Keys ~ "^[A-Za-z0-9 _-]+$") {
            if (req.http.X-Warta-Purge == "hard") {
                set req.http.X-Purged = xkey.purge(req.http.X-Warta-Keys);
            } else {
                set req.http.X-Purged = xkey.softpurge(req.http.X-Warta-Keys);
            }
            return (synth(200, "Purged " + req.http.X-Purged));
        }
        ban("obj.status != 0");
        return (synth(200, "Banned"));
    }
    # The scheme the reader used, as the TLS proxy in front says (it must set the header, and
    # replace any the client sent); without one, plain HTTP. warta redirects plain HTTP to HTTPS
    # (WARTA_SSL_REDIRECT): the two schemes are cached apart (vcl_hash below).
    if (!req.http.X-Forwarded-Proto) {
        set req.http.X-Forwarded-Proto = "http";
    }
    if (req.method != "GET" && req.method != "HEAD") {
        return (pass);
    }
    # The app's reader (docs/api.md, decision 0020): a session token, credentials, or gift grants
    # and a gift link's token make the answer personal. Never from the cache, never into it.
    if (req.http.Authorization || req.http.X-Session-Token || req.http.X-Gift-Grants ||
        req.http.X-Gift-Token) {
        return (pass);
    }
    # Uploaded images are the same for every reader, signed in or not (warta serves them public:
    # renditions for a year, originals for a day): the back office's thumbnails are cached too.
    if (req.url ~ "^/media/") {
        unset req.http.Cookie;
        return (hash);
    }
    # Personal: the reader is signed in, holds a gift grant, or has a message waiting.
    if (req.http.Cookie ~ "(^|;\s*)(sessionid|warta_gifts|messages)=") {
        return (pass);
    }
    # A gift link trades its token for a grant: always the application's.
    if (req.url ~ "[?&]gift=") {
        return (pass);
    }
    if (req.url ~ "^/(admin|accounts|_allauth|account|gift|subscribe|webhooks|feedback)(/|$)") {
        return (pass);
    }
    # Nothing else in a cookie changes a shared page (text size, the app banner are the browser's).
    unset req.http.Cookie;
    # A stale copy is served while the new one is fetched for 10 s past its time; longer only when
    # warta did not answer (the restart from vcl_synth below).
    if (req.restarts > 0 && req.http.X-Warta-Unanswered) {
        set req.grace = 6h;
    } else {
        unset req.http.X-Warta-Unanswered;
        set req.grace = 10s;
    }
    set req.http.X-Warta-Shared = "1";
    return (hash);
}

sub vcl_hash {
    # Then Varnish's own hash (the URL and the host): one copy per scheme, so an HTTP request's
    # redirect never reaches an HTTPS reader and an HTTPS page never answers plain HTTP.
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_backend_response {
    # A fetch that failed is abandoned: no error page and no hit-for-miss object takes the
    # stale copy's place (warta down or erring). The reader's request restarts from vcl_synth.
    if (beresp.status >= 500 && bereq.http.X-Warta-Shared) {
        return (abandon);
    }
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(private|no-store)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # Varnish keeps a response for its s-maxage (over max-age); then, or once soft-purged, it is
    # served stale while fetched anew, for up to this long (warta down meanwhile).
    set beresp.grace = 6h;
    # What the page shows, for xkey's purges by key.
    if (beresp.http.Surrogate-Key) {
        set beresp.http.xkey = beresp.http.Surrogate-Key;
    }
}

sub vcl_synth {
    # warta is down or failing: look again for a stale copy, however old (up to its grace).
    if (resp.status == 503 && req.restarts == 0 && req.http.X-Warta-Shared) {
        set req.http.X-Warta-Unanswered = "1";
        return (restart);
    }
}

sub vcl_deliver {
    unset resp.http.Surrogate-Key;  # for caches, not for browsers
    unset resp.http.xkey;
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
        # The API's RateLimit field was the client's warta answered, not this one's, whom
        # warta never saw (warta/api/rate_limits.py); the policy is the same for everyone.
        unset resp.http.RateLimit;
    } else {
        set resp.http.X-Cache = "miss";
    }
}
