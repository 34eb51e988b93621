#!/usr/bin/env bash
# Fails when an #include breaks the rule of dependencies (docs/architecture.md): core/ uses no
# Qt; inside ui/, widgets/ uses no feature room, no room includes main_window, and a feature
# room includes only widgets/ and the rooms listed below it.
set -u
root=$1
cd "$root" || exit 1

# room -> the ui/ rooms it may include besides itself and widgets/
declare -A allowed=(
  [data]=""
  [training]=""
  [quality]=""
  [runs]="quality"
  [latent]="latent/scatter"
  [latent/scatter]=""
  [widgets]=""
)

bad=()
while IFS= read -r hit; do bad+=("core uses Qt: $hit"); done < <(
  grep -rnE '#include[[:space:]]*[<"](Q[A-Za-z]+|qcustomplot\.h)' core)

for room in "${!allowed[@]}"; do
  # The room's own files, not those of a room nested inside it.
  while IFS= read -r file; do
    while IFS= read -r target; do
      dir=$(dirname "$target")
      dir=${dir#ui}
      dir=${dir#/}
      [ "$dir" = "$room" ] && continue
      [ "$dir" = widgets ] && [ "$room" != widgets ] && continue
      ok=no
      for a in ${allowed[$room]}; do [ "$dir" = "$a" ] && ok=yes; done
      [ $ok = yes ] || bad+=("$file includes $target (ui/$room may use: widgets ${allowed[$room]})")
    done < <(sed -n 's/^#include "\(ui\/[^"]*\)".*/\1/p' "$file")
  done < <(find "ui/$room" -maxdepth 1 -name '*.h' -o -maxdepth 1 -name '*.cpp')
done

if [ ${#bad[@]} -gt 0 ]; then
  printf 'includes against the rule of dependencies:\n'
  printf '  %s\n' "${bad[@]}"
  exit 1
fi
printf 'core uses no Qt; every ui/ room includes only the rooms below it\n'
