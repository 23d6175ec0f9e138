# Varnish in front of warta (docs/caching.md, docs/decisions/0010-caching.md).
#
# Shared: what warta marks public (anonymous pages, feeds, sitemaps, static files), for as long
# as its s-maxage says. Never shared: requests with a session, a gift grant or flash messages,
# gift links, and anything warta marks private. Publishing sends a BAN (warta's
# WARTA_CACHE_PURGE_URLS), which empties the cache at once.
vcl 4.1;

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
        # surrogate keys; without it, everything (what warta sends on every publication).
        if (req.http.X-Warta-Keys ~ "^[a-z0-9 _-]+$") {
            # (No spaces or backslashes: Varnish's ban parser would cut the expression there.)
            ban("obj.http.Surrogate-Key ~ (^|[[:space:]])(" +
                regsuball(req.http.X-Warta-Keys, " +", "|") + ")([[:space:]]|$)");
            return (synth(200, "Banned by key"));
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
    if (req.url ~ "^/(admin|accounts|account|gift|subscribe|webhooks|feedback)(/|$)") {
        return (pass);
    }
    # Nothing else in a cookie changes a shared page (text size, the app banner are the browser's).
    unset req.http.Cookie;
    return (hash);
}

sub vcl_hash {
    # Then Varnish's own hash (the URL and the host): one copy per scheme, so an HTTP request's
    # redirect never reaches an HTTPS reader and an HTTPS page never answers plain HTTP.
    hash_data(req.http.X-Forwarded-Proto);
}

sub vcl_backend_response {
    if (beresp.http.Set-Cookie || beresp.http.Cache-Control ~ "(private|no-store)") {
        set beresp.uncacheable = true;
        set beresp.ttl = 120s;
        return (deliver);
    }
    # Varnish keeps a response for its s-maxage (over max-age); a little grace rides out spikes.
    set beresp.grace = 30s;
}

sub vcl_deliver {
    unset resp.http.Surrogate-Key;  # for caches, not for browsers
    if (obj.hits > 0) {
        set resp.http.X-Cache = "hit";
    } else {
        set resp.http.X-Cache = "miss";
    }
}
