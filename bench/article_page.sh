#!/usr/bin/env bash
# Article page throughput: warta's article page served by Django under gunicorn and under granian,
# against nginx serving a saved copy of the same HTML as a ceiling. See bench/README.md.
#
# Everything runs on 127.0.0.1 in a throwaway var dir; every server this script starts is stopped
# on exit, whatever happens.
set -euo pipefail

BENCH_SECONDS=${BENCH_SECONDS:-10}
ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${VENV:-$ROOT/.venv}
PY=$VENV/bin/python
GRANIAN_VERSION=2.8.7
HOST=127.0.0.1
WRK_THREADS=2
WRK_CONNECTIONS=32
WRK_TIMEOUT=10s

[[ $BENCH_SECONDS =~ ^[1-9][0-9]*$ ]] || { echo "bench: BENCH_SECONDS must be whole seconds" >&2; exit 2; }
[[ -x $PY ]] || { echo "bench: no virtualenv at $VENV (run make install)" >&2; exit 2; }

# The benchmark's own database and media: never a real one. A DATABASE_URL or WARTA_DEBUG left in
# the caller's environment would point the demo loader at a real database, or benchmark DEBUG.
unset DATABASE_URL REDIS_URL WARTA_MEDIA_ROOT WARTA_DEBUG
export DJANGO_SETTINGS_MODULE=config.settings
WORK=$(mktemp -d -t warta-bench.XXXXXX)
export WARTA_VAR_DIR=$WORK/var

SERVER_PGIDS=()  # process groups of the servers still running
declare -A RPS P50 P99 ERRORS

log() { printf '==> %s\n' "$*" >&2; }
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

# --- Cleanup ------------------------------------------------------------------------------------

# Each server runs in its own process group (setsid), so stopping the group also stops its workers.
stop_group() {
    local pgid=$1
    kill -TERM -- "-$pgid" 2>/dev/null || return 0
    for _ in $(seq 50); do
        kill -0 -- "-$pgid" 2>/dev/null || return 0
        sleep 0.2
    done
    kill -KILL -- "-$pgid" 2>/dev/null || true
}

stop_servers() {
    local pgid
    for pgid in "${SERVER_PGIDS[@]}"; do
        stop_group "$pgid"
    done
    SERVER_PGIDS=()
}

cleanup() {
    stop_servers
    keep_logs
    rm -rf "$WORK"
}

# BENCH_LOG_DIR=DIR keeps the servers' logs and wrk's output, which otherwise go with the temp dir.
keep_logs() {
    [[ -n ${BENCH_LOG_DIR:-} ]] || return 0
    mkdir -p "$BENCH_LOG_DIR"
    cp "$WORK"/*.log "$WORK"/wrk-*.txt "$BENCH_LOG_DIR"/ 2>/dev/null || true
    cp "$WORK/nginx/error.log" "$BENCH_LOG_DIR/nginx-error.log" 2>/dev/null || true
}
trap cleanup EXIT
trap 'exit 130' INT TERM  # so that the EXIT trap also runs on Ctrl+C and on kill or timeout

# --- Tools --------------------------------------------------------------------------------------

# apt-get update is slow and needs the network, so only when the install fails without it.
ensure_system_tools() {
    local missing=()
    command -v wrk >/dev/null || missing+=(wrk)
    command -v nginx >/dev/null || [[ -x /usr/sbin/nginx ]] || missing+=(nginx)
    ((${#missing[@]})) || return 0
    log "installing ${missing[*]}"
    apt-get install -y "${missing[@]}" >&2 \
        || { apt-get update >&2 && apt-get install -y "${missing[@]}" >&2; } \
        || die "could not install ${missing[*]} (apt-get needs root)"
}

# granian is not a project dependency: the benchmark alone compares it with gunicorn.
ensure_granian() {
    local have
    have=$("$PY" -c 'import importlib.metadata as m; print(m.version("granian"))' 2>/dev/null || true)
    [[ $have == "$GRANIAN_VERSION" ]] && return 0
    log "installing granian==$GRANIAN_VERSION into $VENV"
    "$PY" -m pip install --quiet "granian==$GRANIAN_VERSION" >&2
}

nginx_bin() { command -v nginx 2>/dev/null || echo /usr/sbin/nginx; }

# --- Profiles -----------------------------------------------------------------------------------

# The demo loader refuses the production profile, so data goes in with the development one.
dev() { WARTA_PRODUCTION=false timeout 600 "$PY" "$ROOT/manage.py" "$@"; }

# An array rather than a function, so that setsid can run it. Plain http on 127.0.0.1: no SSL
# redirect, and Django serves the media the page links to, as a small deployment would.
PROD_ENV=(env WARTA_PRODUCTION=true
    SECRET_KEY="$("$PY" -c 'import secrets;print(secrets.token_urlsafe(50))')"
    ALLOWED_HOSTS="$HOST" WARTA_SSL_REDIRECT=false WARTA_SERVE_MEDIA=true)
prod() { "${PROD_ENV[@]}" timeout 600 "$PY" "$ROOT/manage.py" "$@"; }

# --- The site -----------------------------------------------------------------------------------

prepare_site() {
    log "migrating and loading the demo into $WARTA_VAR_DIR"
    mkdir -p "$WARTA_VAR_DIR"
    dev migrate --noinput >/dev/null
    dev newsroom_setup >/dev/null
    dev demo_load >/dev/null
    prod collectstatic --noinput >/dev/null
}

# Prints the article's path, then its headline escaped as the template escapes it. A free article
# when there is one: anonymous readers get the whole page, not a paywall.
pick_article() {
    prod shell -v 0 -c '
from django.utils.html import escape
from warta.newsroom.models import Article
live = Article.objects.filter(live=True).order_by("-first_published_at")
article = live.filter(access_level="free").first() or live.first()
if article:
    print("BENCH_PATH=" + article.get_absolute_url())
    print("BENCH_HEADLINE=" + escape(article.headline))
'
}

# --- Servers ------------------------------------------------------------------------------------

free_port() {
    "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_server LOGFILE COMMAND...: runs the command in the background in a process group of its
# own, so that stopping the group stops the workers too.
start_server() {
    local logfile=$1
    shift
    # Started from a script (no job control), the job is not a group leader, so setsid makes the
    # new group in place: the job's pid is the group's id.
    setsid "$@" >"$logfile" 2>&1 </dev/null &
    SERVER_PGIDS+=("$!")
}

wait_until_up() {
    local url=$1 name=$2
    for _ in $(seq 150); do
        curl -s -o /dev/null --max-time 2 "$url" && return 0
        sleep 0.2
    done
    die "$name did not answer at $url within 30 s"
}

# Fails unless the server answers 200 with the article's headline in the page: a fast 400 or 500
# would otherwise pass for a fast server.
check_article() {
    local url=$1 name=$2 out=$WORK/check-$2.html status
    status=$(curl -s --max-time 10 -o "$out" -w '%{http_code}' "$url" || true)
    if [[ $status != 200 ]]; then
        printf '%s\n' "--- the end of $name's log:" "$(server_log_tail "$name")" "---" >&2
        die "$name answered ${status:-nothing} for $url, not 200"
    fi
    grep -qF -- "$HEADLINE" "$out" || die "$name's page for $url does not show the headline"
}

server_log_tail() { tail -n 20 "$WORK/$1.log" 2>/dev/null || true; }

# No control socket: gunicorn 27 would otherwise make one in ~/.gunicorn, shared by every gunicorn
# of the user on the machine.
start_gunicorn() {
    local port=$1
    start_server "$WORK/gunicorn.log" "${PROD_ENV[@]}" "$VENV/bin/gunicorn" config.wsgi \
        --chdir "$ROOT" --bind "$HOST:$port" --workers 2 --worker-class sync \
        --access-logfile /dev/null --error-logfile - --no-control-socket
}

start_granian() {
    local port=$1
    start_server "$WORK/granian.log" "${PROD_ENV[@]}" "$VENV/bin/granian" --interface wsgi \
        --working-dir "$ROOT" --host "$HOST" --port "$port" --workers 2 config.wsgi:application
}

# nginx with its own prefix, config, pid file and logs, so it touches nothing of a system nginx.
start_nginx() {
    local port=$1 dir=$WORK/nginx
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
    "$(nginx_bin)" -t -q -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf" \
        || die "nginx rejected its config: $(cat "$dir/error.log")"
    start_server "$WORK/nginx.log" "$(nginx_bin)" -p "$dir" -e "$dir/error.log" -c "$dir/nginx.conf"
}

# The page as Django rendered it for the check, saved at the same path so that nginx serves the
# same URL.
save_article_copy() {
    mkdir -p "$(dirname "$WORK/www$ARTICLE_PATH")"
    cp "$WORK/check-gunicorn.html" "$WORK/www$ARTICLE_PATH"
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

# Warms up (imports, template loading, connection setup in every worker), then measures.
measure() {
    local name=$1 url=$2 out=$WORK/wrk-$1.txt
    timeout 30 wrk -t2 -c8 -d2s "$url" >/dev/null
    log "measuring $name for ${BENCH_SECONDS}s"
    # wrk leaves requests slower than its timeout (2 s by default) out of the latency figures, which
    # would cap a queueing Django's p99 near 2 s; 10 s keeps them in.
    timeout $((BENCH_SECONDS + 60)) wrk -t"$WRK_THREADS" -c"$WRK_CONNECTIONS" \
        -d"${BENCH_SECONDS}s" --timeout "$WRK_TIMEOUT" --latency "$url" >"$out"
    RPS[$name]=$(awk '/^Requests\/sec:/ {print $2}' "$out")
    P50[$name]=$(to_ms "$(awk '$1 == "50%" {print $2}' "$out")")
    P99[$name]=$(to_ms "$(awk '$1 == "99%" {print $2}' "$out")")
    # Socket errors and non-2xx/3xx answers: a run that has them is not comparable as it is.
    ERRORS[$name]=$(grep -E 'Socket errors|Non-2xx' "$out" | sed 's/^ *//' | paste -sd ';' - || true)
    [[ -n ${RPS[$name]} ]] || die "could not read wrk's output for $name: $(cat "$out")"
}

# Starts one setup, checks it, measures it and stops it, so that setups never compete for the CPU.
run_setup() {
    local name=$1 starter=$2 port url
    port=$(free_port)
    url="http://$HOST:$port$ARTICLE_PATH"
    log "starting $name on $HOST:$port"
    "$starter" "$port"
    wait_until_up "$url" "$name"
    check_article "$url" "$name"
    if [[ $name == gunicorn ]]; then
        save_article_copy  # before nginx starts, which serves this copy
    fi
    measure "$name" "$url"
    report_log_errors "$name"
    stop_servers
}

# Server logs are deleted with the temp dir, so anything alarming in them is shown now.
report_log_errors() {
    local name=$1 file=$WORK/$1.log pattern='Traceback|ERROR|CRITICAL|WORKER TIMEOUT|\[error\]|\[crit\]'
    [[ $name == nginx ]] && file=$WORK/nginx/error.log
    [[ -f $file ]] || return 0
    if grep -qE "$pattern" "$file"; then
        log "$name logged errors ($(grep -cE "$pattern" "$file") lines); the first ones:"
        grep -E -m 10 "$pattern" "$file" >&2
    fi
}

# --- Report -------------------------------------------------------------------------------------

SETUPS=(gunicorn granian nginx)
LABELS=([0]="Django, gunicorn 2 sync workers" [1]="Django, granian WSGI 2 workers"
        [2]="nginx, static copy (ceiling)")

# Requests/sec relative to nginx in this same run: the one figure comparable across machines.
# Three significant digits: Django's ratios are small fractions.
ratio() { awk -v a="${RPS[$1]}" -v b="${RPS[nginx]}" 'BEGIN {printf "%.3g", a / b}'; }

table_markdown() {
    local i name
    echo "| setup | req/s | p50 ms | p99 ms | ratio to nginx |"
    echo "| --- | ---: | ---: | ---: | ---: |"
    for i in "${!SETUPS[@]}"; do
        name=${SETUPS[$i]}
        printf '| %s | %.0f | %s | %s | %s |\n' \
            "${LABELS[$i]}" "${RPS[$name]}" "${P50[$name]}" "${P99[$name]}" "$(ratio "$name")"
    done
}

table_plain() {
    local i name
    printf '%-34s %9s %9s %9s %15s\n' setup "req/s" "p50 ms" "p99 ms" "ratio to nginx"
    for i in "${!SETUPS[@]}"; do
        name=${SETUPS[$i]}
        printf '%-34s %9.0f %9s %9s %15s\n' "${LABELS[$i]}" "${RPS[$name]}" "${P50[$name]}" \
            "${P99[$name]}" "$(ratio "$name")"
    done
}

error_notes() {
    local name
    for name in "${SETUPS[@]}"; do
        [[ -n ${ERRORS[$name]} ]] && echo "- $name: ${ERRORS[$name]}"
    done
    return 0
}

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }

versions() {
    "$PY" -c 'import importlib.metadata as m, platform
print(", ".join(["Python " + platform.python_version()]
                + [f"{p} {m.version(p)}" for p in ("Django", "wagtail", "gunicorn", "granian")]), end="")'
    echo ", $("$(nginx_bin)" -v 2>&1 | sed 's/.*: //'), wrk $(wrk -v 2>&1 | awk 'NR == 1 {print $2}')"
}

write_results() {
    local stamp=$1 file=$ROOT/bench/results/article_page-$1.md notes cpu
    notes=$(error_notes)
    cpu=$(awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo)
    mkdir -p "$ROOT/bench/results"
    {
        echo "# Article page benchmark, $stamp"
        echo
        echo "- date: $START_DATE"
        echo "- machine: nproc $(nproc), CPU ${cpu:-unknown}"
        echo "- article: $ARTICLE_PATH"
        echo "- load: wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d${BENCH_SECONDS}s --timeout $WRK_TIMEOUT," \
            "one setup at a time"
        echo "- load average before and after the run: $LOAD_BEFORE, $(loadavg)" \
            "(other work on the machine skews the figures)"
        echo "- versions: $(versions)"
        echo
        table_markdown
        echo
        if [[ -n $notes ]]; then
            echo "wrk reported errors:"
            echo
            echo "$notes"
        else
            echo "wrk reported no socket errors and no non-2xx/3xx answers."
        fi
    } >"$file"
    echo "$file"
}

# --- Main ---------------------------------------------------------------------------------------

main() {
    local stamp picked file notes
    stamp=$(date -u +%Y%m%dT%H%M%SZ)
    START_DATE=$(date -u '+%Y-%m-%d %H:%M UTC')
    LOAD_BEFORE=$(loadavg)
    ensure_system_tools
    ensure_granian
    cd "$ROOT"

    prepare_site
    picked=$(pick_article)
    ARTICLE_PATH=$(sed -n 's/^BENCH_PATH=//p' <<<"$picked")
    HEADLINE=$(sed -n 's/^BENCH_HEADLINE=//p' <<<"$picked")
    [[ $ARTICLE_PATH == /*.html && -n $HEADLINE ]] || die "no live article to benchmark (got: $picked)"
    log "article: $ARTICLE_PATH"

    run_setup gunicorn start_gunicorn
    run_setup granian start_granian
    run_setup nginx start_nginx

    file=$(write_results "$stamp")
    echo
    table_plain
    notes=$(error_notes)
    [[ -z $notes ]] || printf '\nwrk reported errors:\n%s\n' "$notes"
    printf '\nWritten to %s\n' "${file#"$ROOT"/}"
}

main "$@"
