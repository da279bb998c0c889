#!/usr/bin/env bash
# Installs what cosm needs on Debian 12, skipping what is already there.
# Sourced by .ci/run and docs/examples/lower-and-run.sh.
cosm_install_deps() {
  local pkgs="clang-19 llvm-19-dev libclang-19-dev llvm-19-tools libfmt-dev cmake
    ninja-build g++ libgtest-dev libgmock-dev libbenchmark-dev python3 graphviz
    libclang-rt-19-dev"
  local missing=""
  for p in $pkgs; do
    dpkg -s "$p" >/dev/null 2>&1 || missing="$missing $p"
  done
  [ -z "$missing" ] && return 0
  local sudo=""
  [ "$(id -u)" = 0 ] || sudo="sudo"
  echo "cosm: installing$missing"
  $sudo apt-get update -q
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -q --no-install-recommends $missing
}
