#!/usr/bin/env bash
# Installs what is missing, builds WeightLab in release mode and runs the main job: a comparison
# of four initializers and three regularizers on Fashion-MNIST. Extra arguments go to
# `weightlab compare` and override the defaults below.
set -euo pipefail
cd "$(dirname "$0")/.."
scripts/setup.sh
swift build -c release --product weightlab
mkdir -p out
.build/release/weightlab compare --data fashion-mnist \
  --init zeros,normal:std=0.01,xavier-uniform,he-normal \
  --reg none,l1:1e-4,l2:1e-4 \
  --seeds 1 --epochs 3 "$@"
