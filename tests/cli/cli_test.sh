#!/usr/bin/env bash
# vae-cli as a user meets it: every case checks the exit status and what was printed.
set -u
cli=$1
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
passed=0

# expect STATUS PATTERN -- ARGS...: runs vae-cli ARGS, checks the exit status and that
# stdout+stderr match the extended regular expression PATTERN.
expect() {
  local status=$1 pattern=$2
  shift 3
  local out rc
  out=$("$cli" "$@" 2>&1)
  rc=$?
  if [ "$rc" -ne "$status" ] || ! grep -Eq -- "$pattern" <<<"$out"; then
    printf 'FAIL: vae-cli %s\n  expected exit %s and /%s/\n  got exit %s: %s\n' "$*" "$status" "$pattern" "$rc" "$out"
    failures=$((failures + 1))
  else
    passed=$((passed + 1))
  fi
}

expect 0 '^vae-cli [0-9]+\.[0-9]+\.[0-9]+$' -- --version
expect 0 'inspect' -- --help
expect 0 '--label-column' -- inspect --help
expect 2 "^error: unknown command 'frobnicate'" -- frobnicate
expect 2 '^error: .*--missing' -- inspect builtin:moons --missing sometimes
expect 2 '^error: .*--image-shape' -- inspect builtin:moons --image-shape 28by28
expect 2 '^error: .*absent\.csv.*cannot open' -- inspect "$tmp/absent.csv"

expect 0 '"rows":20000.*"classes":4.*"image_shape":\[28,28,1\]' -- inspect builtin:sprites
expect 0 '"rows":2000,"columns":2,' -- inspect builtin:moons
expect 0 '"rows":100,' -- inspect builtin:sprites --limit 100

printf 'id,colour,size,kind\n1,red,2.5,a\n2,green,3.5,b\n3,red,NA,a\n' >"$tmp/small.csv"
expect 0 '"rows":2,.*"label_column":"kind".*"missing":1.*"categorical_columns":\["colour"\]' -- \
  inspect "$tmp/small.csv" --label-column kind --drop-columns id --missing drop
expect 2 "^error: .*small\.csv:4:3: .*--missing" -- inspect "$tmp/small.csv" --label-column kind

printf 'a,b\n1,2\n3,x\n' >"$tmp/stray.csv"
expect 2 "^error: .*stray\.csv:3:2: .*'x'" -- inspect "$tmp/stray.csv"

fm=/usr/share/datasets/fashion-mnist
if [ -f "$fm/train-images-idx3-ubyte.gz" ]; then
  expect 0 '"rows":60000,"columns":784,.*"classes":10,.*"image_shape":\[28,28,1\]' -- inspect "$fm/train-images-idx3-ubyte.gz"
  expect 0 '"rows":10000,"columns":784,.*"classes":10' -- inspect "$fm/t10k-images-idx3-ubyte.gz"
fi

printf '%d passed, %d failed\n' "$passed" "$failures"
[ "$failures" -eq 0 ]
