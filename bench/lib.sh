# Shared by the benchmark scripts (sourced, not run): logging, the throwaway work dir, servers in
# process groups of their own that are stopped on exit, the tools, the machine and the versions.
# See bench/README.md.
# shellcheck shell=bash

ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
VENV=${VENV:-$ROOT/.venv}
PY=$VENV/bin/python
HOST=127.0.0.1
GRANIAN_VERSION=2.8.7
# The throwaway PostgreSQL database and Redis database number (flushed before and after use).
BENCH_PG_HOST=${BENCH_PG_HOST:-127.0.0.1}
BENCH_PG_PORT=${BENCH_PG_PORT:-5432}
BENCH_PG_USER=${BENCH_PG_USER:-postgres}
BENCH_REDIS_HOST=${BENCH_REDIS_HOST:-127.0.0.1}
BENCH_REDIS_PORT=${BENCH_REDIS_PORT:-6379}
BENCH_REDIS_DB=${BENCH_REDIS_DB:-13}

[[ -x $PY ]] || { echo "bench: no virtualenv at $VENV (run make install)" >&2; exit 2; }

# The benchmark's own database and media: never a real one. A DATABASE_URL or WARTA_DEBUG left in
# the caller's environment would point the demo loader at a real database, or benchmark DEBUG.
# The logs as production writes them by default: a WARTA_ACCESS_LOG=false or WARTA_LOG_LEVEL
# left in the caller's environment would measure less than ships.
unset DATABASE_URL REDIS_URL WARTA_MEDIA_ROOT WARTA_DEBUG WARTA_PAGE_CACHE_SECONDS \
    WARTA_ACCESS_LOG WARTA_LOG_FORMAT WARTA_LOG_LEVEL
export DJANGO_SETTINGS_MODULE=config.settings

log() { printf '==> %s\n' "$*" >&2; }

# What each script reports at its end: "what: how long" lines, and warnings.
PHASES=()
WARNINGS=()

warn() {
    log "WARNING: $*"
    WARNINGS+=("$*")
}

phase_done() {  # phase_done LABEL START_SECONDS
    PHASES+=("$1: $(duration $((SECONDS - $2)))")
}
die() { printf 'bench: %s\n' "$*" >&2; exit 1; }

WORK=$(mktemp -d -t warta-bench.XXXXXX)
SERVER_PGIDS=()  # process groups of the servers still running
EXIT_HOOKS=()    # commands run on exit, after the servers are stopped (databases to drop...)

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

# stop_server PGID: one of the servers, the others left running.
stop_server() {
    local pgid kept=()
    stop_group "$1"
    for pgid in "${SERVER_PGIDS[@]}"; do
        [[ $pgid == "$1" ]] || kept+=("$pgid")
    done
    SERVER_PGIDS=("${kept[@]}")
}

# on_exit COMMAND...: run at exit (one word-split-free command per call).
on_exit() {
    local quoted
    printf -v quoted '%q ' "$@"
    EXIT_HOOKS+=("$quoted")
}

# BENCH_LOG_DIR=DIR keeps the servers' logs and wrk's output, which otherwise go with the temp dir.
keep_logs() {
    [[ -n ${BENCH_LOG_DIR:-} ]] || return 0
    mkdir -p "$BENCH_LOG_DIR"
    cp "$WORK"/*.log "$WORK"/wrk-*.txt "$BENCH_LOG_DIR"/ 2>/dev/null || true
    cp "$WORK/nginx/error.log" "$BENCH_LOG_DIR/nginx-error.log" 2>/dev/null || true
}

cleanup() {
    local i
    trap - EXIT INT TERM
    stop_servers
    for ((i = ${#EXIT_HOOKS[@]} - 1; i >= 0; i--)); do
        eval "${EXIT_HOOKS[$i]}" >/dev/null 2>&1 || true
    done
    keep_logs
    rm -rf "$WORK"
}
trap cleanup EXIT
trap 'exit 130' INT TERM  # so that the EXIT trap also runs on Ctrl+C and on kill or timeout

# --- Tools --------------------------------------------------------------------------------------

# apt-get update is slow and needs the network, so only when the install fails without it.
# Arguments: the commands needed, as command:package.
ensure_system_tools() {
    local item missing=()
    for item in "$@"; do
        command -v "${item%%:*}" >/dev/null || [[ -x /usr/sbin/${item%%:*} ]] || missing+=("${item#*:}")
    done
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

sbin() { command -v "$1" 2>/dev/null || echo "/usr/sbin/$1"; }

# --- Profiles -----------------------------------------------------------------------------------

# The demo loader refuses the production profile, so data goes in with the development one.
# --skip-checks: the system checks refuse PostgreSQL without django.contrib.postgres installed
# (the search index's fields), which migrate does not need.
dev() { WARTA_PRODUCTION=false timeout "${DEV_TIMEOUT:-600}" "$PY" "$ROOT/manage.py" "$@"; }

# An array rather than a function, so that setsid can run it, and more VAR=value can follow. Plain
# http on 127.0.0.1: no SSL redirect, and Django serves the media the page links to.
PROD_ENV=(env WARTA_PRODUCTION=true
    SECRET_KEY="$("$PY" -c 'import secrets;print(secrets.token_urlsafe(50))')"
    ALLOWED_HOSTS="$HOST" WARTA_SSL_REDIRECT=false WARTA_SERVE_MEDIA=true
    WARTA_NO_SHARED_CACHE=true)  # the SQLite setups measure per-process caches; Redis ones set REDIS_URL
prod() { "${PROD_ENV[@]}" timeout 600 "$PY" "$ROOT/manage.py" "$@"; }

# --- Databases ----------------------------------------------------------------------------------

# pg_create NAME: a new, empty database, dropped on exit (even while servers still hold it).
pg_create() {
    local name=$1
    createdb -h "$BENCH_PG_HOST" -p "$BENCH_PG_PORT" -U "$BENCH_PG_USER" "$name" \
        || die "could not create the PostgreSQL database $name"
    on_exit dropdb --force --if-exists -h "$BENCH_PG_HOST" -p "$BENCH_PG_PORT" -U "$BENCH_PG_USER" "$name"
}

pg_url() { echo "postgres://$BENCH_PG_USER@$BENCH_PG_HOST:$BENCH_PG_PORT/$1"; }

# redis_take: the benchmark's Redis database, empty now and emptied again on exit.
redis_take() {
    redis-cli -h "$BENCH_REDIS_HOST" -p "$BENCH_REDIS_PORT" -n "$BENCH_REDIS_DB" flushdb >/dev/null \
        || die "could not reach Redis at $BENCH_REDIS_HOST:$BENCH_REDIS_PORT"
    on_exit redis-cli -h "$BENCH_REDIS_HOST" -p "$BENCH_REDIS_PORT" -n "$BENCH_REDIS_DB" flushdb
}

redis_url() { echo "redis://$BENCH_REDIS_HOST:$BENCH_REDIS_PORT/$BENCH_REDIS_DB"; }

# --- Servers ------------------------------------------------------------------------------------

free_port() {
    "$PY" -c 'import socket; s = socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# start_server LOGFILE COMMAND...: runs the command in the background in a process group of its
# own, so that stopping the group stops the workers too. SERVER_PID is the command's pid. Its
# output goes through a pipe to LOGFILE, as a service's goes to the journal in production: what a
# server pays to write its log (warta's access lines) is the price it pays there.
start_server() {
    local logfile=$1
    shift
    # Started from a script (no job control), the job is not a group leader, so setsid makes the
    # new group in place: the job's pid is the group's id, and the server's own pid. The reader
    # (cat) is outside the group and ends when the server's last process closes the pipe.
    setsid "$@" > >(cat >"$logfile") 2>&1 </dev/null &
    SERVER_PID=$!
    SERVER_PGIDS+=("$SERVER_PID")
}

# The CPU time (user and system, in clock ticks) of every process of the servers running.
server_cpu_ticks() {
    local pgid pid total=0 ticks
    for pgid in "${SERVER_PGIDS[@]}"; do
        for pid in $(pgrep -g "$pgid" || true); do
            # Fields 14 and 15 of /proc/PID/stat, counted after the command name's ")", which
            # may hold spaces.
            ticks=$(sed 's/.*) //' "/proc/$pid/stat" 2>/dev/null | awk '{print $12 + $13}' || true)
            total=$((total + ${ticks:-0}))
        done
    done
    echo "$total"
}

wait_until_up() {
    local url=$1 name=$2
    for _ in $(seq 150); do
        curl -s -o /dev/null --max-time 2 "$url" && return 0
        sleep 0.2
    done
    die "$name did not answer at $url within 30 s"
}

# --- The machine --------------------------------------------------------------------------------

loadavg() { cut -d' ' -f1-3 /proc/loadavg; }
cpu_model() { awk -F': ' '/^model name/ {print $2; exit}' /proc/cpuinfo; }

python_versions() {
    "$PY" -c 'import importlib.metadata as m, platform, sys
names = sys.argv[1:]
def version(p):
    try:
        return m.version(p)
    except m.PackageNotFoundError:
        return "not installed"
print(", ".join(["Python " + platform.python_version()] + [f"{p} {version(p)}" for p in names]), end="")' "$@"
}

# The commit measured, and whether the work tree differs from it.
code_version() {
    local commit
    commit=$(git -C "$ROOT" rev-parse --short HEAD 2>/dev/null) || { echo "unknown (no git)"; return 0; }
    if [[ -n $(git -C "$ROOT" status --porcelain --untracked-files=no 2>/dev/null) ]]; then
        echo "commit $commit, with uncommitted changes"
    else
        echo "commit $commit"
    fi
}

# "12 s" or "3 min 05 s"
duration() {
    local s=$1
    if ((s < 60)); then echo "$s s"; else printf '%d min %02d s\n' $((s / 60)) $((s % 60)); fi
}
