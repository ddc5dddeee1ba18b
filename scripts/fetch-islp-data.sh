#!/usr/bin/env bash
# Fetches the CSV data sets of the book "An Introduction to Statistical Learning with Python"
# (Default, Caravan, Bikeshare, Khan and the others) from the PyPI wheel `islp` into data/islp/.
# Nothing from the wheel runs: pip only downloads it, and only its CSV files are unpacked.
#
# Usage: scripts/fetch-islp-data.sh [destination]   (default: data/islp)
# Environment: ISLP_VERSION selects the wheel version (default 0.6.0).
set -euo pipefail
cd "$(dirname "$0")/.."

destination=${1:-data/islp}
version=${ISLP_VERSION:-0.6.0}
# The files the examples and tests use. The wheel contains more CSV files, and all are unpacked.
expected=(Default.csv Caravan.csv Bikeshare.csv Khan_xtrain.csv Khan_ytrain.csv Khan_xtest.csv Khan_ytest.csv)

missing=0
for name in "${expected[@]}"; do
  [[ -s "$destination/$name" ]] || missing=1
done
if ((missing == 0)); then
  echo "fetch-islp-data: $destination already contains ${expected[*]}; skipping the download" >&2
  exit 0
fi

workdir=$(mktemp -d)
trap 'rm -rf "$workdir"' EXIT

# --only-binary=:all: makes pip reject a source distribution, whose build step would run the
# package's own Python code. A wheel is a zip archive that pip only downloads here.
echo "fetch-islp-data: downloading islp $version from PyPI" >&2
pip download --quiet --no-deps --only-binary=:all: "islp==$version" -d "$workdir/wheel"
wheel=$(find "$workdir/wheel" -name 'islp-*.whl' | head -n 1)
if [[ -z "$wheel" ]]; then
  echo "fetch-islp-data: pip reported success but left no islp wheel in $workdir/wheel" >&2
  exit 1
fi

# The data files live in ISLP/data/ inside the wheel.
mkdir -p "$workdir/csv"
if command -v unzip >/dev/null; then
  unzip -q -j -o "$wheel" 'ISLP/data/*.csv' -d "$workdir/csv"
elif command -v bsdtar >/dev/null; then
  bsdtar -x -f "$wheel" -C "$workdir/csv" --strip-components 2 'ISLP/data/*.csv'
elif command -v python3 >/dev/null; then
  # The standard library's zipfile module unpacks the archive; no file from it is imported or run.
  python3 -m zipfile -e "$wheel" "$workdir/unpacked"
  cp "$workdir/unpacked"/ISLP/data/*.csv "$workdir/csv/"
else
  echo "fetch-islp-data: unzip, bsdtar or python3 is needed to unpack the wheel; install one (apt-get install unzip)" >&2
  exit 1
fi

for name in "${expected[@]}"; do
  if [[ ! -s "$workdir/csv/$name" ]]; then
    echo "fetch-islp-data: $name is not in $(basename "$wheel"); the wheel's layout changed, so check ISLP_VERSION" >&2
    exit 1
  fi
done

mkdir -p "$destination"
mv -f "$workdir"/csv/*.csv "$destination/"
echo "fetch-islp-data: unpacked from $(basename "$wheel") into $destination:"
for file in "$destination"/*.csv; do
  printf '  %-22s %9d bytes %6d lines\n' "$(basename "$file")" "$(wc -c <"$file")" "$(wc -l <"$file")"
done
