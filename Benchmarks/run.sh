#!/usr/bin/env bash
# Builds weightlab-bench in release, installs PyTorch if it is missing, and runs both systems
# interleaved (A B A B) on every configuration, printing each pair's figures and ratio.
#
# Usage: Benchmarks/run.sh [--seconds 2] [--pairs 2] [--threads 1,2] [--only TEXT] [--json FILE]
# Set WEIGHTLAB_BENCH_SCRATCH to build somewhere other than .build.
set -euo pipefail

repository="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cd "$repository"
scratch="${WEIGHTLAB_BENCH_SCRATCH:-$repository/.build}"

swift build -c release --scratch-path "$scratch" --product weightlab-bench >&2
bench="$(swift build -c release --scratch-path "$scratch" --show-bin-path)/weightlab-bench"

if ! python3 -c "import torch, numpy" 2>/dev/null; then
  echo "PyTorch or NumPy is missing: installing them with pip" >&2
  python3 -m pip install torch numpy >&2
fi

echo "machine: $(nproc) CPUs, $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
echo "OpenBLAS: $(dpkg-query -W -f '${Package} ${Version}' libopenblas0-pthread 2>/dev/null || echo unknown)"
echo "PyTorch: $(python3 -c 'import torch; print(torch.__version__)')"
echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset} OPENBLAS_L2_SIZE=${OPENBLAS_L2_SIZE:-unset}"
exec python3 Benchmarks/compare.py --bench "$bench" "$@"
