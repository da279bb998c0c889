#!/usr/bin/env bash
# Installs a cosm build to a temporary prefix, builds the consumer project
# beside this script against it (find_package(cosm) + cosm_lower()), runs it,
# and checks that editing a header the lowered source includes makes the
# build lower it again (the tool's depfile), while a no-op build does nothing.
#
#   usage: run.sh <cosm build dir>
set -euo pipefail

if [ $# -ne 1 ]; then
  echo "usage: $0 <cosm build dir>" >&2
  exit 2
fi
build=$(cd "$1" && pwd)
here=$(cd "$(dirname "$0")" && pwd)
work=$(mktemp -d "${TMPDIR:-/tmp}/cosm-install.XXXXXX")
trap 'rm -rf "$work"' EXIT

fail() {
  echo "FAIL: $*" >&2
  exit 1
}
# Runs a command quietly; shows its output if it fails.
quiet() {
  local log=$work/last.log
  "$@" >"$log" 2>&1 || { cat "$log" >&2; fail "$*"; }
}

prefix=$work/prefix
quiet cmake --install "$build" --prefix "$prefix"
[ -x "$prefix/bin/cosm" ] || fail "bin/cosm was not installed"
[ -f "$prefix/include/cosm/generator.hpp" ] || fail "headers were not installed"
config=$(find "$prefix" -name cosmConfig.cmake)
[ -n "$config" ] || fail "cosmConfig.cmake was not installed"

# A copy of the consumer, so that editing its header leaves the tree alone.
src=$work/src
mkdir "$src"
cp "$here/CMakeLists.txt" "$here/consumer.cpp" "$here/limits.hpp" "$src/"
out=$work/build
quiet cmake -S "$src" -B "$out" -G Ninja -DCMAKE_PREFIX_PATH="$prefix"
quiet cmake --build "$out"

lowered=$out/cosm/consumer.lowered.cpp
[ -f "$lowered" ] || fail "no lowered file at $lowered"
grep -q 'cosm_resume_1:' "$lowered" || fail "$lowered is not lowered"
grep -q 'limits.hpp' "$lowered.d" || fail "the depfile does not list limits.hpp"
# The lowered file, not the C++20 source, is what the target compiles.
grep -q 'consumer.dir/cosm/consumer.lowered.cpp.o' "$out/build.ninja" ||
  fail "the lowered file is not compiled"
if grep -q "consumer.dir/consumer.cpp.o" "$out/build.ninja"; then
  fail "the C++20 source is compiled too"
fi

result=$("$out/consumer")
[ "$result" = "lowered: 3 2 1" ] || fail "consumer printed '$result'"

# Up to date: nothing to do.
noop=$(ninja -C "$out" -n)
echo "$noop" | grep -q 'no work to do' || fail "a second build is not a no-op: $noop"

# Editing the header must re-run the lowering, not only the compile.
sleep 1 # coarse file systems: let the edit be newer than the outputs
sed -i 's/kStart = 3/kStart = 4/' "$src/limits.hpp"
explain=$(ninja -C "$out" -n -d explain 2>&1)
echo "$explain" | grep 'consumer.lowered.cpp' | grep -q 'limits.hpp' ||
  fail "editing limits.hpp does not re-lower consumer.cpp:
$explain"
rebuild=$(cmake --build "$out" 2>&1) || { echo "$rebuild" >&2; fail "rebuild"; }
echo "$rebuild" | grep -q 'Lowering consumer.cpp with cosm' ||
  fail "the rebuild did not lower consumer.cpp: $rebuild"
result=$("$out/consumer")
[ "$result" = "lowered: 4 3 2 1" ] || fail "after the edit, consumer printed '$result'"

echo "PASS: installed cosm, find_package + cosm_lower, depfile rebuilds"
