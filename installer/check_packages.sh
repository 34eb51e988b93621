#!/usr/bin/env bash
# Builds the .deb and .tar.gz from a build folder and checks that they hold what a user needs:
# both executables, the desktop entry, AppStream metainfo and icons, the right Debian
# dependencies, and a vae-cli that runs outside the build tree. When desktop-file-utils and
# appstream are installed it validates the packaged desktop files with them (offline).
# With CI=true as root it also installs the .deb with apt-get and removes it again.
set -euo pipefail
build_dir=$(readlink -f "${1:-build}")
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT

fail() { printf 'package check failed: %s\n' "$*" >&2; exit 1; }

(cd "$build_dir" && cpack -G DEB -B "$work/out" >"$work/cpack.log" 2>&1 &&
  cpack -G TGZ -B "$work/out" >>"$work/cpack.log" 2>&1) || { cat "$work/cpack.log" >&2; false; } \
  || fail "cpack did not produce the packages (see $build_dir)"
deb=$(ls "$work"/out/*.deb 2>/dev/null | head -1)
tgz=$(ls "$work"/out/*.tar.gz 2>/dev/null | head -1)
[ -n "$deb" ] || fail "no .deb produced"
[ -n "$tgz" ] || fail "no .tar.gz produced"

depends=$(dpkg-deb -f "$deb" Depends)
for lib in libqt6widgets6 libqt6core6 libqcustomplot2.1-qt6 zlib1g libstdc++6; do
  grep -q "$lib" <<<"$depends" || fail "$(basename "$deb") does not depend on $lib (Depends: $depends)"
done
contents=$(dpkg-deb -c "$deb")
# Every desktop file is named after the AppStream component id, set once in CMakeLists.txt.
id=$(sed -n 's/^set(VAE_APPSTREAM_ID "\(.*\)")$/\1/p' "$(dirname "$0")/../CMakeLists.txt")
[ -n "$id" ] || fail "no VAE_APPSTREAM_ID in CMakeLists.txt"
desktop_files=("share/applications/$id.desktop" "share/metainfo/$id.metainfo.xml"
  "share/icons/hicolor/scalable/apps/$id.svg")
for size in 16 24 32 48 64 128 256; do
  desktop_files+=("share/icons/hicolor/${size}x${size}/apps/$id.png")
done
for f in ./usr/bin/vae-cli ./usr/bin/vae-explorer "${desktop_files[@]/#/./usr/}"; do
  grep -q " $f\$" <<<"$contents" || fail "$(basename "$deb") lacks $f"
done
# Listings are read whole first: `tar | grep -q` would fail under pipefail when grep stops early.
listing=$(tar -tzf "$tgz")
for f in bin/vae-cli bin/vae-explorer "${desktop_files[@]}"; do
  grep -q "/$f\$" <<<"$listing" || fail "$(basename "$tgz") lacks $f"
done

# The packaged binary runs without the build tree.
dpkg-deb -x "$deb" "$work/root"
version=$("$work/root/usr/bin/vae-cli" --version) || fail "the packaged vae-cli does not run"

# The packaged desktop entry and metainfo validate (no network). validate-tree also checks that
# the metainfo file is named after its component id and that its launchable desktop file exists.
validated=()
if command -v desktop-file-validate >/dev/null; then
  out=$(desktop-file-validate "$work/root/usr/share/applications/$id.desktop" 2>&1) \
    && [ -z "$out" ] || fail "desktop-file-validate: $out"
  validated+=(desktop-file-validate)
fi
if command -v appstreamcli >/dev/null; then
  out=$(appstreamcli validate-tree --no-net "$work/root" 2>&1) || fail "appstreamcli validate-tree: $out"
  validated+=(appstreamcli)
fi
printf 'packages: %s (%s KiB), %s (%s KiB); %s\n' "$(basename "$deb")" "$(( $(stat -c %s "$deb") / 1024 ))" \
  "$(basename "$tgz")" "$(( $(stat -c %s "$tgz") / 1024 ))" "$version"
printf 'desktop entry, metainfo and icons packaged as %s; validated with: %s\n' "$id" "${validated[*]:-nothing (desktop-file-utils, appstream not installed)}"

if [ "${CI:-}" = true ] && [ "$(id -u)" -eq 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >/dev/null || fail "apt-get install $deb failed"
  installed=$(/usr/bin/vae-cli --version) || fail "installed /usr/bin/vae-cli does not run"
  DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq vae-explorer >/dev/null
  printf 'installed with apt-get and ran: %s\n' "$installed"
fi
