#!/usr/bin/env bash
# Page time as the archive grows: a throwaway PostgreSQL database with the demo, brought to 1,000,
# 100,000 and 1,000,000 live articles by `manage.py generate_articles`; at each size, the article
# page, the home page, a section page and a tag page are rendered in-process (bench/scale.py, page
# cache off) and timed; queries that grew are EXPLAINed. See bench/README.md.
#
# The database is dropped on exit, whatever happens.
set -euo pipefail

# shellcheck source=bench/lib.sh
source "$(dirname "${BASH_SOURCE[0]}")/lib.sh"

BENCH_SCALE_TOTALS=${BENCH_SCALE_TOTALS:-1000 100000 1000000}
BENCH_SCALE_REQUESTS=${BENCH_SCALE_REQUESTS:-30}
read -r -a TOTALS <<<"$BENCH_SCALE_TOTALS"
for total in "${TOTALS[@]}"; do
    [[ $total =~ ^[1-9][0-9]*$ ]] || die "BENCH_SCALE_TOTALS must be whole numbers of articles"
done
((${#TOTALS[@]} >= 2)) || die "BENCH_SCALE_TOTALS needs two sizes or more (the first is the baseline)"
[[ $BENCH_SCALE_REQUESTS =~ ^[1-9][0-9]*$ ]] || die "BENCH_SCALE_REQUESTS must be a whole number"

DB=warta_bench_scale_$$
export WARTA_VAR_DIR=$WORK/var
DATABASE_URL=$(pg_url "$DB")
export DATABASE_URL
DEV_TIMEOUT=${BENCH_SCALE_TIMEOUT:-7200}  # the million-article step takes a while

# The pages are rendered as in production (no DEBUG, the manifest of static files), on the test
# client's host name.
prod_here() {
    "${PROD_ENV[@]}" ALLOWED_HOSTS=testserver timeout "$DEV_TIMEOUT" "$@"
}

db_size() {
    psql -h "$BENCH_PG_HOST" -p "$BENCH_PG_PORT" -U "$BENCH_PG_USER" -Atc \
        "select pg_size_pretty(pg_database_size('$DB'))" postgres
}

main() {
    local stamp start_date load_before started file total files=() t0 took report
    stamp=$(date -u +%Y%m%dT%H%M%SZ)
    start_date=$(date -u '+%Y-%m-%d %H:%M UTC')
    load_before=$(loadavg)
    cd "$ROOT"

    started=$SECONDS
    log "PostgreSQL database $DB: migrating and loading the demo"
    pg_create "$DB"
    mkdir -p "$WARTA_VAR_DIR"
    dev migrate --noinput --skip-checks >/dev/null
    dev newsroom_setup --skip-checks >/dev/null
    dev demo_load --skip-checks >/dev/null
    prod collectstatic --noinput --skip-checks >/dev/null
    PHASES+=("create the database, migrate, load the demo: $(duration $((SECONDS - started)))")

    for total in "${TOTALS[@]}"; do
        log "bringing the live articles to $total"
        t0=$SECONDS
        dev generate_articles --skip-checks --total "$total" >&2
        took=$((SECONDS - t0))
        PHASES+=("generate_articles --total $total: $(duration "$took") (database now $(db_size))")
        log "measuring pages with $total live articles"
        t0=$SECONDS
        file=$WORK/scale-$total.json
        prod_here "$PY" "$ROOT/bench/scale.py" measure --requests "$BENCH_SCALE_REQUESTS" --out "$file"
        files+=("$file")
        PHASES+=("measure at $total: $(duration $((SECONDS - t0)))")
    done

    log "comparing, and EXPLAINing the queries that grew"
    report=$(prod_here "$PY" "$ROOT/bench/scale.py" report --explain "${files[@]}")
    file=$ROOT/bench/results/scale-$stamp.md
    mkdir -p "$ROOT/bench/results"
    {
        echo "# Page time as the archive grows, $stamp"
        echo
        echo "- code: $(code_version)"
        echo "- date: $start_date"
        echo "- machine: nproc $(nproc), CPU $(cpu_model)"
        echo "- database: PostgreSQL $(psql -h "$BENCH_PG_HOST" -p "$BENCH_PG_PORT" -U "$BENCH_PG_USER" -Atc 'show server_version' postgres)," \
            "throwaway; the demo, then generate_articles to each size"
        echo "- measured in-process with Django's test client, production profile, page cache off:" \
            "$BENCH_SCALE_REQUESTS requests per page after 5 of warm-up; queries: median of 5 more"
        echo "- load average before and after the run: $load_before, $(loadavg)"
        echo "- versions: $(python_versions Django wagtail psycopg)"
        echo "- took $(duration "$SECONDS") in all"
        echo
        echo "$report"
        echo
        echo "How long each part took:"
        echo
        printf -- '- %s\n' "${PHASES[@]}"
    } >"$file"
    echo
    sed '/^Their plans now/,$d' <<<"$report"
    printf -- '- %s\n' "${PHASES[@]}"
    printf '\nWritten to %s (took %s)\n' "${file#"$ROOT"/}" "$(duration "$SECONDS")"
}

main "$@"
