#!/usr/bin/env bash
# Refresh the front-end libraries committed under viz/assets/vendor/ from the npm registry
# (run by hand when upgrading; nothing is fetched at build or run time). Each library keeps
# its own licence file and a VERSION file naming the npm package it came from.
set -euo pipefail
cd "$(dirname "$0")/.."
VIS_NETWORK="vis-network@10.1.5"
YASQE="@triply/yasqe@4.2.28"
work="$(mktemp -d)"
trap 'rm -rf "$work"' EXIT
unpack() {  # npm package spec -> unpacked folder
    local tarball
    tarball="$(cd "$work" && npm pack --silent "$1")"
    mkdir -p "$work/$tarball.d" && tar -xzf "$work/$tarball" -C "$work/$tarball.d"
    echo "$work/$tarball.d/package"
}
vis="$(unpack "$VIS_NETWORK")"
out=viz/assets/vendor/vis-network
rm -rf "$out" && mkdir -p "$out"
cp "$vis/standalone/umd/vis-network.min.js" "$vis/LICENSE-MIT" "$vis/LICENSE-APACHE-2.0" "$out/"
echo "$VIS_NETWORK (npm): standalone/umd/vis-network.min.js" > "$out/VERSION"
yasqe="$(unpack "$YASQE")"
out=viz/assets/vendor/yasqe
rm -rf "$out" && mkdir -p "$out"
cp "$yasqe/build/yasqe.min.js" "$yasqe/build/yasqe.min.css" "$yasqe/LICENSE.txt" "$out/"
echo "$YASQE (npm): build/yasqe.min.js, build/yasqe.min.css" > "$out/VERSION"
