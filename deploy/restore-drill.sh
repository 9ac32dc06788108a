#!/usr/bin/env bash
# Restore drill (docs/deploy.md): restores a dump made by backup.sh into a NEW database on a server, then
# compares every table's row count with the source database. Exits non-zero on any difference, so run it
# when the source is quiet (right after the nightly dump) or against the copy the dump was taken from.
#   restore-drill.sh <file.dump> <source-url> [server-url]
#   server-url: where to create the drill database (default: the source's server); it is dropped at the end
#   unless KEEP_DRILL_DB=1.
set -euo pipefail

dump="${1:?usage: restore-drill.sh <file.dump> <source-url> [server-url]}"
source_url="${2:?usage: restore-drill.sh <file.dump> <source-url> [server-url]}"
server_url="${3:-$source_url}"
name="hoc_attt_drill_$(date -u +%Y%m%d%H%M%S)_$$"
# The drill database's URL: the server's, with its path replaced.
drill_url="$(printf '%s' "$server_url" | sed -E "s#^(postgres(ql)?://[^/]*)(/[^?]*)?#\\1/$name#")"

psql -X -q -v ON_ERROR_STOP=1 --dbname="$server_url" -c "CREATE DATABASE \"$name\""
cleanup() {
  if [ "${KEEP_DRILL_DB:-0}" != "1" ]; then
    psql -X -q --dbname="$server_url" -c "DROP DATABASE IF EXISTS \"$name\" WITH (FORCE)" || true
  fi
}
trap cleanup EXIT

started=$(date +%s)
pg_restore --no-owner --no-privileges --exit-on-error --jobs=2 --dbname="$drill_url" "$dump"
echo "Đã khôi phục $dump vào $name trong $(($(date +%s) - started)) s."

# Exact counts of every table in the public schema, one "table<TAB>count" line each, sorted.
counts() {
  local tables
  tables="$(psql -X -At --dbname="$1" -c \
    "SELECT format('SELECT %L, count(*) FROM public.%I', tablename, tablename) FROM pg_tables
     WHERE schemaname = 'public' ORDER BY tablename")"
  [ -n "$tables" ] || return 0
  printf '%s\n' "$tables" | sed '$!s/$/ UNION ALL/' |
    psql -X -At -F $'\t' --dbname="$1" | sort
}
expected="$(counts "$source_url")"
actual="$(counts "$drill_url")"
printf '%-40s %12s %12s\n' "bảng" "nguồn" "khôi phục"
join -t $'\t' -a 1 -a 2 -e "-" -o 0,1.2,2.2 <(printf '%s\n' "$expected") <(printf '%s\n' "$actual") |
  while IFS=$'\t' read -r table a b; do printf '%-40s %12s %12s\n' "$table" "$a" "$b"; done
if [ "$expected" != "$actual" ]; then
  echo "Diễn tập khôi phục THẤT BẠI: số dòng khác nguồn (xem bảng trên)." >&2
  exit 1
fi
echo "Diễn tập khôi phục đạt: $(printf '%s\n' "$actual" | grep -c .) bảng, số dòng khớp nguồn."
