#!/usr/bin/env bash
# Quick start: build cosm, lower one example, show the lowered C++17, compile
# it with g++ -std=c++17 (no coroutine support needed) and run it.
#   usage: bash docs/examples/lower-and-run.sh [example]   (default: countdown)
set -euo pipefail
root=$(cd "$(dirname "$0")/../.." && pwd)
. "$root/.ci/install-deps.sh"
cosm_install_deps

name=${1:-countdown}
src="$root/docs/examples/$name.cpp"
[ -f "$src" ] || { echo "no example '$name' in docs/examples" >&2; exit 1; }
cmake -S "$root" -B "$root/build" -G Ninja -DCMAKE_BUILD_TYPE=RelWithDebInfo >/dev/null
cmake --build "$root/build" --target cosm cosm_runtime -j 2

out="$root/build/examples"
mkdir -p "$out"
"$root/build/tool/cosm" "$src" -o "$out/$name.lowered.cpp"
echo "==== $name.cpp lowered by cosm ($out/$name.lowered.cpp)"
cat "$out/$name.lowered.cpp"
lib=$(find "$root/build/runtime" -maxdepth 1 -name 'libcosm.a' | head -n 1)
g++ -std=c++17 -Wall -Wextra -I"$root/runtime/include" "$out/$name.lowered.cpp" \
  $lib -pthread -o "$out/$name"
echo "==== running the lowered program (g++ -std=c++17)"
"$out/$name"
