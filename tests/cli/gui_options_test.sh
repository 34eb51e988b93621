#!/usr/bin/env bash
# vae-explorer's command line takes the training flags as vae-cli does: a bare
# --feature-matching means weight 1 in both. Runs a one-epoch demo offscreen and checks that it
# exits 0 and writes its screenshot.
set -u
app=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
out=$(QT_QPA_PLATFORM=offscreen "$app" --demo builtin:moons --rows 300 --train-epochs 1 \
  --gan 0.05 --feature-matching --screenshot "$tmp/shot.png" 2>&1)
rc=$?
if [ "$rc" -ne 0 ] || [ ! -s "$tmp/shot.png" ]; then
  printf 'FAIL: vae-explorer --demo ... --feature-matching --screenshot: exit %s: %s\n' "$rc" "$out"
  printf '0 passed, 1 failed\n'
  exit 1
fi
printf '1 passed, 0 failed\n'
