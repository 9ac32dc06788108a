#!/usr/bin/env bash
# Nightly backup of the Học ATTT database (docs/deploy.md): pg_dump in the custom format (-Fc: compressed,
# restorable table by table, in parallel), checked readable, then renamed into place; dumps older than
# RETAIN_DAYS are deleted, and the first dump of each month is also kept RETAIN_MONTHLY_DAYS days.
# Run by hoc-attt-backup.timer (or the cron line in hoc-attt-backup.timer).
#   BACKUP_DATABASE_URL  what to dump (default: DATABASE_URL; the primary, or a replica with
#                        hot_standby_feedback = on so that a long dump is not cancelled)
#   BACKUP_DIR           where (default /var/backups/hoc-attt); copy it off this machine too
set -euo pipefail

url="${BACKUP_DATABASE_URL:-${DATABASE_URL:?set BACKUP_DATABASE_URL or DATABASE_URL}}"
dir="${BACKUP_DIR:-/var/backups/hoc-attt}"
retain_days="${RETAIN_DAYS:-14}"
retain_monthly_days="${RETAIN_MONTHLY_DAYS:-365}"

mkdir -p "$dir/monthly"
stamp="$(date -u +%Y%m%dT%H%M%SZ)"
file="$dir/hoc-attt-$stamp.dump"
part="$dir/.hoc-attt-$stamp.dump.part"
trap 'rm -f "$part"' EXIT

pg_dump --format=custom --compress=6 --no-owner --no-privileges --dbname="$url" --file="$part"
# A dump that pg_restore cannot list is no backup: fail now, not on the day it is needed.
pg_restore --list "$part" >/dev/null
mv "$part" "$file"
if [ "$(date -u +%d)" = "01" ]; then ln -f "$file" "$dir/monthly/"; fi

find "$dir" -maxdepth 1 -name 'hoc-attt-*.dump' -mtime +"$retain_days" -delete
find "$dir/monthly" -maxdepth 1 -name 'hoc-attt-*.dump' -mtime +"$retain_monthly_days" -delete
echo "Đã sao lưu: $file ($(du -h "$file" | cut -f1))"
