#!/usr/bin/env bash
# Fails when clang-tidy (.clang-tidy at the root) warns about any project .cpp in the compile
# database, or about one of our headers that it includes.
#
#   tests/clang_tidy_check.sh BUILD_DIR [FOLDER...]
#
# BUILD_DIR holds compile_commands.json (CMake writes it). FOLDERs are source folders or files
# relative to the root (app, core, tests/core, tests/main.cpp, ...); default: app core tests ui.
# JOBS sets the parallelism (default: nproc).
set -u
[ $# -ge 1 ] || { printf 'usage: %s BUILD_DIR [FOLDER...]\n' "$0" >&2; exit 2; }
build=$(cd "$1" && pwd) || exit 2
shift
root=$(cd "$(dirname "$(readlink -f "$0")")/.." && pwd)
folders=("${@%/}")
[ ${#folders[@]} -gt 0 ] || folders=(app core tests ui)
database=$build/compile_commands.json
[ -f "$database" ] || { printf 'error: no %s (configure with CMake first)\n' "$database" >&2; exit 2; }

# The database's "file" entries under the chosen folders (or equal to a chosen file); generated
# sources in the build tree (moc, resources) are not ours to fix.
files=$(sed -n 's/^ *"file": "\(.*\)",\{0,1\}$/\1/p' "$database" | grep '\.cpp$' |
  grep -v "^$build/" | awk -v root="$root" -v chosen="${folders[*]}" '
    BEGIN { n = split(chosen, f, " ") }
    { for (i = 1; i <= n; i++) {
        p = root "/" f[i]
        if ($0 == p || index($0, p "/") == 1) { print; next }
      } }' | sort -u)
[ -n "$files" ] || { printf 'error: no .cpp of %s in %s\n' "${folders[*]}" "$database" >&2; exit 2; }

logs=$(mktemp -d)
trap 'rm -rf "$logs"' EXIT
start=$SECONDS
# One log per file so that parallel runs do not interleave; a failed run (clang cannot compile
# the file) leaves a .failed marker. -Wno-unknown-warning-option: the database holds g++'s flags
# (-Wno-restrict), which clang does not know.
export build logs
tr '\n' '\0' <<<"$files" | xargs -0 -P "${JOBS:-$(nproc)}" -I{} sh -c '
  log="$logs/$(printf %s "$1" | tr / _).log"
  clang-tidy -p "$build" --quiet --extra-arg=-Wno-unknown-warning-option "$1" >"$log" 2>&1 ||
    : >"$log.failed"' _ {}

# A header's warnings come once per file that includes it: print each diagnostic (with its
# source lines and notes) once.
report=$(awk '
  /: (warning|error): / { key = $0; show = !(key in seen); seen[key] = 1; if (show) count++ }
  /^[0-9]+ (warning|error)s? generated\.$/ { next }
  key != "" && show { print }
  END { print count + 0 > "/dev/stderr" }' "$logs"/*.log 2>"$logs/count")
count=$(cat "$logs/count")
failed=$(find "$logs" -name '*.failed' | wc -l)
[ -n "$report" ] && printf '%s\n' "$report"
printf 'clang-tidy: %d files of %s in %ds: %d warnings, %d files that did not compile\n' \
  "$(wc -l <<<"$files")" "${folders[*]}" "$((SECONDS - start))" "$count" "$failed"
[ "$count" -eq 0 ] && [ "$failed" -eq 0 ]
