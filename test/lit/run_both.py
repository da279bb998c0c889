#!/usr/bin/env python3
"""Compiles one program natively (clang++-19 -std=c++20) and lowered by cosm
(g++ -std=c++17 and clang++-19 -std=c++17; the lowered file is also checked
as C++20), runs all three, and fails unless they print the same thing and
exit the same way. Prints that common output,
so a FileCheck over it checks all three at once."""
import argparse
import difflib
import os
import subprocess
import sys


def run(cmd, what, timeout=120):
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE, timeout=timeout)
    if p.returncode != 0:
        sys.stderr.write("%s failed (%d): %s\n%s%s" % (
            what, p.returncode, " ".join(cmd), p.stdout.decode(errors="replace"),
            p.stderr.decode(errors="replace")))
        sys.exit(1)
    return p


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--cosm", required=True)
    ap.add_argument("--include", required=True)
    ap.add_argument("--lib", required=True)
    ap.add_argument("--clangxx", required=True)
    ap.add_argument("--gxx", required=True)
    ap.add_argument("--tmp", required=True)
    ap.add_argument("--sanitize", default="")
    ap.add_argument("--stdin", default=None, help="file fed to each program")
    ap.add_argument("source")
    a = ap.parse_args()

    os.makedirs(os.path.dirname(a.tmp) or ".", exist_ok=True)
    # The lowered file lives elsewhere: the input's own folder stays on the
    # include path for its quoted includes.
    common = ["-Wall", "-Wextra", "-Werror", "-I" + a.include,
              "-I" + os.path.dirname(os.path.abspath(a.source)), "-pthread", "-g"]
    if a.sanitize:
        common += ["-fsanitize=" + a.sanitize, "-fno-omit-frame-pointer",
                   "-fno-sanitize-recover=all"]
    lib = [a.lib] if a.lib.endswith(".a") else []
    lowered = a.tmp + ".lowered.cpp"
    if os.path.exists(lowered):
        os.remove(lowered)
    run([a.cosm, a.source, "-o", lowered, "--", "-I" + a.include], "cosm")
    builds = [
        ("native clang++ -std=c++20", [a.clangxx, "-std=c++20"], a.source, a.tmp + ".native"),
        ("lowered g++ -std=c++17", [a.gxx, "-std=c++17"], lowered, a.tmp + ".gxx17"),
        ("lowered clang++ -std=c++17", [a.clangxx, "-std=c++17"], lowered, a.tmp + ".clang17"),
    ]
    # The lowered file must also be valid C++20 (a C++20 project may lower
    # some files and not others): warning-free, checked without linking.
    run([a.clangxx, "-std=c++20", "-fsyntax-only"] + common + [lowered],
        "compile (lowered clang++ -std=c++20)")
    results = []
    for name, cc, src, exe in builds:
        run(cc + common + [src, "-o", exe] + lib + ["-lstdc++"], "compile (%s)" % name)
        stdin = open(a.stdin, "rb") if a.stdin else subprocess.DEVNULL
        p = subprocess.run([exe], stdin=stdin, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=60)
        results.append((name, p.returncode, p.stdout.decode(errors="replace"),
                        p.stderr.decode(errors="replace")))
    ref = results[0]
    ok = True
    for r in results[1:]:
        if (r[1], r[2]) != (ref[1], ref[2]):
            ok = False
            sys.stderr.write("%s differs from %s (exit %d vs %d):\n" % (r[0], ref[0], r[1], ref[1]))
            sys.stderr.writelines(difflib.unified_diff(
                ref[2].splitlines(True), r[2].splitlines(True), ref[0], r[0]))
            sys.stderr.write(r[3])
    if ref[1] != 0:
        sys.stderr.write("the program exited with %d\n%s" % (ref[1], ref[3]))
        ok = False
    sys.stdout.write(ref[2])
    return 0 if ok else 1


if __name__ == "__main__":
    sys.exit(main())
