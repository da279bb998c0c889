#!/usr/bin/env python3
"""Prints the table of docs/benchmarks.md from cosm_bench JSON outputs.

    report.py <label>=<cosm_bench --benchmark_out JSON> ...

Each JSON holds the aggregates (--benchmark_report_aggregates_only) of one
cosm_bench executable (one compiler). Every number is the median over the
repetitions of the CPU time per item (1e9 / items_per_second); a ratio divides
two numbers from the same executable and the same run.
"""

import json
import sys

# Row order, and the variants of a row in column order.
GROUPS = ["gen.countdown", "gen.send", "gen.yield_from",
          "task.switch", "task.await", "timer.fire"]
BASELINES = ["hand", "bare"]  # the first present is the row's baseline
VARIANTS = ["minimal", "machine", "native", "lowered"]
# The numeric targets: (group, arg, variant, max ratio to baseline).
TARGETS = [("gen.countdown", "1000", "lowered", 1.1)]


def load(path):
    with open(path) as f:
        data = json.load(f)
    medians, cvs = {}, {}
    for b in data["benchmarks"]:
        if b.get("run_type") != "aggregate":
            continue
        parts = b["run_name"].split("/")
        group, variant = parts[0], parts[1]
        arg = "/".join(parts[2:])
        key = (group, arg, variant)
        if b["aggregate_name"] == "median":
            medians[key] = 1e9 / b["items_per_second"]
        elif b["aggregate_name"] == "cv":
            cvs[key] = b["cpu_time"]
    return data["context"], medians, cvs


def fmt_ns(ns):
    if ns >= 100:
        return f"{ns:.0f}"
    if ns >= 10:
        return f"{ns:.1f}"
    return f"{ns:.2f}"


def main(argv):
    if not argv:
        print(__doc__, file=sys.stderr)
        return 2
    runs = []
    for arg in argv:
        label, _, path = arg.partition("=")
        runs.append((label, *load(path)))

    rows = []
    header = ["benchmark", "compiler", "baseline ns/item", "minimal",
              "machine", "native", "lowered", "lowered/native", "max cv"]
    for group in GROUPS:
        args = []
        for _, _, medians, _ in runs:
            for (g, a, _) in medians:
                if g == group and a not in args:
                    args.append(a)
        args.sort(key=lambda a: [int(x) if x.isdigit() else x
                                 for x in a.split("/")])
        for a in args:
            name = f"{group}/{a}" if a else group
            for label, _, medians, cvs in runs:
                base_name = next((b for b in BASELINES
                                  if (group, a, b) in medians), None)
                if base_name is None:
                    continue
                base = medians[(group, a, base_name)]
                cells = [name, label, f"{base_name} {fmt_ns(base)}"]
                for v in VARIANTS:
                    ns = medians.get((group, a, v))
                    cells.append("" if ns is None else
                                 f"{fmt_ns(ns)} ({ns / base:.2f}x)")
                nat = medians.get((group, a, "native"))
                low = medians.get((group, a, "lowered"))
                cells.append(f"{low / nat:.2f}" if nat and low else "")
                cv = [cvs[k] for k in cvs if k[0] == group and k[1] == a]
                cells.append(f"{100 * max(cv):.0f}%" if cv else "")
                rows.append(cells)

    widths = [max(len(r[i]) for r in [header] + rows)
              for i in range(len(header))]

    def line(cells):
        return "| " + " | ".join(c.ljust(w) for c, w in
                                 zip(cells, widths)) + " |"

    print("CPU time per item, median of the repetitions; (Nx) = ratio to the")
    print("baseline measured in the same executable, same run.")
    print()
    print(line(header))
    print("|" + "|".join("-" * (w + 2) for w in widths) + "|")
    for r in rows:
        print(line(r))
    print()
    for label, context, medians, _ in runs:
        load_avg = ", ".join(f"{x:.1f}" for x in context.get("load_avg", []))
        print(f"{label}: {context.get('num_cpus')} CPUs at "
              f"{context.get('mhz_per_cpu')} MHz, load average at start "
              f"{load_avg}, {context.get('date')}")
    print()
    print("Targets:")
    for group, a, variant, limit in TARGETS:
        for label, _, medians, _ in runs:
            base_name = next((b for b in BASELINES
                              if (group, a, b) in medians), None)
            ns = medians.get((group, a, variant))
            if base_name is None or ns is None:
                continue
            ratio = ns / medians[(group, a, base_name)]
            verdict = "met" if ratio <= limit else "NOT met"
            print(f"  {group}/{a} {variant} <= {limit}x {base_name} "
                  f"({label}): {ratio:.2f}x, {verdict}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
