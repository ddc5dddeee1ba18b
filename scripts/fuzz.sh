#!/usr/bin/env bash
# Builds the libFuzzer harnesses in Fuzz/ with AddressSanitizer and runs them against the
# committed corpora. SwiftPM cannot add -sanitize=fuzzer without unsafeFlags, so swiftc builds
# each library module and harness directly into .build/fuzz/.
#
# Usage:
#   scripts/fuzz.sh [NAME|all] [SECONDS]   build, then run each fuzzer for SECONDS (default 60)
#   scripts/fuzz.sh --build [NAME|all]     build only
#   scripts/fuzz.sh --merge [NAME|all]     reduce the committed corpus plus the working corpus
#                                          into a fresh committed corpus (-set_cover_merge=1)
#   scripts/fuzz.sh --replay NAME FILE...  run the harness once on each FILE, such as a crash
#   FUZZ_SKIP_BUILD=1 scripts/fuzz.sh ...  use the binaries already built, without rebuilding
#
# Harnesses: idx, csv, spec, cli, model. Crashes go to .build/fuzz/crashes/NAME/, logs to
# .build/fuzz/logs/NAME.log, and new inputs to the working corpus .build/fuzz/corpus/NAME/, so the
# committed corpus in Fuzz/corpus/NAME/ changes only through --merge.
set -euo pipefail
cd "$(dirname "$0")/.."

readonly ALL_HARNESSES=(idx csv spec cli model)
readonly OUT=.build/fuzz
readonly MODULES="$OUT/modules"
readonly OBJECTS="$OUT/objects"
readonly BIN="$OUT/bin"

# Inputs longer than this are not generated. Each limit is a few times the largest seed, so the
# fuzzer explores structure instead of spending time on long inputs.
max_len() {
  case "$1" in
    idx) echo 16384 ;;
    csv) echo 4096 ;;
    spec) echo 256 ;;
    cli) echo 1024 ;;
    model) echo 8192 ;;
  esac
}

# The library modules each harness links, in dependency order.
modules_for() {
  case "$1" in
    idx | csv) echo "WeightLabCore WeightLabData" ;;
    spec) echo "WeightLabCore WeightLab" ;;
    cli | model) echo "WeightLabCore WeightLab WeightLabData WeightLabExperiments" ;;
  esac
}

check_toolchain() {
  local runtime
  runtime=$(find "$(dirname "$(command -v swiftc)")/../lib/clang" -name 'libclang_rt.fuzzer-*.a' 2>/dev/null | head -1)
  if [[ -z "$runtime" ]]; then
    echo "error: the Swift toolchain has no libclang_rt.fuzzer runtime, so -sanitize=fuzzer cannot link." >&2
    echo "Install a Swift toolchain for Linux from swift.org, which ships it." >&2
    exit 1
  fi
}

# Flags shared by every compilation: optimized, with debug info for readable reports, and
# instrumented for coverage (fuzzer) and memory errors (address).
readonly SWIFT_FLAGS=(-swift-version 6 -O -g -sanitize=fuzzer,address -parse-as-library)
C_MODULE_FLAGS=(-I Sources/COpenBLAS -I Sources/CZlib -I Sources/CSQLite)
for flag in $(pkg-config --cflags openblas); do C_MODULE_FLAGS+=(-Xcc "$flag"); done
readonly LINK_FLAGS=($(pkg-config --libs-only-L openblas))

# Builds one library module into an object file and a .swiftmodule, unless both are newer than
# its sources and the modules it imports.
build_module() {
  local module=$1
  shift
  local object="$OBJECTS/$module.o"
  local sources
  mapfile -t sources < <(find "Sources/$module" -name '*.swift' | sort)
  local stale=0
  if [[ ! -f "$object" ]]; then
    stale=1
  else
    for file in "${sources[@]}" "$@"; do
      if [[ "$file" -nt "$object" ]]; then stale=1; fi
    done
    # A deleted or added source file changes the list.
    if [[ "$(printf '%s\n' "${sources[@]}")" != "$(cat "$OBJECTS/$module.sources" 2>/dev/null)" ]]; then
      stale=1
    fi
  fi
  if ((stale == 0)); then return; fi

  echo "building $module (${#sources[@]} files)" >&2
  swiftc "${SWIFT_FLAGS[@]}" -module-name "$module" -whole-module-optimization \
    -emit-module -emit-module-path "$MODULES/$module.swiftmodule" \
    -I "$MODULES" "${C_MODULE_FLAGS[@]}" \
    -c "${sources[@]}" -o "$object"
  printf '%s\n' "${sources[@]}" >"$OBJECTS/$module.sources"
}

# Builds one harness while holding a lock, so that two runs started together do not write the
# same module object at once.
build_harness() {
  (
    flock 9
    build_harness_unlocked "$1"
  ) 9>"$OUT/build.lock"
}

build_harness_unlocked() {
  local name=$1
  local objects=() dependencies=()
  for module in $(modules_for "$name"); do
    build_module "$module" "${dependencies[@]}"
    dependencies+=("$OBJECTS/$module.o")
    objects+=("$OBJECTS/$module.o")
  done

  local sources
  mapfile -t sources < <(find "Fuzz/$name" -name '*.swift' | sort)
  if [[ "$name" == cli ]]; then
    # The executable target cannot be imported, so its sources compile into the harness.
    # main.swift is left out because the harness supplies libFuzzer's entry point.
    mapfile -t -O "${#sources[@]}" sources < <(find Sources/weightlab -name '*.swift' ! -name main.swift | sort)
  fi
  echo "building fuzzer $name" >&2
  swiftc "${SWIFT_FLAGS[@]}" -module-name "Fuzz_$name" \
    -I "$MODULES" "${C_MODULE_FLAGS[@]}" "${LINK_FLAGS[@]}" \
    "${sources[@]}" "${objects[@]}" -o "$BIN/$name" 2> >(grep -v 'Cannot export local symbol' >&2)
}

# Runs one fuzzer for `seconds` and prints the figures from libFuzzer's final statistics.
run_harness() {
  local name=$1 seconds=$2
  local working="$OUT/corpus/$name" crashes="$OUT/crashes/$name" log="$OUT/logs/$name.log"
  mkdir -p "$working" "$crashes" "$OUT/logs" "Fuzz/corpus/$name"
  local options=(
    -max_total_time="$seconds" -rss_limit_mb=2048 -malloc_limit_mb=256 -timeout=10
    -max_len="$(max_len "$name")" -print_final_stats=1 -artifact_prefix="$crashes/"
    -close_fd_mask=1
  )
  if [[ -f "Fuzz/dictionaries/$name.dict" ]]; then options+=(-dict="Fuzz/dictionaries/$name.dict"); fi

  echo "running $name for $seconds s (log: $log)" >&2
  local status=0
  # The Swift runtime's own backtracer would take many seconds per crash; libFuzzer and ASan report instead.
  SWIFT_BACKTRACE=enable=no "$BIN/$name" "${options[@]}" "$working" "Fuzz/corpus/$name" >"$log" 2>&1 || status=$?
  summarize "$name" "$log" "$status"
  return "$status"
}

summarize() {
  local name=$1 log=$2 status=$3
  local executions rate final crashes
  executions=$(sed -n 's/^stat::number_of_executed_units: *//p' "$log")
  rate=$(sed -n 's/^stat::average_exec_per_sec: *//p' "$log")
  final=$(grep -E '^#[0-9]+' "$log" | tail -1 | grep -oE 'cov: [0-9]+ ft: [0-9]+ corp: [0-9]+/[0-9]+[a-zA-Z]*' || true)
  crashes=$(find "$OUT/crashes/$name" -type f | wc -l)
  printf '%-6s status %d  executions %s  exec/s %s  %s  committed corpus %d files  crash files %d\n' \
    "$name" "$status" "${executions:-?}" "${rate:-?}" "${final:-?}" \
    "$(find "Fuzz/corpus/$name" -type f | wc -l)" "$crashes"
}

# Replaces the committed corpus with a small set of inputs from it and the working corpus that
# keeps all of their coverage features. libFuzzer's -set_cover_merge picks a greedy set cover,
# which keeps fewer files than -merge=1, which keeps an input for each feature it adds in turn.
merge_corpus() {
  local name=$1
  local fresh="$OUT/merged/$name"
  rm -rf "$fresh"
  mkdir -p "$fresh" "$OUT/corpus/$name" "Fuzz/corpus/$name"
  SWIFT_BACKTRACE=enable=no "$BIN/$name" -set_cover_merge=1 -max_len="$(max_len "$name")" -rss_limit_mb=2048 \
    -malloc_limit_mb=256 -close_fd_mask=1 "$fresh" "Fuzz/corpus/$name" "$OUT/corpus/$name" \
    >"$OUT/logs/$name.merge.log" 2>&1
  rm -rf "Fuzz/corpus/$name"
  mv "$fresh" "Fuzz/corpus/$name"
  echo "$name: committed corpus now $(find "Fuzz/corpus/$name" -type f | wc -l) files" >&2
}

select_harnesses() {
  if [[ "${1:-all}" == all ]]; then
    echo "${ALL_HARNESSES[@]}"
  elif [[ " ${ALL_HARNESSES[*]} " == *" $1 "* ]]; then
    echo "$1"
  else
    echo "error: unknown fuzzer '$1'; valid names: ${ALL_HARNESSES[*]}, all" >&2
    exit 64
  fi
}

check_toolchain
# Leak reports from the toolchain's own libraries are suppressed. The file lists them with the reason.
export LSAN_OPTIONS="suppressions=$PWD/Fuzz/lsan-suppressions.txt"
mkdir -p "$MODULES" "$OBJECTS" "$BIN"
case "${1:-all}" in
  --build)
    for name in $(select_harnesses "${2:-all}"); do build_harness "$name"; done
    ;;
  --merge)
    for name in $(select_harnesses "${2:-all}"); do
      if [[ "${FUZZ_SKIP_BUILD:-0}" != 1 ]]; then build_harness "$name"; fi
      merge_corpus "$name"
    done
    ;;
  --replay)
    name=$(select_harnesses "${2:?--replay needs a fuzzer name}")
    shift 2
    if [[ "${FUZZ_SKIP_BUILD:-0}" != 1 ]]; then build_harness "$name"; fi
    SWIFT_BACKTRACE=enable=no "$BIN/$name" -rss_limit_mb=2048 -malloc_limit_mb=256 "$@"
    ;;
  *)
    names=$(select_harnesses "${1:-all}")
    seconds=${2:-60}
    # FUZZ_SKIP_BUILD=1 runs the binaries already in .build/fuzz/bin, for example while other
    # work changes the sources during a long campaign.
    if [[ "${FUZZ_SKIP_BUILD:-0}" != 1 ]]; then
      for name in $names; do build_harness "$name"; done
    fi
    failed=0
    for name in $names; do run_harness "$name" "$seconds" || failed=1; done
    exit "$failed"
    ;;
esac
