#!/usr/bin/env bash
# VAE Explorer's one setup script: installs what is missing (Debian 12), builds, then runs.
#
#   ./dev.sh run [source]   build and start the app (default dataset: builtin:sprites)
#   ./dev.sh test           build and run every test (what CI runs)
#   ./dev.sh build          install what is missing and build
#   ./dev.sh deps           only install the missing Debian packages
#   ./dev.sh package        build the .deb and .tar.gz packages and check them
#   ./dev.sh tidy [FOLDER]  build, then run clang-tidy over the folders (default: all)
#
# Environment: BUILD_DIR (default build), BUILD_TYPE (default Release),
# SANITIZE ('address,undefined' or 'thread'), CXX (e.g. clang++).
set -euo pipefail

cd "$(dirname "$(readlink -f "$0")")"
BUILD_DIR=${BUILD_DIR:-build}
BUILD_TYPE=${BUILD_TYPE:-Release}
SANITIZE=${SANITIZE:-}

# What a fresh minimal Debian 12 lacks to build, test, package and screenshot the app.
PACKAGES=(
  build-essential cmake ninja-build pkg-config ccache dpkg-dev file clang-format
  qt6-base-dev libqcustomplot-dev libgl-dev libeigen3-dev zlib1g-dev catch2
  dataset-fashion-mnist xvfb xauth desktop-file-utils appstream
)

say() { printf '==> %s\n' "$*"; }
die() { printf 'error: %s\n' "$*" >&2; exit 1; }

install_deps() {
  local missing=()
  for p in "${PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q '^install ok installed$' || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  local sudo=()
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || die "missing packages (${missing[*]}) and no sudo: run this script as root once"
    sudo=(sudo)
  fi
  say "installing ${missing[*]}"
  export DEBIAN_FRONTEND=noninteractive
  "${sudo[@]}" apt-get update -qq
  "${sudo[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
}

configure() {
  local args=(-S . -B "$BUILD_DIR" -DCMAKE_BUILD_TYPE="$BUILD_TYPE")
  command -v ninja >/dev/null && [ ! -f "$BUILD_DIR/CMakeCache.txt" ] && args+=(-G Ninja)
  [ -n "$SANITIZE" ] && args+=(-DVAE_SANITIZE="$SANITIZE")
  cmake "${args[@]}" >/dev/null
}

build() {
  install_deps
  configure
  say "building ($BUILD_TYPE) in $BUILD_DIR"
  cmake --build "$BUILD_DIR" --parallel "$(nproc)"
}

run_tests() {
  build
  say "running the tests"
  # GUI tests run on the offscreen platform; nothing here needs a display.
  QT_QPA_PLATFORM=offscreen ctest --test-dir "$BUILD_DIR" --output-on-failure \
    --parallel "$(nproc)" --timeout 600
  say "checking the packages"
  bash installer/check_packages.sh "$BUILD_DIR"
}

command=${1:-}
[ $# -gt 0 ] && shift
case "$command" in
  run)
    build
    source=${1:-builtin:sprites}
    [ $# -gt 0 ] && shift
    if [ -z "${DISPLAY:-}" ] && [ -z "${WAYLAND_DISPLAY:-}" ] && [ -z "${QT_QPA_PLATFORM:-}" ]; then
      say "no display found: starting the app in a virtual X server (xvfb-run)"
      exec xvfb-run -a -s "-screen 0 1600x1000x24" "$BUILD_DIR/app/vae-explorer" "$source" "$@"
    fi
    exec "$BUILD_DIR/app/vae-explorer" "$source" "$@"
    ;;
  test) run_tests ;;
  build) build ;;
  deps) install_deps ;;
  package) build; bash installer/check_packages.sh "$BUILD_DIR" ;;
  tidy)
    # Not part of `test`: the whole tree takes about 24 minutes on 2 cores (see README).
    PACKAGES+=(clang-tidy)
    build
    bash tests/clang_tidy_check.sh "$BUILD_DIR" "$@"
    ;;
  *)
    sed -n '2,12p' "$0" | sed 's/^# \{0,1\}//'
    [ -z "$command" ] || [ "$command" = help ] || [ "$command" = -h ] || exit 2
    ;;
esac
