#!/usr/bin/env bash
# Builds the .deb and .tar.gz from a build folder and checks that they hold what a user needs:
# both executables, the right Debian dependencies, and a vae-cli that runs outside the build
# tree. With CI=true as root it also installs the .deb with apt-get and removes it again.
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
for f in ./usr/bin/vae-cli ./usr/bin/vae-explorer; do
  grep -q " $f\$" <<<"$contents" || fail "$(basename "$deb") lacks $f"
done
# Listings are read whole first: `tar | grep -q` would fail under pipefail when grep stops early.
listing=$(tar -tzf "$tgz")
for f in bin/vae-cli bin/vae-explorer; do
  grep -q "/$f\$" <<<"$listing" || fail "$(basename "$tgz") lacks $f"
done

# The packaged binary runs without the build tree.
dpkg-deb -x "$deb" "$work/root"
version=$("$work/root/usr/bin/vae-cli" --version) || fail "the packaged vae-cli does not run"
printf 'packages: %s (%s KiB), %s (%s KiB); %s\n' "$(basename "$deb")" "$(( $(stat -c %s "$deb") / 1024 ))" \
  "$(basename "$tgz")" "$(( $(stat -c %s "$tgz") / 1024 ))" "$version"

if [ "${CI:-}" = true ] && [ "$(id -u)" -eq 0 ]; then
  DEBIAN_FRONTEND=noninteractive apt-get install -y -qq "$deb" >/dev/null || fail "apt-get install $deb failed"
  installed=$(/usr/bin/vae-cli --version) || fail "installed /usr/bin/vae-cli does not run"
  DEBIAN_FRONTEND=noninteractive apt-get remove -y -qq vae-explorer >/dev/null
  printf 'installed with apt-get and ran: %s\n' "$installed"
fi
