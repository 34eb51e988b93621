#!/usr/bin/env bash
# Fails when a tracked C++ file differs from what clang-format (.clang-format at the root) makes of it.
set -u
root=$1
cd "$root" || exit 1
files=$(find app core ui tests -name '*.cpp' -o -name '*.h' | sort)
bad=()
for f in $files; do
  clang-format --dry-run -Werror "$f" >/dev/null 2>&1 || bad+=("$f")
done
if [ ${#bad[@]} -gt 0 ]; then
  printf 'not clang-formatted (run clang-format -i on them):\n'
  printf '  %s\n' "${bad[@]}"
  exit 1
fi
printf '%d files clang-formatted\n' "$(wc -w <<<"$files")"
