#!/usr/bin/env bash
# A new user's first run, with nothing but the defaults: a spreadsheet export with columns on
# scales from 0.01 to 1000 and a text label at the end loads with that label, trains 20 epochs
# with a finite, improving ELBO, and its samples come back in the user's own units.
set -u
cli=$1
here=$(dirname "$0")
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
failures=0
passed=0
fail() { printf 'FAIL: %s\n' "$*"; failures=$((failures + 1)); }
pass() { passed=$((passed + 1)); }

awk -f "$here/mixed_scale_table.awk" >"$tmp/cells.csv"

out=$("$cli" inspect "$tmp/cells.csv" 2>&1) || fail "inspect exited $?: $out"
grep -q '"columns":7,' <<<"$out" && grep -q '"label_column":"diagnosis"' <<<"$out" && pass ||
  fail "inspect with the defaults takes diagnosis as the label and keeps 7 features: $out"

out=$("$cli" train "$tmp/cells.csv" --epochs 20 --out "$tmp/m.vaem" --metrics "$tmp/metrics.csv" 2>&1)
rc=$?
[ "$rc" -eq 0 ] && grep -q '"end":"completed"' <<<"$out" && pass ||
  fail "train with the defaults completes (exit $rc): $(tail -3 <<<"$out")"

# ELBO per epoch: every value finite, and the last epoch's better than the first's.
if [ -f "$tmp/metrics.csv" ]; then
  awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) if ($i == "elbo") c = i; if (!c) exit 3; next }
           { v = $c; if (v !~ /^-?[0-9.]+(e[-+]?[0-9]+)?$/) exit 4; if (first == "") first = v; last = v }
           END { if (first == "" || !(last + 0 > first + 0)) exit 5 }' "$tmp/metrics.csv" && pass ||
    fail "metrics.csv: ELBO finite and improving (awk status $?): $(head -2 "$tmp/metrics.csv"; tail -1 "$tmp/metrics.csv")"
else
  fail "no metrics.csv"
fi

# Samples in the user's units: each column's mean within half a standard deviation of the
# data's, and its spread within a factor of three.
out=$("$cli" sample "$tmp/m.vaem" --count 2000 --out "$tmp/samples.csv" 2>&1) || fail "sample: $out"
if [ -f "$tmp/samples.csv" ]; then
  report=$(awk -F, '
    FNR == 1 { for (i = 1; i <= NF; i++) name[FILENAME, i] = $i; cols[FILENAME] = NF; next }
    { for (i = 1; i <= NF; i++) { k = FILENAME SUBSEP name[FILENAME, i]; s[k] += $i; q[k] += $i * $i; n[k]++ } }
    END {
      bad = 0
      for (i = 1; i <= cols[ARGV[2]]; i++) {
        c = name[ARGV[2], i]; d = ARGV[1] SUBSEP c; g = ARGV[2] SUBSEP c
        if (!n[d]) { print "sample column " c " is not a data column"; bad = 1; continue }
        md = s[d] / n[d]; sd = sqrt(q[d] / n[d] - md * md)
        mg = s[g] / n[g]; sg = sqrt(q[g] / n[g] - mg * mg)
        ok = (mg - md) ^ 2 <= (0.5 * sd) ^ 2 && sg <= 3 * sd && sg >= sd / 3
        printf "%s %s: data mean %g sd %g, samples mean %g sd %g\n", ok ? "ok " : "BAD", c, md, sd, mg, sg
        if (!ok) bad = 1
      }
      if (cols[ARGV[2]] != 7) { print "samples have " cols[ARGV[2]] " columns, not 7"; bad = 1 }
      exit bad
    }' "$tmp/cells.csv" "$tmp/samples.csv") && pass || fail "samples track the data's units:"$'\n'"$report"
else
  fail "no samples.csv"
fi

# The centre of the plane decodes to a plausible cell, in millimetres and square millimetres.
out=$("$cli" decode "$tmp/m.vaem" --z 0,0 --out "$tmp/centre.csv" 2>&1) || fail "decode: $out"
awk -F, 'NR == 1 { for (i = 1; i <= NF; i++) c[$i] = i; next }
         { exit !($c["area"] > 100 && $c["area"] < 3000 && $c["smoothness"] > 0 && $c["smoothness"] < 1) }' \
  "$tmp/centre.csv" 2>/dev/null && pass || fail "decode --z 0,0 in the user's units: $(cat "$tmp/centre.csv" 2>/dev/null)"

printf '%d passed, %d failed\n' "$passed" "$failures"
[ "$failures" -eq 0 ]
