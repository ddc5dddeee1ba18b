#!/usr/bin/env bash
# Installs what WeightLab needs on a Debian machine that has only the Swift toolchain:
# OpenBLAS, zlib, SQLite, pkg-config, the Fashion-MNIST data package, Chromium (the report tests
# render HTML in it) and the islp CSV tables. Safe to run again: it installs only what is missing.
set -euo pipefail

packages=(pkg-config libopenblas-dev zlib1g-dev libsqlite3-dev dataset-fashion-mnist chromium unzip)

missing=()
for package in "${packages[@]}"; do
  if ! dpkg-query -W -f='${Status}' "$package" 2>/dev/null | grep -q "install ok installed"; then
    missing+=("$package")
  fi
done

if ((${#missing[@]} > 0)); then
  echo "setup: installing ${missing[*]}" >&2
  if [[ $(id -u) -eq 0 ]]; then
    sudo_command=()
  else
    sudo_command=(sudo)
  fi
  "${sudo_command[@]}" apt-get update -qq
  DEBIAN_FRONTEND=noninteractive "${sudo_command[@]}" apt-get install -y -qq "${missing[@]}" >/dev/null
else
  echo "setup: all system packages are present" >&2
fi

if ! command -v swift >/dev/null; then
  echo "setup: the Swift toolchain is missing; install Swift 6 from swift.org and run this again" >&2
  exit 1
fi

# The islp wheel from PyPI carries the tabular examples (credit default, insurance purchase, gene
# expression, bike rentals). The script extracts its CSV files only and runs none of its code.
# Without pip or PyPI the tabular tests skip themselves, so a failed download is a warning here.
if ! "$(dirname "$0")/fetch-islp-data.sh"; then
  echo "setup: warning: could not fetch the islp CSV files; tests that need them will be skipped" >&2
fi
