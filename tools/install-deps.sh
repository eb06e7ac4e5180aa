#!/usr/bin/env bash
# Installs the Debian 12 packages heatnet needs, skipping those already present (idempotent).
# Usage: tools/install-deps.sh   (as root, or with sudo available)
set -euo pipefail

packages=(
  build-essential cmake ninja-build pkg-config
  libsundials-dev libsuitesparse-dev libboost-graph-dev
  libhdf5-dev hdf5-tools libyaml-cpp-dev catch2 libfmt-dev libcli11-dev
  python3 python3-numpy python3-h5py python3-xarray python3-h5netcdf python3-matplotlib
)

missing=()
for p in "${packages[@]}"; do
  dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
done

if [ ${#missing[@]} -eq 0 ]; then
  echo "install-deps: all ${#packages[@]} packages present"
  exit 0
fi

echo "install-deps: installing ${missing[*]}"
sudo_cmd=()
[ "$(id -u)" -ne 0 ] && sudo_cmd=(sudo)
export DEBIAN_FRONTEND=noninteractive
"${sudo_cmd[@]}" apt-get update -qq
"${sudo_cmd[@]}" apt-get install -y -qq --no-install-recommends "${missing[@]}"
