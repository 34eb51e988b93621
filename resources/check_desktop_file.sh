#!/usr/bin/env bash
# Validates a desktop entry or an AppStream metainfo file with the freedesktop tools, offline.
#   check_desktop_file.sh desktop FILE    desktop-file-validate (Debian: desktop-file-utils)
#   check_desktop_file.sh metainfo FILE   appstreamcli validate --no-net (Debian: appstream)
# Exits 77 (CTest's SKIP_RETURN_CODE here) when the tool is not installed.
set -u
kind=$1
file=$2
case "$kind" in
  desktop) tool=desktop-file-validate; cmd=(desktop-file-validate "$file") ;;
  metainfo) tool=appstreamcli; cmd=(appstreamcli validate --no-net "$file") ;;
  *) printf 'usage: %s desktop|metainfo FILE\n' "$0" >&2; exit 2 ;;
esac
if ! command -v "$tool" >/dev/null; then
  printf 'skipped: %s is not installed\n' "$tool"
  exit 77
fi
# desktop-file-validate exits 0 on hints too: any line it prints counts as a failure here.
out=$("${cmd[@]}" 2>&1)
rc=$?
printf '%s\n' "$out"
if [ $rc -ne 0 ] || { [ "$kind" = desktop ] && [ -n "$out" ]; }; then
  printf '%s does not validate\n' "$file"
  exit 1
fi
printf '%s: valid (%s)\n' "$(basename "$file")" "$tool"
