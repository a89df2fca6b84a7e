#!/usr/bin/env bash
# npm run test:arm64 [-- RUNNER OPTIONS]: checks that the runtime, its WebAssembly SIMD kernels
# included, computes the right results on linux-arm64, by running Debian's arm64 Node.js under
# qemu-user. Correctness only: emulated timings mean nothing. Not part of `npm test` or CI (a
# few minutes on two cores).
#
# Steps, each skipped when its result is already there (everything lives in .arm64/, git-ignored):
#  1. qemu-user-static from apt (the host's Debian sources);
#  2. an arm64 sysroot: Debian's nodejs:arm64 and its library dependencies, resolved by apt
#     with a private state folder (the host's dpkg architectures and lists stay untouched) and
#     unpacked with dpkg -x;
#  3. scripts/arm64-smoke.ts and the runtime compiled to JavaScript with tsc (no tsx/esbuild:
#     their native binaries are x86_64), into .arm64/dist;
#  4. the runner natively (the baseline), then under qemu-aarch64-static, which compares its
#     outcomes with the baseline's. Its last line is `N passed, N failed`.
# RUNNER OPTIONS go to both runs: --providers auto,cpu --filter REGEX --limit N --models a,b
# (see scripts/arm64-smoke.ts). ARM64_SUITE overrides the Debian release (default: the host's).
set -euo pipefail

cd "$(dirname "${BASH_SOURCE[0]}")/.."
REPO=$PWD
CACHE=$REPO/.arm64
SYSROOT=$CACHE/sysroot
STAMP=$SYSROOT/.onnx-ts-sysroot
T0=$(date +%s)

log() { printf 'test:arm64: %s\n' "$*"; }
die() { printf 'test:arm64: %s\n' "$*" >&2; exit 2; }

SUDO=()
if [ "$(id -u)" -ne 0 ]; then
  command -v sudo >/dev/null || die "needs root (or sudo) for apt-get"
  SUDO=(sudo)
fi

# 1. the emulator
if ! command -v qemu-aarch64-static >/dev/null; then
  log "installing qemu-user-static"
  export DEBIAN_FRONTEND=noninteractive
  "${SUDO[@]}" apt-get install -y --no-install-recommends qemu-user-static \
    || { "${SUDO[@]}" apt-get update && "${SUDO[@]}" apt-get install -y --no-install-recommends qemu-user-static; }
fi

# 2. the arm64 sysroot
if [ ! -f "$STAMP" ]; then
  command -v dpkg >/dev/null || die "needs dpkg and apt-get (a Debian or Ubuntu host)"
  SUITE=${ARM64_SUITE:-$(. /etc/os-release && echo "${VERSION_CODENAME:-}")}
  [ -n "$SUITE" ] || die "cannot tell the Debian release from /etc/os-release; set ARM64_SUITE (e.g. bookworm)"
  APTDIR=$CACHE/apt
  rm -rf "$APTDIR" "$SYSROOT.tmp"
  mkdir -p "$APTDIR"/lists/partial "$APTDIR"/archives/partial "$APTDIR"/sources.list.d
  : >"$APTDIR"/status
  KEYRING=/usr/share/keyrings/debian-archive-keyring.gpg
  {
    echo "deb [arch=arm64 signed-by=$KEYRING] http://deb.debian.org/debian $SUITE main"
    echo "deb [arch=arm64 signed-by=$KEYRING] http://deb.debian.org/debian $SUITE-updates main"
    echo "deb [arch=arm64 signed-by=$KEYRING] http://deb.debian.org/debian-security $SUITE-security main"
  } >"$APTDIR"/sources.list
  # an empty dpkg status makes apt resolve the whole closure, libc included
  APT=(apt-get -q
    -o APT::Architecture=arm64 -o APT::Architectures::=arm64
    -o Dir::Etc::SourceList="$APTDIR/sources.list" -o Dir::Etc::SourceParts="$APTDIR/sources.list.d"
    -o Dir::State::Lists="$APTDIR/lists" -o Dir::State::status="$APTDIR/status"
    -o Dir::Cache="$APTDIR" -o Dir::Cache::archives="$APTDIR/archives"
    -o Debug::NoLocking=1 -o APT::Install-Recommends=0 -o APT::Install-Suggests=0)
  [ "$(id -u)" -eq 0 ] && APT+=(-o APT::Sandbox::User=root)
  log "resolving nodejs:arm64 ($SUITE) with a private apt state in $APTDIR"
  "${APT[@]}" update >"$APTDIR/update.log" 2>&1 || { cat "$APTDIR/update.log"; die "apt-get update (arm64) failed"; }
  "${APT[@]}" install -y --download-only nodejs >"$APTDIR/download.log" 2>&1 \
    || { cat "$APTDIR/download.log"; die "downloading nodejs:arm64 failed"; }
  log "downloaded: package lists $(sed -n 's/^Fetched \([^ ]* [kMG]*B\).*/\1/p' "$APTDIR/update.log"), packages $(sed -n 's/^Fetched \([^ ]* [kMG]*B\).*/\1/p' "$APTDIR/download.log")"
  mkdir -p "$SYSROOT.tmp"
  for deb in "$APTDIR"/archives/*.deb; do dpkg -x "$deb" "$SYSROOT.tmp"; done
  [ -x "$SYSROOT.tmp/usr/bin/node" ] || die "no usr/bin/node in the unpacked packages"
  {
    echo "suite: $SUITE"
    echo "debs: $(du -cb "$APTDIR"/archives/*.deb | tail -1 | cut -f1) bytes"
    (cd "$APTDIR/archives" && ls -1 -- *.deb)
  } >"$SYSROOT.tmp/.onnx-ts-sysroot"
  rm -rf "$SYSROOT" && mv "$SYSROOT.tmp" "$SYSROOT"
  rm -rf "$APTDIR" # the sysroot is all that is needed from here on
fi
ARM_NODE=(qemu-aarch64-static -L "$SYSROOT" "$SYSROOT/usr/bin/node")
log "arm64 node $(env -u NODE_OPTIONS "${ARM_NODE[@]}" -p 'process.version + " " + process.arch') from $(sed -n 's/^suite: //p' "$STAMP") ($(sed -n 's/^debs: //p' "$STAMP") of .deb files)"

# 3. the runner as JavaScript; --noCheck: type errors are `npm run typecheck`'s business
[ -x node_modules/.bin/tsc ] || die "node_modules/.bin/tsc missing: run npm install first"
rm -rf "$CACHE/dist"
node_modules/.bin/tsc scripts/arm64-smoke.ts --outDir "$CACHE/dist" --rootDir . --target ES2022 --module NodeNext \
  --moduleResolution NodeNext --types node --esModuleInterop --skipLibCheck --resolveJsonModule --noCheck
# wasm-module.js looks for the .wasm files in ./build beside itself
ln -sfn ../../../../kernels/wasm/build "$CACHE/dist/kernels/wasm/build"
RUNNER=$CACHE/dist/scripts/arm64-smoke.js

# 4. native baseline, then arm64
log "native baseline ($(node --version) $(uname -m))"
node "$RUNNER" --json "$CACHE/native.json" "$@" | sed 's/^/  native: /' || log "the native baseline has failures too (see above)"
log "arm64 under qemu-aarch64-static"
T1=$(date +%s)
set +e
env -u NODE_OPTIONS "${ARM_NODE[@]}" "$RUNNER" --json "$CACHE/arm64.json" --baseline "$CACHE/native.json" "$@" | tee "$CACHE/arm64.log"
RC=${PIPESTATUS[0]}
set -e
T2=$(date +%s)
log "emulated run $((T2 - T1)) s, total $((T2 - T0)) s; log in .arm64/arm64.log"
tail -n 1 "$CACHE/arm64.log" # the closing `N passed, N failed`
exit "$RC"
