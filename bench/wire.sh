#!/usr/bin/env bash
# The wire desk's ingest, timed: 10,000 made-up ninjs items (bench/wire.py generate) taken in by
# `manage.py ingest --source NAME FOLDER --json` on a fresh SQLite database and a fresh PostgreSQL
# one; wall-clock time, items per second and peak memory of the command, then the same ingest
# again (every item unchanged) and its time. See bench/README.md.
#
# Everything runs in a throwaway var dir and a throwaway database, dropped on exit whatever
# happens; the timed commands run in a process group of their own, stopped on exit too.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BENCH_WIRE_ITEMS=${BENCH_WIRE_ITEMS:-10000}
BENCH_WIRE_PER_FILE=${BENCH_WIRE_PER_FILE:-100}
BENCH_WIRE_TIMEOUT=${BENCH_WIRE_TIMEOUT:-7200}  # seconds any one ingest may take
BENCH_POSTGRES=${BENCH_POSTGRES:-1}
SOURCE_NAME="Bench Wire"

[[ $BENCH_WIRE_ITEMS =~ ^[1-9][0-9]*$ ]] || die "BENCH_WIRE_ITEMS must be a whole number of items"
[[ $BENCH_WIRE_PER_FILE =~ ^[1-9][0-9]*$ ]] || die "BENCH_WIRE_PER_FILE must be a whole number"
((BENCH_WIRE_PER_FILE <= 10000)) || die "BENCH_WIRE_PER_FILE: a ninjs envelope holds 10,000 at most"
[[ $BENCH_WIRE_TIMEOUT =~ ^[1-9][0-9]*$ ]] || die "BENCH_WIRE_TIMEOUT must be whole seconds"
[[ $BENCH_POSTGRES =~ ^[01]$ ]] || die "BENCH_POSTGRES must be 0 or 1"

FEED=$WORK/feed
SETUPS=()   # LABEL=FIRST_RESULT,RERUN_RESULT,INDEX_RESULT for bench/wire.py report
CHECKS=()   # what the checks found, per setup
DB=warta_bench_wire_$$

# timed NAME COMMAND...: runs the command under bench/wire.py measure (its time and peak
# memory to $WORK/NAME.time.json, its output to $WORK/NAME.out), in a process group of its own
# that is stopped on exit.
timed() {
    local name=$1 pid status=0 pgid kept=()
    shift
    setsid "$PY" "$ROOT/bench/wire.py" measure --timeout "$BENCH_WIRE_TIMEOUT" \
        --stdout "$WORK/$name.out" --result "$WORK/$name.time.json" -- "$@" \
        2>"$WORK/$name.log" </dev/null &
    pid=$!
    SERVER_PGIDS+=("$pid")
    wait "$pid" || status=$?
    for pgid in "${SERVER_PGIDS[@]}"; do
        [[ $pgid == "$pid" ]] || kept+=("$pgid")
    done
    SERVER_PGIDS=("${kept[@]}")
    if ((status != 0)); then
        tail -n 30 "$WORK/$name.log" >&2
        die "$name: $* did not finish (status $status)"
    fi
}

seconds_of() {  # seconds_of NAME: the wall-clock seconds measured, rounded
    "$PY" -c 'import json, sys; print(f"{json.load(open(sys.argv[1]))["seconds"]:.1f}")' \
        "$WORK/$1.time.json"
}

# run_setup LABEL SKIP_CHECKS...: migrate, set up the newsroom and the source, ingest twice.
# WARTA_VAR_DIR (and DATABASE_URL for PostgreSQL) are set by the caller.
run_setup() {
    local label=$1 name t0 counts
    shift
    name=${label,,}
    t0=$SECONDS
    log "$label: migrating, setting up the newsroom and the source"
    mkdir -p "$WARTA_VAR_DIR"
    dev migrate --noinput "$@" >/dev/null
    dev newsroom_setup "$@" >/dev/null
    # The sections the source's items go to: the default one, and three the agency's media
    # topics are mapped to (the other topics become tags).
    dev shell -v 0 -c '
from warta.newsroom.models import Section
for position, (slug, name) in enumerate(
    [("world", "World"), ("business", "Business"), ("sport", "Sport"), ("technology", "Technology")]
):
    Section.objects.get_or_create(slug=slug, defaults={"name": name, "position": position})
'
    dev wire_source "$@" add "$SOURCE_NAME" --format ninjs --section world --publish now \
        --access free --time-zone Asia/Jakarta \
        --category "http://cv.iptc.org/newscodes/mediatopic/04000000=business" \
        --category "http://cv.iptc.org/newscodes/mediatopic/15000000=sport" \
        --category "http://cv.iptc.org/newscodes/mediatopic/13000000=technology" >&2
    phase_done "$label: migrate, newsroom_setup, sections and the source" "$t0"

    # As an operator runs it: the production profile (no DEBUG), a real process.
    log "$label: ingesting $BENCH_WIRE_ITEMS items (first run)"
    timed "$name-first" "${PROD_ENV[@]}" "$PY" "$ROOT/manage.py" ingest "$@" \
        --source "$SOURCE_NAME" "$FEED" --json
    "$PY" "$ROOT/bench/wire.py" check --expect new --items "$BENCH_WIRE_ITEMS" \
        --result "$WORK/$name-first.time.json" "$WORK/$name-first.out" >&2
    PHASES+=("$label: first ingest: $(seconds_of "$name-first") s")

    # A backlog's search entries are the worker's (decision 0016): it runs the queued jobs and
    # stops, so the feed's stories are in search after the first run and this.
    log "$label: the worker writes the backlog's search entries"
    timed "$name-index" "${PROD_ENV[@]}" "$PY" "$ROOT/manage.py" db_worker "$@" \
        --backend worker --queue-name '*' --batch --no-reload --verbosity 0
    PHASES+=("$label: the worker's search entries: $(seconds_of "$name-index") s")

    log "$label: ingesting the same files again (every item unchanged)"
    timed "$name-rerun" "${PROD_ENV[@]}" "$PY" "$ROOT/manage.py" ingest "$@" \
        --source "$SOURCE_NAME" "$FEED" --json
    "$PY" "$ROOT/bench/wire.py" check --expect unchanged --items "$BENCH_WIRE_ITEMS" \
        --result "$WORK/$name-rerun.time.json" "$WORK/$name-rerun.out" >&2
    PHASES+=("$label: unchanged re-run: $(seconds_of "$name-rerun") s")

    # What is in the database now: one live article and one item record an item.
    counts=$(prod shell -v 0 -c '
from django.contrib.contenttypes.models import ContentType
from wagtail.search.models import IndexEntry
from warta.newsroom.models import Article
from warta.wire.models import WireItemRecord
entries = IndexEntry.objects.filter(content_type=ContentType.objects.get_for_model(Article))
print(Article.objects.filter(live=True).count(), WireItemRecord.objects.count(), entries.count())
')
    [[ $counts == "$BENCH_WIRE_ITEMS $BENCH_WIRE_ITEMS $BENCH_WIRE_ITEMS" ]] \
        || die "$label: $counts live articles, item records and search entries after the ingest, not $BENCH_WIRE_ITEMS each"
    CHECKS+=("$label: the first run reported all $BENCH_WIRE_ITEMS items new, the re-run all unchanged, nothing failed; the database then held $BENCH_WIRE_ITEMS live articles, item records and articles' search entries")
    SETUPS+=("$label=$WORK/$name-first.time.json,$WORK/$name-rerun.time.json,$WORK/$name-index.time.json")
}

main() {
    local stamp start_date load_before t0 feed report file pg_version=""
    stamp=$(date -u +%Y%m%dT%H%M%SZ)
    start_date=$(date -u '+%Y-%m-%d %H:%M UTC')
    load_before=$(loadavg)
    cd "$ROOT"

    t0=$SECONDS
    log "writing $BENCH_WIRE_ITEMS ninjs items, $BENCH_WIRE_PER_FILE a file, into $FEED"
    feed=$("$PY" "$ROOT/bench/wire.py" generate --items "$BENCH_WIRE_ITEMS" \
        --per-file "$BENCH_WIRE_PER_FILE" --out "$FEED")
    phase_done "writing the items ($feed)" "$t0"

    export WARTA_VAR_DIR=$WORK/var-sqlite
    run_setup SQLite

    if ((BENCH_POSTGRES)); then
        export WARTA_VAR_DIR=$WORK/var-postgresql
        pg_create "$DB"
        DATABASE_URL=$(pg_url "$DB")
        export DATABASE_URL
        pg_version=$(psql -h "$BENCH_PG_HOST" -p "$BENCH_PG_PORT" -U "$BENCH_PG_USER" -Atc \
            'show server_version' postgres)
        run_setup PostgreSQL --skip-checks
        unset DATABASE_URL
    else
        log "BENCH_POSTGRES=0: PostgreSQL left out"
    fi

    report=$("$PY" "$ROOT/bench/wire.py" report --items "$BENCH_WIRE_ITEMS" "${SETUPS[@]}")
    file=$ROOT/bench/results/wire-$stamp.md
    mkdir -p "$ROOT/bench/results"
    {
        echo "# The wire desk's ingest, $stamp"
        echo
        echo "- code: $(code_version)"
        echo "- date: $start_date"
        echo "- machine: nproc $(nproc), CPU $(cpu_model)"
        if ((BENCH_WIRE_PER_FILE == 1)); then
            echo "- feed: $BENCH_WIRE_ITEMS ninjs 2.x text items (bench/wire.py generate), one a file ($feed)"
        else
            echo "- feed: $BENCH_WIRE_ITEMS ninjs 2.x text items (bench/wire.py generate), in" \
                "envelopes of $BENCH_WIRE_PER_FILE ($feed)"
        fi
        echo "- source: ninjs, publish now, free, Asia/Jakarta, three media topics mapped to sections"
        echo "- command: manage.py ingest --source \"$SOURCE_NAME\" FOLDER --json, production profile," \
            "a process of its own; peak MB is its largest RSS (MiB)"
        echo "- databases: SQLite (a new file)${pg_version:+, PostgreSQL $pg_version (a new database, --skip-checks)}"
        echo "- load average before and after the run: $load_before, $(loadavg)"
        echo "- versions: $(python_versions Django wagtail psycopg)"
        echo "- took $(duration "$SECONDS") in all"
        echo
        echo "$report"
        echo
        echo "Checks:"
        echo
        printf -- '- %s\n' "${CHECKS[@]}"
        echo
        echo "How long each part took:"
        echo
        printf -- '- %s\n' "${PHASES[@]}"
    } >"$file"
    echo
    echo "$report"
    echo
    printf -- '- %s\n' "${PHASES[@]}"
    printf '\nWritten to %s (took %s)\n' "${file#"$ROOT"/}" "$(duration "$SECONDS")"
}

main "$@"
