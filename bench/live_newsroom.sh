#!/usr/bin/env bash
# Readers under a live newsroom (issue 13): anonymous req/s over a reading set of 1,000 shared
# pages while one story a second is republished, against the same set quiet, in one run; how soon
# each change shows in every server process; and how many pages of the set one publication makes
# the page cache render again, by kind. granian as production runs it (bin/serve-granian, or
# bin/serve), 2 workers, on PostgreSQL and Redis. See bench/README.md.
#
# Everything runs on 127.0.0.1 in a throwaway var dir, a throwaway database and Redis database
# BENCH_LIVE_REDIS_DB (flushed before and after); every process this script starts runs in a
# process group of its own and is stopped on exit, whatever happens.
set -euo pipefail

# It needs PostgreSQL, as production does: BENCH_POSTGRES=0 (a machine without it) leaves it out.
if [[ ${BENCH_POSTGRES:-1} == 0 ]]; then
    echo "BENCH_POSTGRES=0: readers under a live newsroom (bench/live_newsroom.sh) left out"
    exit 0
fi

# Redis database 14 unless told otherwise (lib.sh's default, 13, is article_page.sh's).
BENCH_REDIS_DB=${BENCH_LIVE_REDIS_DB:-14}
# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BENCH_SECONDS=${BENCH_SECONDS:-10}
BENCH_LIVE_PAGES=${BENCH_LIVE_PAGES:-1000}
BENCH_LIVE_ARTICLES=${BENCH_LIVE_ARTICLES:-$((BENCH_LIVE_PAGES + 100))}
BENCH_LIVE_ROUNDS=${BENCH_LIVE_ROUNDS:-1}
BENCH_LIVE_TIMEOUT=${BENCH_LIVE_TIMEOUT:-900}
WORKERS=2
WRK_THREADS=2
WRK_CONNECTIONS=32

for name in BENCH_SECONDS BENCH_LIVE_PAGES BENCH_LIVE_ARTICLES BENCH_LIVE_ROUNDS BENCH_LIVE_TIMEOUT; do
    [[ ${!name} =~ ^[1-9][0-9]*$ ]] || die "$name must be a whole number above 0"
done
((BENCH_LIVE_PAGES >= 20)) || die "BENCH_LIVE_PAGES must be 20 or more"

DB=warta_bench_live_$$
export WARTA_VAR_DIR=$WORK/var
DATABASE_URL=$(pg_url "$DB")
export DATABASE_URL
DEV_TIMEOUT=$BENCH_LIVE_TIMEOUT

# step NAME COMMAND...: runs bench/live_newsroom.py COMMAND... with the server's settings, in a
# process group of its own (stopped on exit; on Ctrl+C, `wait` gives way to the trap at once),
# within BENCH_LIVE_TIMEOUT. Its progress and errors go to stderr as they come, its output to
# $WORK/NAME.log.
step() {
    local name=$1 pid rc=0 kept=() p
    shift
    setsid "${PROD_ENV[@]}" REDIS_URL="$(redis_url)" timeout "$BENCH_LIVE_TIMEOUT" \
        "$PY" "$ROOT/bench/live_newsroom.py" "$@" >"$WORK/$name.log" </dev/null &
    pid=$!
    SERVER_PGIDS+=("$pid")  # lib.sh's cleanup stops the group, as it stops the servers
    wait "$pid" || rc=$?
    for p in "${SERVER_PGIDS[@]}"; do
        [[ $p == "$pid" ]] || kept+=("$p")
    done
    SERVER_PGIDS=("${kept[@]}")
    ((rc != 124)) || die "$name took more than $BENCH_LIVE_TIMEOUT s (BENCH_LIVE_TIMEOUT)"
    ((rc == 0)) || die "$name failed (exit $rc)"
}

server_args() {  # what the server runs, as its process shows it
    tr '\0' ' ' <"/proc/$SERVER_PGID/cmdline" 2>/dev/null | sed -e 's/ $//' -e "s|$ROOT/||g" || true
}

# The server as production runs it, with 2 worker processes, on the benchmark's database and
# Redis: bin/serve-granian, production's one definition of granian's command and options (what
# bin/serve runs after its checks; collectstatic here instead), or bin/serve itself where there is
# no such file.
start_web() {
    local started=$SECONDS
    PORT=$(free_port)
    if [[ -x $ROOT/bin/serve-granian ]]; then
        SERVER_HOW="bin/serve-granian (as bin/serve runs it)"
        prod collectstatic --noinput >/dev/null
        log "starting $SERVER_HOW, $WORKERS workers, on $HOST:$PORT"
        start_server "$WORK/server.log" "${PROD_ENV[@]}" REDIS_URL="$(redis_url)" VENV="$VENV" \
            WEB_CONCURRENCY=$WORKERS BIND="$HOST:$PORT" "$ROOT/bin/serve-granian"
    else
        SERVER_HOW="bin/serve"
        log "starting $SERVER_HOW, $WORKERS workers, on $HOST:$PORT"
        start_server "$WORK/server.log" "${PROD_ENV[@]}" REDIS_URL="$(redis_url)" VENV="$VENV" \
            WEB_CONCURRENCY=$WORKERS BIND="$HOST:$PORT" "$ROOT/bin/serve"
    fi
    SERVER_PGID=$SERVER_PID
    # bin/serve runs the deploy checks and collectstatic first: longer than a bare server.
    local deadline=$((SECONDS + 120))
    while ((SECONDS < deadline)); do
        curl -s -o /dev/null --max-time 2 "http://$HOST:$PORT/robots.txt" && break
        if ! kill -0 "$SERVER_PGID" 2>/dev/null; then
            printf '%s\n' "--- the end of the server's log:" "$(tail -n 30 "$WORK/server.log")" >&2
            die "$SERVER_HOW stopped before it answered"
        fi
        sleep 0.2
    done
    curl -s -o /dev/null --max-time 2 "http://$HOST:$PORT/robots.txt" \
        || die "$SERVER_HOW did not answer at $HOST:$PORT within 2 minutes"
    sleep 1  # both workers up (each answers once it has loaded the application)
    SERVER_COMMAND=$(server_args)
    phase_done "start the server" "$started"
}

report_log_errors() {
    local file=$WORK/server.log pattern='Traceback|ERROR|CRITICAL|\[error\]|\[crit\]'
    [[ -f $file ]] || return 0
    if grep -qE "$pattern" "$file"; then
        warn "the server logged errors ($(grep -cE "$pattern" "$file") lines); the first ones:"
        grep -E -m 10 "$pattern" "$file" >&2
        WARNINGS+=("$(grep -E -m 3 "$pattern" "$file" | sed 's/^/    /')")
    fi
}

versions() {
    python_versions Django wagtail granian psycopg redis
    echo ", wrk $(wrk -v 2>&1 | awk 'NR == 1 {print $2}')," \
        "PostgreSQL $(psql -h "$BENCH_PG_HOST" -p "$BENCH_PG_PORT" -U "$BENCH_PG_USER" -Atc 'show server_version' postgres 2>/dev/null || echo '?')," \
        "Redis $(redis-cli -h "$BENCH_REDIS_HOST" -p "$BENCH_REDIS_PORT" info server 2>/dev/null | awk -F: '/^redis_version/ {print $2}' | tr -d '\r')"
}

main() {
    local stamp start_date load_before started round file report loads=()
    stamp=$(date -u +%Y%m%dT%H%M%SZ)
    start_date=$(date -u '+%Y-%m-%d %H:%M UTC')
    load_before=$(loadavg)
    ensure_system_tools wrk:wrk
    command -v redis-cli >/dev/null || die "redis-cli is needed (and a Redis at $BENCH_REDIS_HOST:$BENCH_REDIS_PORT)"
    cd "$ROOT"

    started=$SECONDS
    log "PostgreSQL database $DB, Redis database $BENCH_REDIS_DB: migrating, loading the demo"
    pg_create "$DB"
    redis_take
    mkdir -p "$WARTA_VAR_DIR"
    dev migrate --noinput --skip-checks >/dev/null
    dev newsroom_setup --skip-checks >/dev/null
    dev demo_load --skip-checks >/dev/null
    dev generate_articles --skip-checks --total "$BENCH_LIVE_ARTICLES" >&2
    phase_done "create the database, migrate, load the demo, $BENCH_LIVE_ARTICLES live articles" "$started"

    start_web

    started=$SECONDS
    step pages pages --count "$BENCH_LIVE_PAGES" --out "$WORK/pages.json"
    phase_done "the reading set" "$started"

    local server=(--port "$PORT" --server-pgid "$SERVER_PGID" --workers "$WORKERS")
    started=$SECONDS
    step sweep sweep --pages "$WORK/pages.json" --out "$WORK/sweep.json" "${server[@]}"
    phase_done "pages re-rendered by one publication (warm-ups included)" "$started"

    for ((round = 1; round <= BENCH_LIVE_ROUNDS; round++)); do
        for mode in quiet live; do
            started=$SECONDS
            step "load-$round-$mode" load --mode "$mode" --pages "$WORK/pages.json" \
                --out "$WORK/load-$round-$mode.json" --seconds "$BENCH_SECONDS" \
                --threads "$WRK_THREADS" --connections "$WRK_CONNECTIONS" "${server[@]}"
            loads+=("$WORK/load-$round-$mode.json")
            phase_done "round $round, $mode: warm-up and ${BENCH_SECONDS} s of load" "$started"
        done
    done
    stop_servers
    report_log_errors

    report=$("${PROD_ENV[@]}" timeout 120 "$PY" "$ROOT/bench/live_newsroom.py" report \
        --pages "$WORK/pages.json" --sweep "$WORK/sweep.json" --load "${loads[@]}")
    file=$ROOT/bench/results/live_newsroom-$stamp.md
    mkdir -p "$ROOT/bench/results"
    {
        echo "# Readers under a live newsroom, $stamp"
        echo
        echo "- code: $(code_version)"
        echo "- date: $start_date"
        echo "- machine: nproc $(nproc), CPU $(cpu_model)"
        echo "- server: $SERVER_HOW, WEB_CONCURRENCY=$WORKERS: \`$SERVER_COMMAND\`; PostgreSQL" \
            "(throwaway database) and Redis database $BENCH_REDIS_DB; production profile"
        echo "- load: wrk -t$WRK_THREADS -c$WRK_CONNECTIONS -d${BENCH_SECONDS}s --timeout 10s," \
            "walking the reading set round robin (bench/live_newsroom.lua), after a warm-up pass" \
            "that left every page a page cache hit; $BENCH_LIVE_ROUNDS round(s) of quiet then live"
        echo "- load average before and after the run: $load_before, $(loadavg)" \
            "(other work on the machine skews the figures)"
        echo "- versions: $(versions)"
        echo "- took $(duration "$SECONDS") in all"
        echo
        echo "$report"
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
    echo
    echo "$report"
    echo
    echo "- machine: nproc $(nproc); load average before and after: $load_before, $(loadavg); $(code_version)"
    printf -- '- %s\n' "${PHASES[@]}"
    if ((${#WARNINGS[@]})); then
        printf '\nWarnings:\n'
        printf -- '- %s\n' "${WARNINGS[@]}"
    fi
    printf '\nWritten to %s (took %s)\n' "${file#"$ROOT"/}" "$(duration "$SECONDS")"
}

main "$@"
