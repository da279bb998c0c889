#!/usr/bin/env python3
"""Differential fuzzing of the lowering: for each seed, genprog.py writes a
random program of cosm coroutines, and run_both.py builds it natively
(clang++-19 -std=c++20) and lowered (g++ and clang++-19 -std=c++17), runs all
three and compares their output. A failing seed's program and the reason are
kept in --keep.

  usage: run.py --cosm BIN --include DIR --lib LIB [--seeds A:B] [--jobs N]
                [--keep DIR] [--sanitize address,undefined]
Exit status 0 when every seed agrees; the last line is "N passed, N failed".
"""
import argparse
import concurrent.futures
import os
import shutil
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
RUN_BOTH = os.path.join(HERE, "..", "lit", "run_both.py")


def one(seed, a, work):
    src = os.path.join(work, "fuzz%d.cpp" % seed)
    with open(src, "w") as f:
        subprocess.run([sys.executable, os.path.join(HERE, "genprog.py"), str(seed)],
                       stdout=f, check=True)
    cmd = [sys.executable, RUN_BOTH, "--cosm", a.cosm, "--include", a.include,
           "--lib", a.lib, "--clangxx", a.clangxx, "--gxx", a.gxx,
           "--tmp", os.path.join(work, "fuzz%d" % seed), src]
    if a.sanitize:
        cmd += ["--sanitize", a.sanitize]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE)
    return seed, p.returncode, src, p.stderr.decode(errors="replace")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cosm", required=True)
    ap.add_argument("--include", required=True)
    ap.add_argument("--lib", required=True)
    ap.add_argument("--clangxx", default="clang++-19")
    ap.add_argument("--gxx", default="g++")
    ap.add_argument("--seeds", default="1:4", help="A:B, seeds A to B-1")
    ap.add_argument("--jobs", type=int, default=2)
    ap.add_argument("--keep", default=None, help="folder for failing programs")
    ap.add_argument("--sanitize", default="")
    a = ap.parse_args()
    lo, hi = (int(x) for x in a.seeds.split(":"))
    passed = failed = 0
    with tempfile.TemporaryDirectory(prefix="cosm-fuzz-") as work:
        with concurrent.futures.ThreadPoolExecutor(a.jobs) as pool:
            for seed, rc, src, err in pool.map(lambda s: one(s, a, work), range(lo, hi)):
                if rc == 0:
                    passed += 1
                    print("seed %d: native and lowered agree" % seed)
                    continue
                failed += 1
                print("seed %d: FAILED\n%s" % (seed, err[-4000:]))
                if a.keep:
                    os.makedirs(a.keep, exist_ok=True)
                    shutil.copy(src, a.keep)
    print("%d passed, %d failed" % (passed, failed))
    return 0 if failed == 0 else 1


if __name__ == "__main__":
    sys.exit(main())
