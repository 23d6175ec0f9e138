#!/usr/bin/env bash
# Page throughput: warta's pages served by Django under gunicorn and under granian (anonymous
# article from the page cache and on a cache miss, a subscriber's and a gift reader's premium
# article, the home page, search), on SQLite and on PostgreSQL with Redis, Varnish in front, and
# nginx serving a saved copy of the same article HTML as the ceiling; the page cache hit again
# with the access log off, beside the one with the log as shipped; the content API's article for
# the subscriber (session token) and its anonymous list, beside the pages (issue 14). Memory per
# worker after the load. See bench/README.md.
#
# Everything runs on 127.0.0.1 in a throwaway var dir and throwaway databases; every server this
# script starts is stopped on exit, whatever happens.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BENCH_SECONDS=${BENCH_SECONDS:-10}
BENCH_POSTGRES=${BENCH_POSTGRES:-1}
# granian runs as bin/serve runs it (bin/serve-granian: one definition of its command and
# options); BENCH_GRANIAN_ARGS adds options after those, a later one winning, to measure something
# else deliberately (e.g. "--blocking-threads 8").
read -r -a GRANIAN_ARGS <<<"${BENCH_GRANIAN_ARGS:-}"
# Which setups run (the PostgreSQL ones also need BENCH_POSTGRES=1); nginx, the ceiling every
# ratio is taken against, serves the page a Django setup saved, so it needs granian or gunicorn.
read -r -a SETUPS <<<"${BENCH_SETUPS:-granian nginx gunicorn varnish}"
WRK_THREADS=2
WRK_CONNECTIONS=32
WRK_TIMEOUT=10s
# Targets (issue 6).
SUBSCRIBER_RPS_TARGET=1000
SUBSCRIBER_P99_TARGET_MS=50
VARNISH_RATIO_TARGET=0.70
# Targets (issue 14), against the pages in the same setup: the API's article for the subscriber at
# least as fast as the subscriber's web page; the API's anonymous list at least half as fast as
# the anonymous article page.
API_ARTICLE_RATIO_TARGET=1.0
API_LIST_RATIO_TARGET=0.5
API_LIST_LIMIT=20

[[ $BENCH_SECONDS =~ ^[1-9][0-9]*$ ]] || die "BENCH_SECONDS must be whole seconds"
[[ $BENCH_POSTGRES =~ ^[01]$ ]] || die "BENCH_POSTGRES must be 0 or 1"
for setup in "${SETUPS[@]}"; do
    [[ $setup =~ ^(granian|nginx|gunicorn|varnish)$ ]] \
        || die "BENCH_SETUPS: $setup is none of granian, nginx, gunicorn, varnish"
done

export WARTA_VAR_DIR=$WORK/var
# The API's rate limits (warta/api/rate_limits.py: per session token, per address) would answer
# wrk's one token and one address 429 within a second. Raised out of reach rather than turned off
# (0), so that every request still pays for its counting, as in production.
PROD_ENV+=(WARTA_API_TOKEN_PER_MINUTE=1000000000 WARTA_API_ADDRESS_PER_MINUTE=1000000000)

declare -A RPS P50 P99 CPU ERRORS LABEL PAGE
ROWS=()    # measurement ids in the order of the table
MEMORY=()  # lines of the memory table

# --- The site -----------------------------------------------------------------------------------

prepare_site() {
    log "migrating and loading the demo into $WARTA_VAR_DIR"
    mkdir -p "$WARTA_VAR_DIR"
    dev migrate --noinput >/dev/null
    dev newsroom_setup >/dev/null
    dev demo_load >/dev/null
    prod collectstatic --noinput >/dev/null
}

# Prints, as KEY=value lines: the newest free article (anonymous readers get the whole page) and
# its headline escaped as the template escapes it; a word of that headline to search for; the
# newest premium article, its headline, and a stretch of text from its last paragraph, which only
# readers allowed the whole body get.
pick_pages() {
    "${PROD_ENV[@]}" "$@" timeout 600 "$PY" "$ROOT/manage.py" shell -v 0 -c '
import re
from django.utils.html import escape, strip_tags
from warta.newsroom.models import Article
live = Article.objects.filter(live=True).order_by("-first_published_at")
free = live.filter(access_level="free").first()
premium = live.filter(access_level="premium").first()
if free and premium:
    print("ARTICLE_PATH=" + free.get_absolute_url())
    print("HEADLINE=" + escape(free.headline))
    words = [w.lower() for w in re.findall(r"[A-Za-z]{5,}", free.headline)]
    print("SEARCH_WORD=" + (words[0] if words else "jakarta"))
    print("PREMIUM_PATH=" + premium.get_absolute_url())
    print("PREMIUM_ID=" + str(premium.id))
    print("PREMIUM_HEADLINE=" + escape(premium.headline))
    last = [b for b in premium.body if b.block_type == "paragraph"][-1]
    runs = re.findall(r"[A-Za-z0-9 ,.]{24,}", strip_tags(last.value.source))
    print("PREMIUM_MARKER=" + (max(runs, key=len)[:60].strip() if runs else ""))
'
}

# session_cookie: a signed-in session of the demo subscriber, made by django.contrib.auth.login
# (through the test client's force_login, with the first authentication backend that can load a
# user, in the session store of the settings in force: the database, or Redis in front of it).
# Prints sessionid=KEY. (Signing in through the form is not possible in the production profile:
# the demo's e-mail addresses are not verified, and verification is mandatory there.)
session_cookie() {
    "${PROD_ENV[@]}" "$@" timeout 600 "$PY" "$ROOT/manage.py" shell -v 0 -c '
from django.conf import settings
from django.contrib.auth import get_user_model
from django.test import Client
client = Client()
client.force_login(get_user_model().objects.get(username="subscriber"))
name = settings.SESSION_COOKIE_NAME
print(name + "=" + client.cookies[name].value)
'
}

# gift_path: the subscriber gifts the premium article; prints the gift link's path and query.
gift_path() {
    prod shell -v 0 -c '
from django.utils import timezone
from warta.accounts.models import User
from warta.gifts.services import gift_create
from warta.newsroom.models import Article
article = Article.objects.filter(live=True, access_level="premium").order_by("-first_published_at").first()
made = gift_create(gifter=User.objects.get(username="subscriber"), article=article, now=timezone.now())
print(article.get_absolute_url() + "?gift=" + made.token)
'
}

# load_pages DB [VAR=value...]: the pages of that database (their dates, in the URL, are those of
# the demo's loading).
load_pages() {
    local db=$1 picked
    shift
    picked=$(pick_pages "$@")
    APATH[$db]=$(sed -n 's/^ARTICLE_PATH=//p' <<<"$picked")
    PPATH[$db]=$(sed -n 's/^PREMIUM_PATH=//p' <<<"$picked")
    PREMIUM_ID[$db]=$(sed -n 's/^PREMIUM_ID=//p' <<<"$picked")
    HEADLINE=$(sed -n 's/^HEADLINE=//p' <<<"$picked")
    SEARCH_WORD=$(sed -n 's/^SEARCH_WORD=//p' <<<"$picked")
    PREMIUM_MARKER=$(sed -n 's/^PREMIUM_MARKER=//p' <<<"$picked")
    [[ ${APATH[$db]} == /*.html && -n $HEADLINE && ${PPATH[$db]} == /*.html && -n $PREMIUM_MARKER \
        && ${PREMIUM_ID[$db]} =~ ^[0-9]+$ ]] \
        || die "no free and premium live articles to benchmark (got: $picked)"
}

# --- HTTP ---------------------------------------------------------------------------------------

# fetch URL OUT [COOKIE [HEADER]]: saves OUT.headers and OUT.html (the body, HTML or not), prints
# the status. HEADER is one more request header, "Name: value".
fetch() {
    local url=$1 out=$2 cookie=${3:-} header=${4:-} args=()
    [[ -n $cookie ]] && args=(-H "Cookie: $cookie")
    [[ -n $header ]] && args+=(-H "$header")
    curl -s --max-time 20 "${args[@]}" -D "$out.headers" -o "$out.html" -w '%{http_code}' "$url" \
        || true
}

# header FILE NAME: the value of a response header (the last one of that name), or nothing.
header() {
    awk -v name="$2" 'BEGIN {n = tolower(name) ":"}
        tolower(substr($0, 1, length(n))) == n {v = substr($0, length(n) + 1)}
        END {gsub(/^[ \t]+|[\r\n]+$/, "", v); print v}' "$1"
}

# set_cookies FILE: the name=value pairs of the response's Set-Cookie headers, "; "-separated.
set_cookies() {
    awk 'tolower($0) ~ /^set-cookie:/ {sub(/^[^:]*:[ \t]*/, ""); sub(/;.*/, ""); sub(/\r$/, "");
        printf "%s%s", sep, $0; sep = "; "}' "$1"
}

# with_cookies COOKIE MORE: COOKIE with MORE added, as a browser would send them back.
with_cookies() {
    if [[ -n $2 ]]; then echo "$1; $2"; else echo "$1"; fi
}

server_log_tail() { tail -n 20 "$WORK/$1.log" 2>/dev/null || true; }

fail_check() {  # fail_check SERVER_LOG_NAME MESSAGE
    printf '%s\n' "--- the end of $1's log:" "$(server_log_tail "$1")" "---" >&2
    die "$2"
}

# check_page LOGNAME URL OUT COOKIE [TEXT_EXPECTED [TEXT_FORBIDDEN]]: 200, with TEXT_EXPECTED in
# the page and TEXT_FORBIDDEN not: a fast 400, 500 or paywall would otherwise pass for a fast page.
check_page() {
    local name=$1 url=$2 out=$3 cookie=$4 expected=${5:-} forbidden=${6:-} status
    status=$(fetch "$url" "$out" "$cookie")
    [[ $status == 200 ]] || fail_check "$name" "$name answered ${status:-nothing} for $url, not 200"
    if [[ -n $expected ]] && ! grep -qF -- "$expected" "$out.html"; then
        fail_check "$name" "$name's page $url does not show \"$expected\""
    fi
    if [[ -n $forbidden ]] && grep -qF -- "$forbidden" "$out.html"; then
        fail_check "$name" "$name's page $url shows \"$forbidden\""
    fi
}

# check_reader_page LOGNAME URL OUT COOKIE WHO: 200 (or the run stops), then what a reader allowed
# the whole premium article must get: the end of its body, no paywall box, Cache-Control private.
# Sets READER_PAGE to "WHO, premium article (Cache-Control: ...)", marked CHECK FAILED with the
# reasons when any of that is missing: measured all the same, but no target is judged on it.
check_reader_page() {
    local name=$1 url=$2 out=$3 cookie=$4 who=$5 problems=() cache_control
    check_page "$name" "$url" "$out" "$cookie"
    grep -qF -- "$PREMIUM_MARKER" "$out.html" || problems+=("the end of the body is missing")
    ! grep -qF -- 'class="paywall"' "$out.html" || problems+=("the paywall box shows")
    cache_control=$(header "$out.headers" Cache-Control)
    [[ $cache_control == *private* ]] || problems+=("not private")
    READER_PAGE="$who, premium article (Cache-Control: $cache_control)"
    if ((${#problems[@]})); then
        local IFS=';'
        warn "$name: the $who's page fails its check: ${problems[*]}"
        READER_PAGE="$who, premium article, CHECK FAILED: ${problems[*]}"
    fi
}

# cache_state URL [COOKIE [HEADER]]: what warta's page cache (X-Warta-Cache) and a cache in front (X-Cache)
# said to four more requests after the check (each worker of a server has its own local-memory
# cache, so one request may miss where the next hits), and Cache-Control.
cache_state() {
    local out=$WORK/cache-state warta=() front=()
    for _ in 1 2 3 4; do
        fetch "$1" "$out" "${2:-}" "${3:-}" >/dev/null
        warta+=("$(header "$out.headers" X-Warta-Cache)")
        front+=("$(header "$out.headers" X-Cache)")
        [[ -n ${warta[-1]} ]] || warta[-1]=-
        [[ -n ${front[-1]} ]] || front[-1]=-
    done
    local IFS=,
    printf 'X-Warta-Cache: %s; X-Cache: %s; Cache-Control: %s' "${warta[*]}" "${front[*]}" \
        "$(header "$out.headers" Cache-Control)"
}

# --- The content API (issue 14) -----------------------------------------------------------------

# verify_subscriber_email [VAR=value...]: the demo subscriber's address marked verified in the
# benchmark's database. The production profile makes verification mandatory, and allauth's sign-in
# (the app's, as the site's) refuses an unverified address; the demo's are not verified. Only the
# account page shows the flag, so the pages measured do not change.
verify_subscriber_email() {
    "${PROD_ENV[@]}" "$@" timeout 600 "$PY" "$ROOT/manage.py" shell -v 0 -c '
from allauth.account.models import EmailAddress
from django.contrib.auth import get_user_model
user = get_user_model().objects.get(username="subscriber")
EmailAddress.objects.update_or_create(
    user=user, email=user.email, defaults={"verified": True, "primary": True}
)
'
}

# api_session_token LOGNAME BASE: signs the demo subscriber in as the app does (POST
# /_allauth/app/v1/auth/login, JSON username and password) and prints meta.session_token; the run
# stops if the sign-in fails.
api_session_token() {
    local name=$1 base=$2 out=$WORK/api-login-$1 status token
    status=$(curl -s --max-time 20 -X POST -H 'Content-Type: application/json' \
        -d '{"username": "subscriber", "password": "warta-demo"}' \
        -D "$out.headers" -o "$out.json" -w '%{http_code}' "$base/_allauth/app/v1/auth/login" \
        || true)
    [[ $status == 200 ]] \
        || fail_check "$name" "the app's sign-in answered ${status:-nothing}, not 200: $(head -c 300 "$out.json" 2>/dev/null)"
    token=$("$PY" -c 'import json, sys
meta = json.load(open(sys.argv[1]))["meta"]
if meta.get("is_authenticated") and meta.get("session_token"):
    print(meta["session_token"])' "$out.json" 2>/dev/null || true)
    [[ -n $token ]] || fail_check "$name" "the app's sign-in gave no session token: $(head -c 300 "$out.json")"
    echo "$token"
}

# check_api_article LOGNAME URL OUT TOKEN: the subscriber's premium article from the API must be
# 200 JSON, "access": {"full": true}, with the end of the body the web page shows
# (PREMIUM_MARKER), and private. Anything else stops the run: the row would measure something
# else than the subscriber reading the article.
check_api_article() {
    local name=$1 url=$2 out=$3 token=$4 status problems cache_control
    status=$(fetch "$url" "$out" "" "X-Session-Token: $token")
    [[ $status == 200 ]] || fail_check "$name" "$name answered ${status:-nothing} for $url, not 200"
    problems=$("$PY" -c 'import json, sys
try:
    answer = json.load(open(sys.argv[1]))
except ValueError:
    sys.exit("not JSON")
problems = []
if (answer.get("access") or {}).get("full") is not True:
    problems.append("access is not full: %s" % answer.get("access"))
html = " ".join(b.get("html", "") for b in answer.get("body", []) if b.get("type") == "paragraph")
if sys.argv[2] not in html:
    problems.append("the end of the body is missing")
print("; ".join(problems))' "$out.html" "$PREMIUM_MARKER" 2>&1 || true)
    cache_control=$(header "$out.headers" Cache-Control)
    [[ $cache_control == *private* ]] || problems+="${problems:+; }not private (Cache-Control: $cache_control)"
    [[ -z $problems ]] || fail_check "$name" "the subscriber's API article $url: $problems"
    API_ARTICLE_STATE="Cache-Control: $cache_control"
}

# check_api_list LOGNAME URL OUT: the anonymous list must be 200 JSON with API_LIST_LIMIT items,
# or the run stops.
check_api_list() {
    local name=$1 url=$2 out=$3 status problems
    status=$(fetch "$url" "$out")
    [[ $status == 200 ]] || fail_check "$name" "$name answered ${status:-nothing} for $url, not 200"
    [[ $(header "$out.headers" Content-Type) == application/json* ]] \
        || fail_check "$name" "$url is not JSON (Content-Type: $(header "$out.headers" Content-Type))"
    problems=$("$PY" -c 'import json, sys
try:
    items = json.load(open(sys.argv[1]))["items"]
except (ValueError, KeyError, TypeError):
    sys.exit("no list of items")
if len(items) != int(sys.argv[2]):
    print("%d items, not %s" % (len(items), sys.argv[2]))' "$out.html" "$API_LIST_LIMIT" 2>&1 || true)
    [[ -z $problems ]] || fail_check "$name" "the API list $url: $problems"
}

# api_rows LOGNAME BASE LABEL DB: the subscriber's premium article from the API with the app's
# session token (signed in once per database, at its first server), then the anonymous list.
api_rows() {
    local name=$1 base=$2 label=$3 db=$4 url state
    [[ -n ${API_TOKEN[$db]:-} ]] || API_TOKEN[$db]=$(api_session_token "$name" "$base")
    url="$base/api/v1/articles/${PREMIUM_ID[$db]}"
    check_api_article "$name" "$url" "$WORK/check-$name-api-article" "${API_TOKEN[$db]}"
    measure "$name-api-article" "$label" \
        "API article, subscriber (session token; $API_ARTICLE_STATE)" "$url" "" \
        "X-Session-Token: ${API_TOKEN[$db]}"
    url="$base/api/v1/articles?limit=$API_LIST_LIMIT"
    check_api_list "$name" "$url" "$WORK/check-$name-api-list"
    state=$(cache_state "$url")
    measure "$name-api-list" "$label" "API list, anonymous ($state)" "$url"
}

# --- Servers ------------------------------------------------------------------------------------

# start_gunicorn LOGNAME PORT [VAR=value...]. No control socket: gunicorn 27 would otherwise make
# one in ~/.gunicorn, shared by every gunicorn of the user on the machine.
start_gunicorn() {
    local name=$1 port=$2
    shift 2
    start_server "$WORK/$name.log" "${PROD_ENV[@]}" "$@" "$VENV/bin/gunicorn" config.wsgi \
        --chdir "$ROOT" --bind "$HOST:$port" --workers 2 --worker-class sync \
        --access-logfile /dev/null --error-logfile - --no-control-socket
}

# start_granian LOGNAME PORT [VAR=value...]: what bin/serve starts after its checks, the same
# script (the benchmark runs collectstatic itself, and chooses 2 workers without Redis on purpose:
# bin/serve would start one), in the production profile's environment: the logs as production
# writes them (the access log on, text, through a pipe: lib.sh's start_server).
start_granian() {
    local name=$1 port=$2
    shift 2
    start_server "$WORK/$name.log" "${PROD_ENV[@]}" VENV="$VENV" BIND="$HOST:$port" \
        WEB_CONCURRENCY=2 "$@" "$ROOT/bin/serve-granian" "${GRANIAN_ARGS[@]}"
}

# nginx with its own prefix, config, pid file and logs, so it touches nothing of a system nginx.
start_nginx() {
    local name=$1 port=$2 dir=$WORK/nginx
    mkdir -p "$dir/tmp"
    cat >"$dir/nginx.conf" <<EOF
daemon off;
worker_processes 2;
user $(id -un) $(id -gn);
pid $dir/nginx.pid;
error_log $dir/error.log warn;
events { worker_connections 1024; }
http {
    access_log off;
    types { text/html html; }
    default_type text/html;
    client_body_temp_path $dir/tmp/body;
    proxy_temp_path $dir/tmp/proxy;
    fastcgi_temp_path $dir/tmp/fastcgi;
    uwsgi_temp_path $dir/tmp/uwsgi;
    scgi_temp_path $dir/tmp/scgi;
    server {
        listen $HOST:$port;
        root $WORK/www;
    }
}
EOF
    "$(sbin nginx)" -t -q -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" \
        || die "nginx rejected its config: $(cat "$dir/error.log")"
    start_server "$WORK/$name.log" "$(sbin nginx)" -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf"
}

# start_varnish LOGNAME PORT BACKEND_PORT: deploy/varnish/warta.vcl with its backend pointed at
# the server on BACKEND_PORT, as warta/web/tests/test_varnish.py runs it. Varnish's own users must
# read its files, so they live in a dir of their own that others may enter.
start_varnish() {
    local name=$1 port=$2 backend=$3 dir
    dir=$(mktemp -d -t warta-bench-varnish.XXXXXX)
    on_exit rm -rf "$dir"
    sed -E -e "0,/\.host = \"[^\"]+\";/s//.host = \"$HOST\";/" \
        -e "0,/\.port = \"[^\"]+\";/s//.port = \"$backend\";/" \
        "$ROOT/deploy/varnish/warta.vcl" >"$dir/warta.vcl"
    mkdir "$dir/varnish"
    chmod 755 "$dir" "$dir/varnish" "$dir/warta.vcl"
    start_server "$WORK/$name.log" "$(sbin varnishd)" -F -a "$HOST:$port" -f "$dir/warta.vcl" \
        -n "$dir/varnish" -s malloc,64m
}

# worker_memory PID LABEL: RSS and PSS (/proc/PID/smaps_rollup, when readable) of the server's
# worker processes (its children), in MiB, as a line of the memory table.
worker_memory() {
    local pid=$1 label=$2 child rss pss rss_list=() pss_list=()
    for child in $(ps -o pid= --ppid "$pid" || true); do
        rss=$(awk '/^VmRSS:/ {printf "%.0f", $2 / 1024}' "/proc/$child/status" 2>/dev/null || true)
        pss=$(awk '/^Pss:/ {printf "%.0f", $2 / 1024}' "/proc/$child/smaps_rollup" 2>/dev/null \
            || true)
        rss_list+=("${rss:-?}")
        pss_list+=("${pss:-unreadable}")
    done
    ((${#rss_list[@]})) || { warn "no worker processes under $label (pid $pid)"; return 0; }
    local IFS=/
    MEMORY+=("| $label | ${#rss_list[@]} | ${rss_list[*]} | ${pss_list[*]} |")
}

# --- Measuring ----------------------------------------------------------------------------------

# wrk prints latencies as 812.00us, 3.45ms, 1.02s or 1.50m.
to_ms() {
    awk -v v="$1" 'BEGIN {
        n = v + 0; u = v; sub(/^[0-9.]+/, "", u)
        f = (u == "us") ? 0.001 : (u == "ms") ? 1 : (u == "s") ? 1000 : (u == "m") ? 60000 : -1
        if (f < 0) exit 1
        printf "%.2f", n * f
    }'
}

# measure ID LABEL PAGE URL [COOKIE [HEADER]]: warms up (imports, template loading, connections and
# the page cache in every worker), then measures with wrk, and the CPU time the servers running
# took per request (steadier than requests per second on a shared machine). HEADER is one more
# request header, "Name: value" (the app's X-Session-Token).
measure() {
    local id=$1 label=$2 page=$3 url=$4 cookie=${5:-} header=${6:-} out=$WORK/wrk-$1.txt args=()
    local ticks requests
    [[ -n $cookie ]] && args=(-H "Cookie: $cookie")
    [[ -n $header ]] && args+=(-H "$header")
    timeout 30 wrk -t2 -c8 -d2s "${args[@]}" "$url" >/dev/null
    log "measuring $id for ${BENCH_SECONDS}s"
    ticks=$(server_cpu_ticks)
    # wrk leaves requests slower than its timeout (2 s by default) out of the latency figures, which
    # would cap a queueing Django's p99 near 2 s; 10 s keeps them in.
    timeout $((BENCH_SECONDS + 60)) wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" \
        -d"${BENCH_SECONDS}s" --timeout "$WRK_TIMEOUT" --latency "${args[@]}" "$url" >"$out"
    ticks=$(($(server_cpu_ticks) - ticks))
    RPS[$id]=$(awk '/^Requests\/sec:/ {print $2}' "$out")
    [[ -n ${RPS[$id]} ]] || die "could not read wrk's output for $id: $(cat "$out")"
    requests=$(awk '/requests in/ {print $1}' "$out")
    CPU[$id]=$(awk -v t="$ticks" -v n="$requests" -v hz="$(getconf CLK_TCK)" \
        'BEGIN {printf "%.0f", (n > 0) ? t / hz / n * 1e6 : 0}')
    P50[$id]=$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")
    P99[$id]=$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")
    # Socket errors and non-2xx/3xx answers: a run that has them is not comparable as it is.
    ERRORS[$id]=$(grep -E 'Socket errors|Non-2xx' "$out" | sed 's/^ *//' | paste -sd ';' - || true)
    LABEL[$id]=$label
    PAGE[$id]=$page
    ROWS+=("$id")
}

# Server logs are deleted with the temp dir, so anything alarming in them is shown now.
report_log_errors() {
    local name=$1 file=$WORK/$1.log pattern='Traceback|ERROR|CRITICAL|WORKER TIMEOUT|\[error\]|\[crit\]'
    [[ $name == nginx ]] && file=$WORK/nginx/error.log
    [[ -f $file ]] || return 0
    if grep -qE "$pattern" "$file"; then
        warn "$name logged errors ($(grep -cE "$pattern" "$file") lines); the first ones:"
        grep -E -m 10 "$pattern" "$file" >&2
        WARNINGS+=("$(grep -E -m 3 "$pattern" "$file" | sed 's/^/    /')")
    fi
}

# --- The setups ---------------------------------------------------------------------------------

# django_setups SERVER DB [VAR=value...]: one server (gunicorn or granian) with the page cache on,
# then again with it off; the pages measured depend on DB (sqlite: all of them; pg: the anonymous
# article from the page cache and the subscriber's article).
django_setups() {
    local server=$1 db=$2 port base name label cookie state started=$SECONDS
    shift 2
    local ARTICLE_PATH=${APATH[$db]} PREMIUM_PATH=${PPATH[$db]}
    local dbname=SQLite
    [[ $db == pg ]] && dbname="PostgreSQL + Redis"
    label="$server, $dbname"

    name=$server-$db
    port=$(free_port)
    base="http://$HOST:$port"
    log "starting $name on $HOST:$port"
    "start_$server" "$name" "$port" "$@"
    local pid=$SERVER_PID
    wait_until_up "$base$ARTICLE_PATH" "$name"

    check_page "$name" "$base$ARTICLE_PATH" "$WORK/check-$name" "" "$HEADLINE"
    [[ -f $WORK/www$ARTICLE_PATH ]] || save_article_copy "$WORK/check-$name.html"
    state=$(cache_state "$base$ARTICLE_PATH")
    [[ ${state%%;*} == *hit* ]] || warn "$name: a repeated anonymous article is no page cache hit ($state)"
    measure "$name-article-hit" "$label" "anonymous article, page cache ($state)" "$base$ARTICLE_PATH"
    if [[ $server == granian && $db == sqlite ]]; then
        access_log_off "$name" "$label" "$@"
    fi

    # The subscriber: the whole premium article (no paywall box, the end of its body), private.
    cookie=${SESSION_COOKIE[$db]}
    check_reader_page "$name" "$base$PREMIUM_PATH" "$WORK/check-$name-subscriber" "$cookie" subscriber
    cookie=$(with_cookies "$cookie" "$(set_cookies "$WORK/check-$name-subscriber.headers")")
    measure "$name-subscriber" "$label" "$READER_PAGE" "$base$PREMIUM_PATH" "$cookie"
    api_rows "$name" "$base" "$label" "$db"

    if [[ $db == sqlite ]]; then
        gift_setup "$name" "$base" "$label"
        check_page "$name" "$base/" "$WORK/check-$name-home" "" "$HEADLINE"
        state=$(cache_state "$base/")
        measure "$name-home" "$label" "home page, anonymous ($state)" "$base/"
        check_page "$name" "$base/search/?q=$SEARCH_WORD" "$WORK/check-$name-search" "" "$HEADLINE"
        state=$(cache_state "$base/search/?q=$SEARCH_WORD")
        measure "$name-search" "$label" "search ?q=$SEARCH_WORD, anonymous ($state)" \
            "$base/search/?q=$SEARCH_WORD"
    fi
    worker_memory "$pid" "$label, page cache on, after its load"
    report_log_errors "$name"
    stop_servers

    [[ $db == sqlite ]] || { phase_done "$label" "$started"; return 0; }
    name=$server-$db-nocache
    port=$(free_port)
    base="http://$HOST:$port"
    log "starting $name on $HOST:$port with WARTA_PAGE_CACHE_SECONDS=0"
    "start_$server" "$name" "$port" "$@" WARTA_PAGE_CACHE_SECONDS=0
    pid=$SERVER_PID
    wait_until_up "$base$ARTICLE_PATH" "$name"
    check_page "$name" "$base$ARTICLE_PATH" "$WORK/check-$name" "" "$HEADLINE"
    state=$(cache_state "$base$ARTICLE_PATH")
    [[ ${state%%;*} != *hit* ]] || warn "$name: page cache hit with the cache off"
    measure "$name-article-miss" "$label" "anonymous article, page cache off, its pieces kept ($state)" \
        "$base$ARTICLE_PATH"
    worker_memory "$pid" "$label, page cache off, after its load"
    report_log_errors "$name"
    stop_servers
    if [[ $server == granian ]]; then
        cold_and_plain "$server-$db" "$label" "$@"
    fi
    phase_done "$label" "$started"
}

# cold_and_plain NAME LABEL [VAR=value...]: the same article with every cache off (a render of
# the whole page every time, as once per published version), and the floor: the same server,
# settings and middleware rendering one Django template that holds the page's HTML as it is
# (bench/plain_django).
cold_and_plain() {
    local prefix=$1 name=$1-cold label=$2 port base state
    shift 2
    port=$(free_port)
    base="http://$HOST:$port"
    log "starting $name on $HOST:$port with every cache off"
    start_granian "$name" "$port" "$@" WARTA_PAGE_CACHE_SECONDS=0 WARTA_FRAGMENT_CACHE_SECONDS=0
    wait_until_up "$base$ARTICLE_PATH" "$name"
    check_page "$name" "$base$ARTICLE_PATH" "$WORK/check-$name" "" "$HEADLINE"
    state=$(cache_state "$base$ARTICLE_PATH")
    measure "$prefix-article-cold" "$label" "anonymous article, every cache off ($state)" \
        "$base$ARTICLE_PATH"
    report_log_errors "$name"
    stop_servers

    name=$prefix-plain
    mkdir -p "$WORK/plain"
    { printf '{%% verbatim %%}'; cat "$WORK/check-$prefix-cold.html"; printf '{%% endverbatim %%}'; } \
        >"$WORK/plain/plain_article.html"
    port=$(free_port)
    base="http://$HOST:$port"
    log "starting $name on $HOST:$port: a plain Django render of the same HTML"
    start_granian "$name" "$port" "$@" WARTA_PAGE_CACHE_SECONDS=0 \
        DJANGO_SETTINGS_MODULE=bench.plain_django.settings PYTHONPATH="$ROOT" \
        BENCH_PLAIN_TEMPLATES="$WORK/plain"
    wait_until_up "$base$ARTICLE_PATH" "$name"
    check_page "$name" "$base$ARTICLE_PATH" "$WORK/check-$name" "" "$HEADLINE"
    measure "$prefix-plain" "$label" "plain Django render of the same HTML (the floor)" \
        "$base$ARTICLE_PATH"
    report_log_errors "$name"
    stop_servers
}

# access_log_off NAME LABEL [VAR=value...]: right after the hit with the access log as shipped,
# the same hit from the same server started again with WARTA_ACCESS_LOG=false (the first one
# idles meanwhile), so that the two differ in the log alone.
access_log_off() {
    local id=$1-article-hit-nolog name=$1-nolog label=$2 port base state
    shift 2
    port=$(free_port)
    base="http://$HOST:$port"
    log "starting $name on $HOST:$port with WARTA_ACCESS_LOG=false"
    start_granian "$name" "$port" "$@" WARTA_ACCESS_LOG=false
    wait_until_up "$base$ARTICLE_PATH" "$name"
    check_page "$name" "$base$ARTICLE_PATH" "$WORK/check-$name" "" "$HEADLINE"
    state=$(cache_state "$base$ARTICLE_PATH")
    [[ ${state%%;*} == *hit* ]] || warn "$name: a repeated anonymous article is no page cache hit ($state)"
    measure "$id" "$label" "anonymous article, page cache, access log off ($state)" \
        "$base$ARTICLE_PATH"
    if grep -q 'warta\.access' "$WORK/$name.log"; then
        warn "$name wrote access lines with WARTA_ACCESS_LOG=false"
    fi
    report_log_errors "$name"
    stop_server "$SERVER_PID"
}

# The gift reader: the link is opened once (the first server that runs it); its redirect sets the
# grant cookie, which every later request sends, as the reader's browser would.
gift_setup() {
    local name=$1 base=$2 label=$3 status out=$WORK/gift-open cookie
    if [[ -z ${GIFT_COOKIE:-} ]]; then
        status=$(fetch "$base$GIFT_PATH" "$out")
        [[ $status == 302 ]] || fail_check "$name" "the gift link answered $status, not 302"
        GIFT_COOKIE=$(set_cookies "$out.headers")
        [[ $GIFT_COOKIE == *=* ]] || die "the gift link set no cookie"
    fi
    check_reader_page "$name" "$base$PREMIUM_PATH" "$WORK/check-$name-gift" "$GIFT_COOKIE" \
        "gift reader"
    cookie=$(with_cookies "$GIFT_COOKIE" "$(set_cookies "$WORK/check-$name-gift.headers")")
    measure "$name-gift" "$label" "$READER_PAGE" "$base$PREMIUM_PATH" "$cookie"
}

# The page as Django rendered it for the first check, saved at the same path so that nginx serves
# the same URL.
save_article_copy() {
    mkdir -p "$(dirname "$WORK/www$ARTICLE_PATH")"
    cp "$1" "$WORK/www$ARTICLE_PATH"
}

nginx_setup() {
    local port started=$SECONDS
    port=$(free_port)
    log "starting nginx on $HOST:$port"
    start_nginx nginx "$port"
    wait_until_up "http://$HOST:$port$ARTICLE_PATH" nginx
    check_page nginx "http://$HOST:$port$ARTICLE_PATH" "$WORK/check-nginx" "" "$HEADLINE"
    measure nginx "nginx, 2 workers" "static copy of the anonymous article (ceiling)" \
        "http://$HOST:$port$ARTICLE_PATH"
    report_log_errors nginx
    stop_servers
    phase_done "nginx" "$started"
}

varnish_setup() {
    local port backend state url started=$SECONDS
    backend=$(free_port)
    port=$(free_port)
    log "starting granian on $HOST:$backend and Varnish in front on $HOST:$port"
    start_granian granian-behind-varnish "$backend"
    wait_until_up "http://$HOST:$backend$ARTICLE_PATH" granian-behind-varnish
    start_varnish varnish "$port" "$backend"
    url="http://$HOST:$port$ARTICLE_PATH"
    wait_until_up "$url" varnish
    check_page varnish "$url" "$WORK/check-varnish" "" "$HEADLINE"
    state=$(cache_state "$url")
    local in_front=${state#*; }
    [[ ${in_front%%;*} == *hit* ]] || warn "varnish: a repeated anonymous article is no Varnish hit ($state)"
    measure varnish "Varnish in front of granian, SQLite" "anonymous article ($state)" "$url"
    # The API's anonymous list is public (s-maxage): Varnish keeps it as it keeps the page.
    url="http://$HOST:$port/api/v1/articles?limit=$API_LIST_LIMIT"
    check_api_list varnish "$url" "$WORK/check-varnish-api-list"
    state=$(cache_state "$url")
    in_front=${state#*; }
    [[ ${in_front%%;*} == *hit* ]] || warn "varnish: a repeated API list is no Varnish hit ($state)"
    measure varnish-api-list "Varnish in front of granian, SQLite" "API list, anonymous ($state)" "$url"
    report_log_errors varnish
    report_log_errors granian-behind-varnish
    stop_servers
    phase_done "Varnish in front of granian" "$started"
}

postgres_site() {
    local db=warta_bench_$$ started=$SECONDS
    log "PostgreSQL database $db, Redis database $BENCH_REDIS_DB"
    pg_create "$db"
    redis_take
    PG_ENV=(DATABASE_URL="$(pg_url "$db")" REDIS_URL="$(redis_url)" WARTA_VAR_DIR="$WORK/var-pg")
    mkdir -p "$WORK/var-pg"
    pg_dev migrate --noinput --skip-checks
    pg_dev newsroom_setup --skip-checks
    pg_dev demo_load --skip-checks
    "${PROD_ENV[@]}" "${PG_ENV[@]}" timeout 600 "$PY" "$ROOT/manage.py" collectstatic --noinput \
        --skip-checks >/dev/null
    SESSION_COOKIE[pg]=$(session_cookie "${PG_ENV[@]}")
    verify_subscriber_email "${PG_ENV[@]}"
    load_pages pg "${PG_ENV[@]}"
    phase_done "PostgreSQL: create, migrate, load the demo" "$started"
}

pg_dev() {
    env "${PG_ENV[@]}" WARTA_PRODUCTION=false timeout 600 "$PY" "$ROOT/manage.py" "$@" >/dev/null
}

# --- Report -------------------------------------------------------------------------------------

# Requests/sec relative to nginx in this same run: the one figure comparable across machines.
# Three significant digits: Django's ratios are small fractions. "-" without nginx in the run.
ratio() {
    [[ -n ${RPS[nginx]:-} ]] || { echo -; return 0; }
    awk -v a="${RPS[$1]}" -v b="${RPS[nginx]}" 'BEGIN {printf "%.3g", a / b}'
}

table_markdown() {
    local id
    echo "| server | page (reader) | req/s | p50 ms | p99 ms | server CPU µs/req | ratio to nginx |"
    echo "| --- | --- | ---: | ---: | ---: | ---: | ---: |"
    for id in "${ROWS[@]}"; do
        printf '| %s | %s | %.0f | %s | %s | %s | %s |\n' "${LABEL[$id]}" "${PAGE[$id]}" \
            "${RPS[$id]}" "${P50[$id]}" "${P99[$id]}" "${CPU[$id]}" "$(ratio "$id")"
    done
}

table_plain() {
    local id
    printf '%-36s %-58s %8s %8s %8s %8s %8s\n' server page "req/s" "p50 ms" "p99 ms" "CPU us" "/nginx"
    for id in "${ROWS[@]}"; do
        printf '%-36s %-58s %8.0f %8s %8s %8s %8s\n' "${LABEL[$id]}" "${PAGE[$id]%% (*}" \
            "${RPS[$id]}" "${P50[$id]}" "${P99[$id]}" "${CPU[$id]}" "$(ratio "$id")"
    done
}

# The page cache hit with the access log as shipped against the same hit with it off.
access_log_cost() {
    local on=granian-sqlite-article-hit off=granian-sqlite-article-hit-nolog
    [[ -n ${RPS[$on]:-} && -n ${RPS[$off]:-} ]] || return 0
    awk -v a="${RPS[$on]}" -v b="${RPS[$off]}" -v ca="${CPU[$on]}" -v cb="${CPU[$off]}" 'BEGIN {
        printf "- access log (granian, SQLite, anonymous article from the page cache): %.0f req/s", a
        printf " with the log as shipped, %.0f with it off: %.2f of it;", b, a / b
        printf " server CPU %d against %d µs a request (%+d µs)\n", ca, cb, ca - cb}'
}

# An anonymous article's miss against the plain Django render of the same HTML (issue 13).
miss_cost() {
    local miss=granian-sqlite-nocache-article-miss cold=granian-sqlite-article-cold plain=granian-sqlite-plain
    [[ -n ${RPS[$miss]:-} && -n ${RPS[$plain]:-} && -n ${RPS[$cold]:-} ]] || return 0
    awk -v m="${RPS[$miss]}" -v c="${RPS[$cold]}" -v p="${RPS[$plain]}" 'BEGIN {
        printf "- anonymous article, page cache off (granian, SQLite): %.0f req/s with its pieces", m
        printf " kept, %.0f with every cache off, against %.0f for a plain Django render of", c, p
        printf " the same HTML: %.2f and %.2f of it; the kept pieces make a miss", m / p, c / p
        printf " %.1f times as fast as a whole render\n", m / c}'
}

memory_markdown() {
    echo "| server | workers | RSS MiB per worker | PSS MiB per worker |"
    echo "| --- | ---: | --- | --- |"
    printf '%s\n' "${MEMORY[@]}"
}

# Met or missed, and by how much.
targets() {
    local id verdict
    for id in "${ROWS[@]}"; do
        [[ $id == *-subscriber ]] || continue
        if [[ ${PAGE[$id]} == *"CHECK FAILED"* ]]; then
            echo "- subscriber page, ${LABEL[$id]}: not judged, the page failed its check"
            continue
        fi
        verdict=$(awk -v r="${RPS[$id]}" -v p="${P99[$id]}" -v rt="$SUBSCRIBER_RPS_TARGET" \
            -v pt="$SUBSCRIBER_P99_TARGET_MS" 'BEGIN {
                ok = (r >= rt && p < pt)
                printf "%s: %.0f req/s (%.0f%% of %d), p99 %.2f ms (%.1fx the %d ms limit)", \
                    ok ? "met" : "MISSED", r, 100 * r / rt, rt, p, p / pt, pt}')
        echo "- subscriber page, ${LABEL[$id]}: target >= $SUBSCRIBER_RPS_TARGET req/s with p99 < ${SUBSCRIBER_P99_TARGET_MS} ms: $verdict"
    done
    if [[ -n ${RPS[varnish]:-} && -n ${RPS[nginx]:-} ]]; then
        verdict=$(awk -v r="${RPS[varnish]}" -v n="${RPS[nginx]}" -v t="$VARNISH_RATIO_TARGET" \
            'BEGIN {printf "%s: %.0f%% of nginx", (r / n >= t) ? "met" : "MISSED", 100 * r / n}')
        echo "- Varnish in front, anonymous article: target >= $(awk -v t="$VARNISH_RATIO_TARGET" 'BEGIN {print 100 * t}')% of nginx: $verdict"
    fi
    api_targets
}

# The API against the pages of the same setup (issue 14): the subscriber's article from the API
# against the subscriber's web page, the anonymous list against the anonymous article page.
api_targets() {
    local id page
    for id in "${ROWS[@]}"; do
        if [[ $id == *-api-* && ${ERRORS[$id]} == *Non-2xx* ]]; then
            echo "- ${PAGE[$id]%% (*}, ${LABEL[$id]}: not judged, wrk had answers other than 2xx/3xx (${ERRORS[$id]})"
            continue
        fi
        case $id in
            *-api-article)
                page=${id%-api-article}-subscriber
                [[ -n ${RPS[$page]:-} ]] || continue
                if [[ ${PAGE[$page]} == *"CHECK FAILED"* ]]; then
                    echo "- API article, subscriber (session token), ${LABEL[$id]}: not judged, the web page failed its check"
                    continue
                fi
                echo "- API article, subscriber (session token), ${LABEL[$id]}: target >= ${API_ARTICLE_RATIO_TARGET}x the subscriber's web page: $(api_verdict "$id" "$page" "$API_ARTICLE_RATIO_TARGET")"
                ;;
            *-api-list)
                page=${id%-api-list}-article-hit
                [[ -n ${RPS[$page]:-} ]] || page=${id%-api-list}
                [[ -n ${RPS[$page]:-} ]] || continue
                echo "- API list, anonymous, ${LABEL[$id]}: target >= ${API_LIST_RATIO_TARGET}x the anonymous article page: $(api_verdict "$id" "$page" "$API_LIST_RATIO_TARGET")"
                ;;
        esac
    done
}

# api_verdict ID PAGE_ID TARGET: met or MISSED, the two req/s and their ratio.
api_verdict() {
    awk -v a="${RPS[$1]}" -v p="${RPS[$2]}" -v t="$3" 'BEGIN {
        printf "%s: %.0f req/s against %.0f, %.3gx", (a / p >= t) ? "met" : "MISSED", a, p, a / p}'
}

error_notes() {
    local id
    for id in "${ROWS[@]}"; do
        [[ -n ${ERRORS[$id]} ]] && echo "- $id: ${ERRORS[$id]}"
    done
    return 0
}

versions() {
    python_versions Django wagtail gunicorn granian psycopg redis
    echo ", $("$(sbin nginx)" -v 2>&1 | sed 's/.*: //'), wrk $(wrk -v 2>&1 | awk 'NR == 1 {print $2}')," \
        "$("$(sbin varnishd)" -V 2>&1 | awk 'NR == 1 {print $2}' | tr -d '()')," \
        "PostgreSQL $(psql -h "$BENCH_PG_HOST" -p "$BENCH_PG_PORT" -U "$BENCH_PG_USER" -Atc 'show server_version' postgres 2>/dev/null || echo '?')," \
        "Redis $(redis-cli -h "$BENCH_REDIS_HOST" -p "$BENCH_REDIS_PORT" info server 2>/dev/null | awk -F: '/^redis_version/ {print $2}' | tr -d '\r')"
}

write_results() {
    local stamp=$1 file=$ROOT/bench/results/article_page-$1.md notes
    notes=$(error_notes)
    mkdir -p "$ROOT/bench/results"
    {
        echo "# Page benchmark, $stamp"
        echo
        echo "- code: $(code_version)"
        echo "- date: $START_DATE"
        echo "- machine: nproc $(nproc), CPU $(cpu_model)"
        echo "- pages: anonymous article $ARTICLE_PATH; premium article $PREMIUM_PATH; search /search/?q=$SEARCH_WORD"
        echo "- load: wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d${BENCH_SECONDS}s --timeout $WRK_TIMEOUT," \
            "one setup at a time, after 2 s of warm-up (wrk -c8)"
        echo "- servers: gunicorn, 2 sync workers; granian as bin/serve runs it (bin/serve-granian," \
            "WEB_CONCURRENCY=2), options added: ${GRANIAN_ARGS[*]:-none}; nginx, 2 workers;" \
            "Varnish -s malloc,64m; setups: ${SETUPS[*]}"
        echo "- load average before and after the run: $LOAD_BEFORE, $(loadavg)" \
            "(other work on the machine skews the figures)"
        echo "- versions: $(versions)"
        echo "- took $(duration "$SECONDS") in all"
        echo
        table_markdown
        echo
        echo "Targets:"
        echo
        targets
        access_log_cost
        miss_cost
        echo
        if [[ -n $notes ]]; then
            echo "wrk reported errors:"
            echo
            echo "$notes"
        else
            echo "wrk reported no socket errors and no non-2xx/3xx answers."
        fi
        echo
        echo "Memory of the WSGI worker processes, after each server's load:"
        echo
        memory_markdown
        echo
        echo "How long each part took:"
        echo
        printf -- '- %s\n' "${PHASES[@]}"
        if ((${#WARNINGS[@]})); then
            echo
            echo "Warnings:"
            echo
            printf -- '- %s\n' "${WARNINGS[@]}"
        fi
    } >"$file"
    echo "$file"
}

# --- Main ---------------------------------------------------------------------------------------

declare -A SESSION_COOKIE APATH PPATH PREMIUM_ID API_TOKEN

main() {
    local stamp file started server
    stamp=$(date -u +%Y%m%dT%H%M%SZ)
    START_DATE=$(date -u '+%Y-%m-%d %H:%M UTC')
    LOAD_BEFORE=$(loadavg)
    ensure_system_tools wrk:wrk nginx:nginx varnishd:varnish
    ensure_granian
    cd "$ROOT"

    started=$SECONDS
    prepare_site
    load_pages sqlite
    ARTICLE_PATH=${APATH[sqlite]}
    PREMIUM_PATH=${PPATH[sqlite]}
    SESSION_COOKIE[sqlite]=$(session_cookie)
    verify_subscriber_email
    GIFT_PATH=$(gift_path)
    phase_done "SQLite: migrate, load the demo, collectstatic, session and gift" "$started"
    log "anonymous article: $ARTICLE_PATH; premium article: $PREMIUM_PATH"

    local setup
    for setup in "${SETUPS[@]}"; do
        case $setup in
            granian | gunicorn) django_setups "$setup" sqlite ;;
            nginx)
                [[ -f $WORK/www$ARTICLE_PATH ]] \
                    || die "BENCH_SETUPS: nginx serves the page a Django setup saved: put granian or gunicorn before it"
                nginx_setup
                ;;
            varnish) varnish_setup ;;
        esac
    done
    if [[ $BENCH_POSTGRES == 1 ]]; then
        postgres_site
        for server in gunicorn granian; do
            if [[ " ${SETUPS[*]} " == *" $server "* ]]; then
                django_setups "$server" pg "${PG_ENV[@]}"
            fi
        done
    fi

    file=$(write_results "$stamp")
    echo
    table_plain
    echo
    targets
    access_log_cost
    miss_cost
    if ((${#WARNINGS[@]})); then
        printf '\nWarnings:\n'
        printf -- '- %s\n' "${WARNINGS[@]}"
    fi
    printf '\nWritten to %s (took %s)\n' "${file#"$ROOT"/}" "$(duration "$SECONDS")"
}

# Run, not sourced: tests/test_bench_runs_what_ships.py sources this to start granian as the
# benchmark does.
if [[ ${BASH_SOURCE[0]} == "$0" ]]; then
    main "$@"
fi
