#!/usr/bin/env bash
# Builds and runs cosm's benchmarks (docs/benchmarks.md) in one go and prints
# the table of ratios.
#
#   usage: test/bench/run.sh [build-root] [-- <extra cosm_bench flags>]
#
# Builds cosm_bench twice, standalone from test/bench (Release, Ninja):
#   <build-root>/gcc    with g++ (also builds the cosm tool)
#   <build-root>/clang  with clang++-19 (reuses that tool)
# Each executable holds the baselines, the native (C++20) and the lowered
# (C++17) variants compiled by that compiler. Both are then run, one after the
# other, with 5 repetitions in random interleaving, and report.py prints the
# medians and ratios. Each ratio compares two numbers of the same executable
# and run; absolute numbers only mean something on a quiet machine.
#
# Environment: CXX_GCC, CXX_CLANG (compilers; an empty one is skipped),
# COSM_EXECUTABLE (a cosm tool built elsewhere: skip building it),
# JOBS (parallel compile jobs, default 2), REPETITIONS (default 5),
# MIN_TIME (seconds per repetition, default 0.5).
set -euo pipefail

here=$(cd "$(dirname "$0")" && pwd)
repo=$(cd "$here/../.." && pwd)

root=${TMPDIR:-/tmp}/cosm-bench
if [ $# -gt 0 ] && [ "$1" != "--" ]; then
  root=$1
  shift
fi
if [ $# -gt 0 ] && [ "$1" = "--" ]; then
  shift
fi
extra=("$@")

cxx_gcc=${CXX_GCC-g++}
cxx_clang=${CXX_CLANG-clang++-19}
jobs=${JOBS:-2}
repetitions=${REPETITIONS:-5}
min_time=${MIN_TIME:-0.5}
tool=${COSM_EXECUTABLE:-}

mkdir -p "$root"
root=$(cd "$root" && pwd)

log() { echo "== $*" >&2; }

# build <name> <compiler> [cmake args...]: configure and build cosm_bench
build() {
  local name=$1 cxx=$2
  shift 2
  log "building cosm_bench with $cxx in $root/$name"
  cmake -S "$here" -B "$root/$name" -G Ninja -DCMAKE_BUILD_TYPE=Release \
    -DCOSM_SOURCE_DIR="$repo" -DCMAKE_CXX_COMPILER="$cxx" "$@" >"$root/$name.configure.log" 2>&1 ||
    { cat "$root/$name.configure.log" >&2; exit 1; }
  ninja -C "$root/$name" -j"$jobs" cosm_bench >&2
}

labels=()
names=()
if [ -n "$cxx_gcc" ]; then
  if [ -n "$tool" ]; then
    build gcc "$cxx_gcc" -DCOSM_EXECUTABLE="$tool"
  else
    build gcc "$cxx_gcc" -DCOSM_EXECUTABLE=
    tool=$root/gcc/cosm/tool/cosm
  fi
  labels+=("$("$cxx_gcc" -dumpfullversion | sed 's/^/g++ /')")
  names+=(gcc)
fi
if [ -n "$cxx_clang" ]; then
  if [ -n "$tool" ]; then
    build clang "$cxx_clang" -DCOSM_EXECUTABLE="$tool"
  else
    build clang "$cxx_clang" -DCOSM_EXECUTABLE=
  fi
  labels+=("$("$cxx_clang" --version | sed -n '1s/.*clang version \([0-9.]*\).*/clang++ \1/p')")
  names+=(clang)
fi

reports=()
for i in "${!names[@]}"; do
  name=${names[$i]}
  log "running $root/$name/cosm_bench (${labels[$i]})"
  "$root/$name/cosm_bench" \
    --benchmark_repetitions="$repetitions" \
    --benchmark_report_aggregates_only=true \
    --benchmark_enable_random_interleaving=true \
    --benchmark_min_time="$min_time" \
    --benchmark_out="$root/$name.json" --benchmark_out_format=json \
    "${extra[@]}" >"$root/$name.txt" 2>&1 ||
    { cat "$root/$name.txt" >&2; exit 1; }
  reports+=("${labels[$i]}=$root/$name.json")
done

echo "cosm: $(git -C "$repo" describe --always --dirty 2>/dev/null || echo unknown)"
echo "nproc: $(nproc); CPU: $(sed -n 's/^model name[[:space:]]*: //p' /proc/cpuinfo | head -1)"
echo
python3 "$here/report.py" "${reports[@]}"
