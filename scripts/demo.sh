#!/usr/bin/env bash
# Installs what is missing, builds WeightLab in release mode and runs the main job: a comparison
# of four initializers and three regularizers on Fashion-MNIST. Extra arguments go to
# `weightlab compare` and override the defaults below.
set -euo pipefail
cd "$(dirname "$0")/.."
# Set-up and build logs go to standard error, so standard output holds only the results table.
scripts/setup.sh >&2
swift build -c release --product weightlab >&2
.build/release/weightlab compare --data fashion-mnist \
  --init zeros,normal:std=0.01,xavier-uniform,he-normal \
  --reg none,l1:1e-5,l2:1e-4 \
  --seeds 1 --epochs 3 "$@"
