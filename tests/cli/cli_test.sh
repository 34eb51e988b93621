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

# Train, then use the model: every command on a small run.
small=(builtin:sprites --rows 400 --hidden 16 --epochs 2 --batch 50 --threads 1)
expect 0 '"end":"completed".*"model":' -- train "${small[@]}" --out "$tmp/m.vaem" --metrics "$tmp/metrics.csv"
head -1 "$tmp/metrics.csv" | grep -q '^step,epoch,elbo,recon,kl' && passed=$((passed + 1)) || { echo "FAIL: metrics.csv header"; failures=$((failures + 1)); }
# The sample-quality fixes: each one's columns and JSON figures, and its flags' errors.
expect 0 '"mmd":0\.[0-9]*[1-9][0-9]*(e-[0-9]+)?,.*"end":"completed"' -- \
  train "${small[@]}" --mmd 100 --out "$tmp/mmd.vaem"
expect 0 '^ epoch +train_elbo +val_elbo +kl +mmd +samples/s' -- train "${small[@]}" --mmd 100 --out "$tmp/mmd.vaem"
gan=("${small[@]}" --gan 0.05 --feature-matching --gan-hidden 32,16)
expect 0 '"adversarial":[0-9.]+,"feature_matching":[1-9][0-9.]*,"discriminator_loss":[0-9.]+,"d_real":0\.[0-9]+,"d_fake":0\.[0-9]+.*"end":"completed"' -- \
  train "${gan[@]}" --out "$tmp/gan.vaem" --metrics "$tmp/gan.csv"
expect 0 '^ epoch .* kl +adv +d_loss +D\(x\) +D\(x~\) +samples/s' -- train "${gan[@]}" --out "$tmp/gan.vaem"
head -1 "$tmp/gan.csv" | grep -q ',mmd,adversarial,feature_matching,discriminator_loss,d_real,d_fake$' && passed=$((passed + 1)) || { echo "FAIL: gan metrics header"; failures=$((failures + 1)); }
expect 0 '"rows":4' -- sample "$tmp/gan.vaem" --count 4 --out "$tmp/gan.csv"
expect 0 '"end":"completed"' -- train "${small[@]}" --warmup-schedule cyclical --cycle-epochs 1 --cycle-ratio 0.5 --out "$tmp/cyc.vaem"
expect 2 "^error: --mmd: '-1' is not accepted \(a number >= 0\)" -- train builtin:moons --mmd -1 --out "$tmp/x.vaem"
expect 2 "^error: --gan: 'x' is not accepted \(a number >= 0\)" -- train builtin:moons --gan x --out "$tmp/x.vaem"
expect 2 "^error: --cycle-ratio: '2' is not accepted \(a number from 0.001 to 1\)" -- train builtin:moons --warmup-schedule cyclical --cycle-ratio 2 --out "$tmp/x.vaem"
expect 2 '^error: --cycle-epochs applies only to --warmup-schedule cyclical' -- train builtin:moons --cycle-epochs 2 --out "$tmp/x.vaem"
expect 2 "^error: --warmup-schedule: 'cosine' is not accepted \(use linear or cyclical\)" -- train builtin:moons --warmup-schedule cosine --out "$tmp/x.vaem"
expect 2 '^error: --gan-lr applies only to a VAE-GAN' -- train builtin:moons --gan-lr 1e-3 --out "$tmp/x.vaem"
expect 2 "^error: --gan-hidden: '1,2,3' is not accepted \(one or two comma-separated widths" -- train builtin:moons --gan 0.1 --gan-hidden 1,2,3 --out "$tmp/x.vaem"
expect 0 '"samples":400,"elbo":-[0-9.]+,.*"kl_per_dim":\[[^]]*,[^]]*\],"active_units":[0-2],"iwae_ll":' -- \
  evaluate "$tmp/m.vaem" builtin:sprites --rows 400 --iwae-k 5 --quality-samples 0
# Sample quality: every figure present and finite (a number, not null).
num='-?[0-9][0-9.e+-]*'
expect 0 "\"quality_samples\":300,.*\"sharpness_ratio\":$num,\"reconstruction_sharpness_ratio\":$num,.*\"duplicate_rate\":$num,\"duplicate_threshold\":$num,\"diversity_ratio\":$num,\"class_coverage_entropy\":$num,\"real_class_entropy\":$num,\"class_coverage\":\[$num(,$num){3}\],\"precision\":$num,\"recall\":$num,\"fd\":$num,\"fd_features\":\"classifier\",\"fd_label\":\"FD \\(classifier\\)\"" -- \
  evaluate "$tmp/m.vaem" builtin:sprites --rows 400 --quality-samples 300 --k 2 --threads 1
expect 0 "\"fd\":$num,\"fd_features\":\"pca\",\"fd_label\":\"FD \\(PCA\\)\"" -- \
  evaluate "$tmp/m.vaem" builtin:sprites --rows 400 --quality-samples 100 --fd-features pca --threads 1
"$cli" evaluate "$tmp/m.vaem" builtin:sprites --rows 100 --quality-samples 0 2>&1 | grep -q '"precision"' &&
  { echo "FAIL: --quality-samples 0 skips the quality figures"; failures=$((failures + 1)); } || passed=$((passed + 1))
expect 2 "^error: --fd-features: 'inception' is not one of auto, classifier, pca" -- \
  evaluate "$tmp/m.vaem" builtin:sprites --rows 400 --fd-features inception
expect 2 "^error: --k: '0' is not a whole number from 1 to 1000" -- evaluate "$tmp/m.vaem" builtin:sprites --k 0
expect 2 "^error: --quality-samples: '-1' is not a whole number" -- \
  evaluate "$tmp/m.vaem" builtin:sprites --quality-samples -1
expect 0 '"rows":16' -- sample "$tmp/m.vaem" --count 16 --out "$tmp/s.png"
expect 0 '"rows":3' -- sample "$tmp/m.vaem" --count 3 --out "$tmp/s.csv"
[ "$(wc -l <"$tmp/s.csv")" -eq 4 ] && passed=$((passed + 1)) || { echo "FAIL: s.csv has a header and 3 rows"; failures=$((failures + 1)); }
expect 0 '"rows":400' -- encode "$tmp/m.vaem" builtin:sprites --rows 400 --out "$tmp/z.csv"
head -1 "$tmp/z.csv" | grep -q '^id,label,z0,z1,logvar0,logvar1$' && passed=$((passed + 1)) || { echo "FAIL: latents header"; failures=$((failures + 1)); }
expect 0 '"rows":1' -- decode "$tmp/m.vaem" --z 0.5,-0.5 --out "$tmp/d.npy"
expect 0 '"rows":7' -- interpolate "$tmp/m.vaem" --from -1,0 --to 1,0 --steps 7 --slerp --out "$tmp/i.csv"
# Interpolation strips as PNG: one row of frames, or a grid of --columns N. Sprites are 28 x 28,
# drawn twice as large, 1 pixel apart: 7 frames in a row are 7 * 56 + 6 = 398 x 56; in 3
# columns 3 * 56 + 2 = 170 wide and, in 3 rows, as high.
png_size() { od -An -tu1 -j16 -N8 "$1" | awk '{ printf "%d x %d", $1*16777216 + $2*65536 + $3*256 + $4, $5*16777216 + $6*65536 + $7*256 + $8 }'; }
check_png() {
  local got
  got=$(png_size "$1")
  [ "$got" = "$2" ] && passed=$((passed + 1)) || { echo "FAIL: $1 is $got, not $2"; failures=$((failures + 1)); }
}
expect 0 '"rows":7' -- interpolate "$tmp/m.vaem" --from -1,0 --to 1,0 --steps 7 --out "$tmp/strip.png"
check_png "$tmp/strip.png" "398 x 56"
expect 0 '"rows":7' -- interpolate "$tmp/m.vaem" --from -1,0 --to 1,0 --steps 7 --columns 3 --out "$tmp/grid.png"
check_png "$tmp/grid.png" "170 x 170"
expect 0 '"rows":7' -- interpolate "$tmp/m.vaem" --from -1,0 --to 1,0 --steps 7 --columns 20 --out "$tmp/wide.png"
check_png "$tmp/wide.png" "398 x 56"
expect 2 "^error: --columns: '0' is not a whole number from 1 to 100000" -- \
  interpolate "$tmp/m.vaem" --from -1,0 --to 1,0 --columns 0 --out "$tmp/x.png"
expect 2 '^error: --columns applies only to a .png output' -- \
  interpolate "$tmp/m.vaem" --from -1,0 --to 1,0 --columns 2 --out "$tmp/x.csv"
expect 2 "^error: --z: the model's latent dimension is 2 but 3" -- decode "$tmp/m.vaem" --z 1,2,3 --out "$tmp/d.csv"
expect 2 '^error: .*model expects 784 columns' -- evaluate "$tmp/m.vaem" builtin:moons
expect 0 '"likelihood":|"end":"completed"' -- train builtin:moons --hidden 8 --epochs 1 --threads 1 --out "$tmp/m2.vaem"
expect 2 '^error: .*PNG' -- sample "$tmp/m2.vaem" --count 2 --out "$tmp/x.png"
expect 0 '"rows":2' -- sample "$tmp/m2.vaem" --count 2 --out "$tmp/x.csv"
grep -q '^x,y$' "$tmp/x.csv" && passed=$((passed + 1)) || { echo "FAIL: table samples keep the column names"; failures=$((failures + 1)); }
head -c 100 "$tmp/m.vaem" >"$tmp/cut.vaem"
expect 2 '^error: .*cut\.vaem' -- sample "$tmp/cut.vaem" --out "$tmp/x.csv"
expect 2 '^error: --latent' -- train builtin:moons --latent 0 --out "$tmp/x.vaem"
expect 2 '^error: --epochs' -- train builtin:moons --epochs -3 --out "$tmp/x.vaem"
expect 2 '^error: --activation' -- train builtin:moons --activation wiggle --out "$tmp/x.vaem"
expect 2 '^error: --out is required' -- train builtin:moons
expect 2 '"end":"diverged".*"suggested_fix":\{"setting":"Learning rate","flag":"--lr 125"' -- train builtin:sprites --rows 300 --hidden 64,32 --epochs 50 --threads 1 --lr 10000 --out "$tmp/div.vaem"
# Values whose squares overflow a float, not normalised: the fix named is the normalisation.
awk 'BEGIN { print "a,b"; for (i = 0; i < 200; i++) printf "%d.0e20,%d.0e19\n", i % 7 + 1, i % 5 + 1 }' >"$tmp/huge.csv"
expect 2 '^suggested fix: Normalization: z-score \(--normalize zscore\)$' -- train "$tmp/huge.csv" --normalize none --likelihood gaussian --hidden 8 --epochs 10 --threads 1 --out "$tmp/huge.vaem"
# The default normalisation (auto: z-scored columns) trains them.
expect 0 '"end":"completed"' -- train "$tmp/huge.csv" --likelihood gaussian --hidden 8 --epochs 10 --threads 1 --out "$tmp/huge.vaem"

# Ctrl-C during a long run: it stops at the next metrics sample, saves what it learned and
# exits 130. The first epoch line shows the run is under way before the signal is sent.
"$cli" train builtin:sprites --rows 2000 --hidden 16 --epochs 100000 --threads 1 \
  --out "$tmp/int.vaem" >"$tmp/int.out" 2>&1 &
pid=$!
for _ in $(seq 600); do grep -q '^ *1 ' "$tmp/int.out" && break; sleep 0.1; done
kill -INT "$pid"
# A background job starts with SIGINT ignored; without its own handler the run would go on.
for _ in $(seq 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
kill -KILL "$pid" 2>/dev/null
wait "$pid"
rc=$?
if [ "$rc" -eq 130 ] && grep -q '"end":"stopped"' "$tmp/int.out" &&
  "$cli" evaluate "$tmp/int.vaem" builtin:sprites --rows 200 --quality-samples 0 >/dev/null 2>&1; then
  passed=$((passed + 1))
else
  printf 'FAIL: Ctrl-C during train: exit %s, output: %s\n' "$rc" "$(cat "$tmp/int.out")"
  failures=$((failures + 1))
fi

fm=/usr/share/datasets/fashion-mnist
if [ -f "$fm/train-images-idx3-ubyte.gz" ]; then
  expect 0 '"rows":60000,"columns":784,.*"classes":10,.*"image_shape":\[28,28,1\]' -- inspect "$fm/train-images-idx3-ubyte.gz"
  expect 0 '"rows":10000,"columns":784,.*"classes":10' -- inspect "$fm/t10k-images-idx3-ubyte.gz"
fi

printf '%d passed, %d failed\n' "$passed" "$failures"
[ "$failures" -eq 0 ]
