#!/usr/bin/env bash
# vae-cli with a convolutional model: --arch takes the presets and a spec, a conv model trains on
# real images (Fashion-MNIST when installed, else the built-in sprites), saves, and is read back
# by evaluate, sample and encode; a conv spec on a table or one that does not fit the image is
# refused before training with a message naming the layer, and no model file is written.
set -u
cli=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
passed=0
fail() { printf 'FAIL: %s\n' "$*"; failures=$((failures + 1)); }
pass() { passed=$((passed + 1)); }

images=/usr/share/datasets/fashion-mnist/train-images-idx3-ubyte.gz
[ -f "$images" ] || images=builtin:sprites

out=$("$cli" train "$images" --limit 512 --arch conv-small --latent 4 --epochs 2 --threads 2 \
  --out "$tmp/conv.vaem" 2>&1)
rc=$?
[ "$rc" -eq 0 ] && grep -q '"end":"completed"' <<<"$out" && pass ||
  fail "conv-small trains on $images (exit $rc): $(tail -3 <<<"$out")"

out=$("$cli" evaluate "$tmp/conv.vaem" "$images" --limit 256 2>&1)
grep -Eq '"elbo":-[0-9]' <<<"$out" && pass || fail "evaluate reads the conv model: $out"

out=$("$cli" sample "$tmp/conv.vaem" --count 8 --out "$tmp/s.png" 2>&1)
[ -s "$tmp/s.png" ] && pass || fail "sample writes a PNG: $out"

out=$("$cli" encode "$tmp/conv.vaem" "$images" --limit 10 --out "$tmp/z.csv" 2>&1)
[ "$(wc -l <"$tmp/z.csv" 2>/dev/null)" = 11 ] && pass || fail "encode writes 10 rows: $out"

out=$("$cli" train "$images" --limit 64 --arch "conv:8k3s1/dense:16" --latent 2 --epochs 1 \
  --out "$tmp/spec.vaem" 2>&1)
[ $? -eq 0 ] && [ -f "$tmp/spec.vaem" ] && pass || fail "a typed spec trains: $(tail -2 <<<"$out")"

out=$("$cli" train builtin:moons --arch conv-small --epochs 1 --out "$tmp/table.vaem" 2>&1)
rc=$?
[ "$rc" -ne 0 ] && grep -q "this data is a table" <<<"$out" && [ ! -e "$tmp/table.vaem" ] && pass ||
  fail "conv on a table is refused (exit $rc): $out"

out=$("$cli" train "$images" --limit 64 --arch "conv:8,8,8" --epochs 1 --out "$tmp/odd.vaem" 2>&1)
rc=$?
[ "$rc" -ne 0 ] && grep -q "conv layer 3" <<<"$out" && grep -q "not 7x7" <<<"$out" &&
  ! grep -q "train_elbo" <<<"$out" && [ ! -e "$tmp/odd.vaem" ] && pass ||
  fail "a third halving of 7x7 is refused before training (exit $rc): $out"

out=$("$cli" train "$images" --limit 64 --arch "conv:8,q" --epochs 1 --out "$tmp/bad.vaem" 2>&1)
rc=$?
[ "$rc" -ne 0 ] && grep -q "conv layer 2 'q'" <<<"$out" && pass ||
  fail "a bad token is named (exit $rc): $out"

printf '%d passed, %d failed\n' "$passed" "$failures"
[ "$failures" -eq 0 ]
