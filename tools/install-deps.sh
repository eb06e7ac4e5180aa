#!/usr/bin/env bash
# Installs the Debian 12 packages heatnet needs, skipping those already present (idempotent),
# then the pinned JavaScript parts of `heatnet report` (tools/report/package-lock.json: Apache
# ECharts, bundled into each report, and playwright-core, which drives Debian's chromium in the
# browser test) and the YAML language server of tools/editor (editor diagnostics from the
# scenario schema), with `npm ci`. No browser is downloaded: the report test uses /usr/bin/chromium.
# Usage: tools/install-deps.sh   (as root, or with sudo available)
set -euo pipefail
cd "$(dirname "$0")/.."

packages=(
  build-essential cmake ninja-build pkg-config
  libsundials-dev libsuitesparse-dev libboost-graph-dev
  libhdf5-dev hdf5-tools libdeflate-dev libyaml-cpp-dev catch2 libfmt-dev libcli11-dev
  libopenmpi-dev openmpi-bin
  python3 python3-numpy python3-h5py python3-xarray python3-h5netcdf python3-matplotlib
  chromium poppler-utils fonts-dejavu-core
  python3-yaml python3-jsonschema
  clang libomp-dev llvm util-linux   # tools/sanitize.sh, tools/fuzz.sh (docs/reliability.md); flock in a CLI test
)
# Node.js and npm from Debian unless a node with npm is already there (e.g. another packaging
# of Node.js, whose nodejs package must not be replaced).
command -v npm >/dev/null && command -v node >/dev/null || packages+=(nodejs npm)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
else
  echo "install-deps: installing ${missing[*]}"
  sudo_cmd=()
  [ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
  export DEBIAN_FRONTEND=noninteractive
  "${sudo_cmd[@]}" apt-get update -qq
  "${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
fi

# npm packages, exactly as locked; again only when the lock file changed since the last install.
# tools/report: the report's charts and browser driver; tools/editor: the YAML language server
# that shows what an editor says about a scenario (tools/editor/check.mjs).
for folder in tools/report tools/editor; do
  if [ ! -f "$folder/node_modules/.package-lock.json" ] ||
     [ "$folder/package-lock.json" -nt "$folder/node_modules/.package-lock.json" ]; then
    echo "install-deps: npm ci in $folder"
    PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD=1 npm ci --prefix "$folder" --no-audit --no-fund --loglevel=error
  else
    echo "install-deps: npm packages of $folder present"
  fi
done
