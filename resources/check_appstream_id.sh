#!/usr/bin/env bash
# Checks that the app has one AppStream component id, a real reverse-DNS name, and that every
# place a desktop looks it up by agrees: the metainfo's <id> and <launchable>, the desktop
# entry's file name and Icon=, the installed metainfo and icon names, and the GUI's
# QGuiApplication::setDesktopFileName (which Wayland uses to match the window to its entry).
#   check_appstream_id.sh SOURCE_DIR BUILD_DIR
# The installed names come from `cmake --install BUILD_DIR --component desktop`, the files
# CPack packages. With appstream and desktop-file-utils installed the installed tree is also
# validated offline, as installer/check_packages.sh does for the .deb.
set -u
src=$1
build=$2
failures=0
fail() { printf 'FAIL: %s\n' "$*"; failures=$((failures + 1)); }

metainfo=$(ls "$src"/resources/*.metainfo.xml 2>/dev/null)
[ "$(wc -w <<<"$metainfo")" -eq 1 ] || { printf 'FAIL: expected one resources/*.metainfo.xml, found: %s\n' "$metainfo"; exit 1; }
id=$(sed -n 's:.*<id>\(.*\)</id>.*:\1:p' "$metainfo" | head -1)
# Reverse DNS: a domain's labels (lower case, no underscore: they are host names), then the
# application's name. Hyphens are legal in DNS but AppStream advises against them in ids.
[[ "$id" =~ ^[a-z][a-z0-9]*(\.[a-z][a-z0-9]*)+\.[A-Za-z][A-Za-z0-9]*$ ]] ||
  fail "the component id '$id' in $(basename "$metainfo") is not a reverse-DNS name such as io.github.owner.App"
[ "$(basename "$metainfo")" = "$id.metainfo.xml" ] ||
  fail "$(basename "$metainfo") is not named after its component id ($id.metainfo.xml)"
launchable=$(sed -n 's:.*<launchable type="desktop-id">\(.*\)</launchable>.*:\1:p' "$metainfo")
[ "$launchable" = "$id.desktop" ] || fail "<launchable> is '$launchable', not '$id.desktop'"
desktop="$src/resources/$id.desktop"
if [ -f "$desktop" ]; then
  icon=$(sed -n 's/^Icon=//p' "$desktop")
  [ "$icon" = "$id" ] || fail "$(basename "$desktop") has Icon=$icon, not Icon=$id"
else
  fail "no desktop entry resources/$id.desktop"
fi
grep -q "setDesktopFileName(QStringLiteral(\"$id\"))" "$src/app/gui/gui_main.cpp" ||
  fail "app/gui/gui_main.cpp does not call setDesktopFileName(QStringLiteral(\"$id\"))"

# What the build installs and packages.
root=$(mktemp -d)
trap 'rm -rf "$root"' EXIT
if cmake --install "$build" --component desktop --prefix "$root/usr" >"$root.log" 2>&1; then
  for f in "share/applications/$id.desktop" "share/metainfo/$id.metainfo.xml" \
    "share/icons/hicolor/scalable/apps/$id.svg"; do
    [ -f "$root/usr/$f" ] || fail "the install lacks $f"
  done
  for size in 16 24 32 48 64 128 256; do
    [ -f "$root/usr/share/icons/hicolor/${size}x${size}/apps/$id.png" ] ||
      fail "the install lacks the ${size}x${size} icon $id.png"
  done
  others=$(find "$root/usr" -type f 2>/dev/null | grep -v -F "/$id." || true)
  [ -z "$others" ] || fail "installed desktop files not named after $id: $others"
  if command -v appstreamcli >/dev/null; then
    out=$(appstreamcli validate-tree --no-net "$root" 2>&1) || fail "appstreamcli validate-tree: $out"
  fi
  if command -v desktop-file-validate >/dev/null; then
    out=$(desktop-file-validate "$root/usr/share/applications/$id.desktop" 2>&1)
    [ -z "$out" ] || fail "desktop-file-validate: $out"
  fi
else
  fail "cmake --install $build --component desktop failed: $(cat "$root.log")"
fi
rm -f "$root.log"

if [ "$failures" -gt 0 ]; then
  printf '%d problem(s) with the AppStream id\n' "$failures"
  exit 1
fi
printf 'one AppStream id everywhere: %s\n' "$id"
