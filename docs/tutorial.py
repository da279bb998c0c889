#!/usr/bin/env python3
"""Generates docs/tutorial.md and docs/tutorial/*.svg from the real cosm tool:
the async-Python tutorial's lessons, each with its program of docs/examples/,
the lowered code, state graph and frame layout, and what the program prints.
The result is byte-for-byte the same on every run; --check DIR then compares
it with DIR's copy and fails on a difference, so the committed one stays fresh.

  docs/tutorial.py --cosm build/tool/cosm --include runtime/include \\
      --lib build/runtime/libcosm.a [--out docs] [--check docs]
"""
import argparse
import concurrent.futures
import difflib
import os
import re
import subprocess
import sys
import tempfile

HERE = os.path.dirname(os.path.abspath(__file__))
EXAMPLES = os.path.join(HERE, "examples")
SHORT = 50  # examples up to this many lines are shown whole

# The parts of the tutorial, by the lesson each starts with.
PARTS = {
    "countdown": "Generators",
    "finder": "Coroutines: send, priming, close, throw, result",
    "delegation": "Delegation: yield from",
    "greet": "Native coroutines: tasks and await",
    "two_phases": "The event loop",
    "count": "Synchronous and asynchronous",
    "echo": "Sockets",
}

# (example, coroutines to show, classes to show, explanation)
LESSONS = [
    ("countdown", ["countdown"], [], """
Calling a Python generator function builds a generator object, suspended before the
first line of its body. The lowered `countdown()` does just that:
`make_generator<countdown_frame>(n)` allocates the frame, copies `n` into it, and
does not call `resume()`. Each `next()` calls `resume()`; the `switch` on
`cosm_state` jumps back to `cosm_resume_1`, just after the `co_yield`, which became
`cosm_yield(n); cosm_state = 1; return;`. When `resume()` returns without
suspending, the generator is finished and `next()` gives `nullopt`, cosm's
`StopIteration`."""),
    ("finder", ["finder"], [], """
PEP 342 made `yield` an expression, so a generator can consume what `send()` passes
in. Here the value of `co_yield {}` is `cosm_sent()`, read right after the resume
label: a `std::optional` that is empty after a plain `next()` (Python's
`send(None)`). A `send()` before the first `next()` fails, since no `co_yield` is
waiting for the value yet: that first `next()` is the priming. `close()` resumes the
frame with `generator_exit` thrown by `cosm_resumed()`; as the `try` holds the
suspend point, the dispatch enters it through `cosm_enter_1` and a second `switch`,
so the body's own handler runs."""),
    ("catcher", ["catcher"], [], """
`throw_()` raises an exception where the generator is suspended. In the lowered code
that place is `cosm_resumed()` after `cosm_resume_1`: it rethrows the stored
exception inside the `try`, the body's handler catches it, and the loop runs on to
the next `co_yield`, whose value `throw_()` returns. `n` lives across the suspend
point, so it is a member of the frame (`int n; // line 9`), no longer a local."""),
    ("stubborn", ["stubborn"], [], """
A generator that answers `close()` by yielding again is broken: Python raises
`RuntimeError`, cosm's `close()` throws `generator_error`. C++ cannot suspend inside
a `catch` handler, so the handler sets a flag and the body yields after it:
`close()` resumes the frame at suspend point 1, and instead of finishing it stops
again at suspend point 2 (`cosm_state = 2`), which the runtime reports."""),
    ("returner", ["returner"], [], """
A generator can also return a value, which Python hands over as
`StopIteration.value`. The third template argument of `cosm::generator<int, void,
std::string>` is its type; `co_return "result";` becomes `cosm_return("result");
return;`, and the caller reads the value with `result()` once `next()` has returned
`nullopt`."""),
    ("delegation", ["inner", "outer"], [], """
`yield from` is more than a loop that re-yields: while the sub-generator runs, every
`next`, `send` and `throw` goes straight through to it, and the expression's value
is what the sub-generator returns. `co_yield cosm::from(inner())` keeps a
`cosm::from_t` in the frame (`cosm_from_1`) and becomes `if
(cosm_yield_from(cosm_from_1)) { cosm_state = 2; return; }`: `outer` stays at
suspend point 2 as long as `inner` yields, and `cosm_from_1.result()` is `inner`'s
`co_return` value. In `inner`, `got` has a destructor and lives across a suspend
point: it sits in a union, is built with placement new and destroyed by a
`local_guard`."""),
    ("greet", ["greet", "async_main"], [], """
A Python `async def` returns a coroutine object that something else has to drive,
and so does a function returning `cosm::task`: `greet()` only builds the frame.
`cosm::run` drives it to the end (the seed's own `run()` sends `None` and catches
`StopIteration`); `co_return` becomes `cosm_return(...); return cosm_final();`. In
`async_main`, each `co_await greet(...)` keeps an awaiter in the frame, asks
`await_ready()`, suspends through `cosm_await_suspend()` and, after the resume
label, gets the value from `await_resume()`. `resume()` returns the next frame to
run, so a chain of awaits does not grow the stack."""),
    ("fib", ["fib"], [], """
Awaits recurse: each `fib` awaits two smaller ones, and both awaits are operands of
the same `+`. The lowered code keeps the first result in the frame (`cosm_tmp_1`)
while it suspends at the second. `cosm::gather` in `async_main` runs several tasks
at once and gives their results in argument order, like `asyncio.gather`."""),
    ("await_anywhere", ["keyed"], [], """
`co_await` can go almost anywhere an expression can. In `keyed` both the map key and
the assigned value are awaits; C++17 evaluates the right side of `=` first, so the
lowered code awaits `fib(10)`, keeps its value in `cosm_tmp_1`, then awaits
`greet("key")` and indexes the map. The state graph of `async_main` shows the other
places: the `while` condition looping on itself, the `&&`, `||` and `?:` edges that
skip an await, and the `try` whose handler can be reached without suspending."""),
    ("methods", ["deposit", "open"], ["account"], """
Coroutines can be methods. The frame of an instance method stores the object as
`self` (a `const account *` for a const method) and the body reaches the members
through it; a static method's frame has no `self`. The class only declares the
frames; they are defined after it, where the class is complete. `co_return a;` moves
the local out, as C++20 does natively."""),
    ("two_phases", ["outer"], [], """
`cosm::run` is the event loop: it resumes the frames that are ready and waits for
the next timer or socket when none is. `outer` simply awaits its two phases in
order; `r1` is needed after the second await, so it is a frame member. When two
`outer`s are gathered, each `co_await cosm::sleep` returns to the loop, which runs
the other task meanwhile: the phases of A and B interleave, each task keeping its
own order."""),
    ("count", ["count", "count_concurrently"], [], """
A blocking sleep holds the only thread, so three synchronous counts take three
waits. `co_await cosm::sleep(...)` instead suspends the frame at state 1 and returns
to the loop, which starts the next count meanwhile: all the Ones, then all the Twos,
in about one wait. The timings vary between runs, so the program prints only facts
about them."""),
    ("chess", ["move", "play"], ["master"], """
The exhibition match: one master against 24 boards, on the loop's virtual clock, so
that twelve simulated hours take milliseconds. The master is an object whose
`move()` awaits a sleep that starts when she is free; `play` alternates her move and
the opponent's reply 30 times. Gathering the 24 games lets the loop walk from board
to board while the opponents think: about one hour instead of twelve."""),
    ("echo", ["serve"], [], """
The loop also waits for sockets: `co_await conn.read_some(...)` suspends until epoll
reports data, and meanwhile the other tasks run. Each accepted connection is served
by its own task, started with `cosm::spawn` (`asyncio.create_task`). `serve`'s frame
holds the connection, the buffer and the counts, which live across its two suspend
points."""),
]


def run(cmd, **kw):
    r = subprocess.run(cmd, capture_output=True, text=True, **kw)
    if r.returncode:
        sys.exit("tutorial.py: exit status %d from %s\n%s%s"
                 % (r.returncode, " ".join(cmd), r.stdout, r.stderr))
    return r.stdout


def one(lines, test, what):
    """The index of the only line for which test(line) holds."""
    found = [i for i, line in enumerate(lines) if test(line)]
    if len(found) != 1:
        sys.exit("tutorial.py: expected one %s, found %d" % (what, len(found)))
    return found[0]


def block_end(lines, i):
    """The last line of the definition starting at lines[i]: the next line
    that starts with '}' at the same indentation, or i for a one-liner."""
    if "{" in lines[i] and lines[i].count("{") == lines[i].count("}"):
        return i
    close = lines[i][:len(lines[i]) - len(lines[i].lstrip())] + "}"
    return next(j for j in range(i + 1, len(lines)) if lines[j].startswith(close))


def class_block(lines, name):
    i = one(lines, lambda l: l.startswith("class %s " % name), "class " + name)
    return i, block_end(lines, i)


def join(lines, parts):
    """The (first, last) line ranges, with `// ...` where lines were skipped."""
    out = "\n".join(lines[parts[0][0]:parts[0][1] + 1])
    for (_, end), (first, last) in zip(parts, parts[1:]):
        skipped = first <= end or any(lines[end + 1:first])
        out += ("\n\n// ...\n\n" if skipped else "\n\n") + "\n".join(lines[first:last + 1])
    return out


def source_parts(lines, starts, classes):
    """The classes and the coroutines starting at `starts`, with their comments."""
    parts = []
    for i in sorted(starts + [class_block(lines, c)[0] for c in classes]):
        if parts and i <= parts[-1][1]:
            continue  # a method of a class already shown
        first = i
        while first and lines[first - 1].lstrip().startswith("//"):
            first -= 1
        parts.append((first, block_end(lines, i)))
    return join(lines, parts)


def lowered_parts(lines, coroutines, classes):
    """Per coroutine: the frame struct (from cosm's "The frame of" comment),
    the function that creates the frame, and resume(); not the destructor."""
    parts = [class_block(lines, c) for c in classes]
    for name in coroutines:
        i = one(lines, lambda l: l.startswith("// The frame of `%s`" % name),
                "frame of " + name)
        end = lines.index("};", i)
        ramp = next(j for j in range(end + 1, len(lines)) if lines[j])
        r = one(lines, lambda l: re.search(r"(^|[ :])%s_frame::resume\(\) {$" % name, l),
                "resume() of " + name)
        while not lines[r].startswith("inline"):
            r -= 1  # clang-format wrapped the signature
        parts += [(i, end), (ramp, block_end(lines, ramp)), (r, block_end(lines, r))]
    return join(lines, parts)


def layout_parts(text, coroutines):
    """The layout's header and the blocks of the given coroutines; whether
    that left any out."""
    blocks = text.rstrip("\n").split("\n\n")
    keep = [b for b in blocks[1:] if b.split(" (line ")[0] in coroutines]
    return "\n\n".join(blocks[:1] + keep), len(keep) < len(blocks) - 1


def lesson(args, tmp, name, coroutines, classes):
    """What one lesson shows, from cosm, dot, the compiler and the program."""
    src, work = os.path.join(EXAMPLES, name + ".cpp"), os.path.join(tmp, name)
    lowered, exe = os.path.join(work, name + ".lowered.cpp"), os.path.join(work, name)
    os.mkdir(work)
    run([args.cosm, src, "-o", lowered, "--style=LLVM", "--"])
    dot = run([args.cosm, src, "--emit=dot", "--"])
    layout = run([args.cosm, src, "--emit=layout", "--"])
    # the one part of dot's SVG that depends on more than the graph
    svg = re.sub(r"<!-- Generated by graphviz[^>]*-->\n", "",
                 run(["dot", "-Tsvg"], input=dot))
    run(["g++", "-std=c++17", "-I" + args.include, lowered, args.lib,
         "-pthread", "-o", exe])
    output = run([exe], cwd=work, timeout=300)
    source = read(src).rstrip("\n")
    source_trimmed = source.count("\n") >= SHORT
    if source_trimmed:
        line_of = dict(re.findall(r"^(\w+) \(line (\d+)\):", layout, re.M))
        source = source_parts(source.split("\n"),
                              [int(line_of[c]) - 1 for c in coroutines], classes)
    lowered = lowered_parts(read(lowered).split("\n"), coroutines, classes)
    layout, layout_trimmed = layout_parts(layout, coroutines)

    def scrub(text):  # no machine-specific paths in the docs
        return text.replace(tmp, "<tmp>").replace(HERE, "docs")
    return {"source": source, "source_trimmed": source_trimmed, "svg": scrub(svg),
            "dot": scrub(dot),
            "lowered": scrub(lowered), "layout": scrub(layout),
            "layout_trimmed": layout_trimmed, "output": scrub(output.rstrip("\n"))}


INTRO = """\
# The async-Python tutorial, lowered by cosm

<!-- Generated by docs/tutorial.py: do not edit. Regenerate it with
     `cmake --build build --target docs`. -->

cosm grew out of an async-Python tutorial: its lessons (generators, `send`,
`throw`, `close`, `yield from`, async/await, the event loop) are the programs
in [examples/](examples/), here in the tutorial's order. For each: the C++20
input; the C++17 that `cosm` lowers its interesting coroutines to (the frame
struct, the function that creates the frame, and `resume()`; the names are
those of [lowered-abi.md](lowered-abi.md)); the state graph; the frame
layout; and what the lowered program, built with `g++ -std=c++17`, prints.
All of it is the real output of the tool and the programs.
"""


def markdown(results):
    toc, body = [], []
    for number, (name, coroutines, classes, text) in enumerate(LESSONS, 1):
        if name in PARTS:
            body.append("## %s\n" % PARTS[name])
            toc.append("- %s —" % PARTS[name])
        toc[-1] += "%s [%d. %s](#%d-%s)" % ("" if toc[-1][-1] == "—" else ",",
                                            number, name, number, name)
        r = results[name]
        frames = ", ".join("`%s`" % c for c in coroutines)
        shown = ", ".join(["class `%s`" % c for c in classes] + [frames])
        body += [
            "### %d. %s\n" % (number, name), text.strip() + "\n",
            "Input, [examples/%s.cpp](examples/%s.cpp)%s:\n"
            % (name, name, ", trimmed to " + shown if r["source_trimmed"] else ""),
            "```cpp\n%s\n```\n" % r["source"],
            "Lowered by `cosm %s.cpp -o %s.lowered.cpp`, trimmed to %s:\n"
            % (name, name, shown),
            "```cpp\n%s\n```\n" % r["lowered"],
            "State graph, `cosm %s.cpp --emit=dot | dot -Tsvg`:\n" % name,
            "![The state graph of %s.cpp](tutorial/%s.svg)\n" % (name, name),
            "Frame layout, `cosm %s.cpp --emit=layout`%s:\n"
            % (name, ", trimmed to " + frames if r["layout_trimmed"] else ""),
            "```text\n%s\n```\n" % r["layout"],
            "What the lowered program prints:\n",
            "```text\n%s\n```\n" % r["output"]]
    return "\n".join([INTRO, "\n".join(toc) + "\n"] + body)


def read(path):
    with open(path) as f:
        return f.read()


def files(root):
    """{path: text} of tutorial.md and tutorial/* under root."""
    svgs = os.path.join(root, "tutorial")
    paths = ["tutorial.md"] + ["tutorial/" + n for n in
                               (os.listdir(svgs) if os.path.isdir(svgs) else [])]
    return {p: read(os.path.join(root, p)) for p in paths
            if os.path.isfile(os.path.join(root, p))}


def write(out, results):
    os.makedirs(os.path.join(out, "tutorial"), exist_ok=True)
    for stale in set(files(out)) - {"tutorial.md"}:
        base = os.path.splitext(stale[9:])[0]
        if stale.endswith((".svg", ".dot")) and base not in results:
            os.remove(os.path.join(out, stale))
    texts = {"tutorial/%s.svg" % name: r["svg"] for name, r in results.items()}
    texts.update({"tutorial/%s.dot" % name: r["dot"] for name, r in results.items()})
    texts["tutorial.md"] = markdown(results)
    for path, text in texts.items():
        with open(os.path.join(out, path), "w") as f:
            f.write(text)


def check(generated, committed, regenerate):
    """0 if the committed files are the generated ones, else a diff and 1.

    The SVGs are checked for presence only: Graphviz's coordinates depend on
    the fonts installed, while the .dot beside each one (compared exactly)
    holds everything cosm decides."""
    new, old = files(generated), files(committed)
    for path in set(new) | set(old):
        if path.endswith(".svg") and path in new and path in old:
            new[path] = old[path]
    diff = []
    for path in sorted(set(new) | set(old)):
        lines = list(difflib.unified_diff(
            old.get(path, "").splitlines(True), new.get(path, "").splitlines(True),
            "docs/" + path + " (committed)", "docs/" + path + " (generated)"))
        diff += lines[:80] + (["... (more)\n"] if len(lines) > 80 else [])
    if not diff:
        print("docs/tutorial.md and docs/tutorial/ are up to date.")
        return 0
    print("".join(diff))
    print("docs/tutorial.md or docs/tutorial/ is stale (diff above): the tool, the "
          "runtime or docs/examples/ changed, or the generated files were edited. "
          "Regenerate them and commit the result:\n  cmake --build <build dir> "
          "--target docs\nor\n  " + " ".join(regenerate))
    return 1


def main():
    p = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    p.add_argument("--cosm", required=True, help="the cosm tool")
    p.add_argument("--include", required=True, help="the runtime's include directory")
    p.add_argument("--lib", required=True, help="the runtime library, libcosm.a")
    p.add_argument("--out", default=HERE, help="where tutorial.md and tutorial/ go "
                   "(default: docs/)")
    p.add_argument("--check", metavar="DIR", help="then compare them with DIR's")
    p.add_argument("--jobs", type=int, default=2, help="lessons built at once (2)")
    args = p.parse_args()
    for name in ("cosm", "include", "lib", "out"):
        setattr(args, name, os.path.abspath(getattr(args, name)))
    with tempfile.TemporaryDirectory(prefix="cosm-tutorial-") as tmp, \
            concurrent.futures.ThreadPoolExecutor(args.jobs) as pool:
        jobs = [(l[0], pool.submit(lesson, args, tmp, *l[:3])) for l in LESSONS]
        results = {name: job.result() for name, job in jobs}
    write(args.out, results)
    if args.check:
        return check(args.out, args.check, [
            "python3", os.path.join(HERE, "tutorial.py"), "--cosm", args.cosm,
            "--include", args.include, "--lib", args.lib])
    print("wrote %s/tutorial.md and %s/tutorial/*.svg" % (args.out, args.out))
    return 0


if __name__ == "__main__":
    sys.exit(main())
