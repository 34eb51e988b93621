#!/usr/bin/env bash
# Fails when a Catch2 test uses QTest's checking macros. QVERIFY, QCOMPARE and the QTRY_*
# family report a failure to QTest's own logger and `return` from the function: inside a Catch
# test case that return reads as a pass. Wait with REQUIRE(QTest::qWaitFor(...)) instead.
set -u
root=$1
cd "$root" || exit 1
hits=$(grep -rnE '\b(QVERIFY|QCOMPARE|QTRY_[A-Z_]+)\b *\(' tests --include='*.cpp' --include='*.h')
if [ -n "$hits" ]; then
  printf 'QTest checking macros in Catch tests (a failure would pass silently):\n%s\n' "$hits"
  exit 1
fi
printf 'no QTest checking macros in the tests\n'
