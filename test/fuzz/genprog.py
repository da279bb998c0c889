#!/usr/bin/env python3
"""Writes a random C++20 program of cosm coroutines for differential testing:
the same program runs natively and lowered (test/lit/run_both.py), and every
difference in output is a lowering bug.

The generators mix nested loops, if/else, switch with fallthrough, try/catch
with throws, break/continue/co_return, locals with logged lifetimes, and
co_yield as a statement and inside expressions (initializers, assignments,
conditions, && / || / ?: operands). Each is driven by next/send/throw_ and
often destroyed while suspended, so the log also checks which locals a
suspended frame destroys. The tasks await each other the same ways.

Only orders C++ specifies are used: at most one suspend point per expression
outside the operands of &&, || and ?:.

  usage: genprog.py SEED [--coroutines N] > program.cpp
"""
import argparse
import random


class Gen:
    def __init__(self, rng, task, earlier):
        self.r = rng
        self.task = task
        self.earlier = earlier  # coroutines of the same kind defined before
        self.lines = []
        self.indent = 1
        self.scopes = [["n"]]  # int variables visible here
        self.counter = 0
        self.budget = 40  # statements left in this body
        self.loop_depth = 0
        self.in_switch = 0

    def name(self, prefix):
        self.counter += 1
        return "%s%d" % (prefix, self.counter)

    def emit(self, text):
        self.lines.append("  " * self.indent + text)

    def ints(self):
        return [v for s in self.scopes for v in s]

    def assignable(self):
        """Variables an assignment may change: not loop counters, so every
        loop ends."""
        return [v for v in self.ints() if v[0] not in "iwdx"]

    def plain(self):
        """An expression without a suspend point."""
        r = self.r.random()
        v = self.r.choice(self.ints())
        if r < 0.3:
            return str(self.r.randint(0, 9))
        if r < 0.6:
            return v
        return "(%s %s %d)" % (v, self.r.choice("+-*"), self.r.randint(1, 4))

    def suspend(self):
        """A suspend point whose value is an int."""
        e = self.plain()
        if self.task:
            return "co_await value_of(%s)" % e
        return "(co_yield %s).value_or(%d)" % (e, self.r.randint(0, 5))

    def suspend_or_plain(self):
        return self.suspend() if self.r.random() < 0.6 else self.plain()

    def expr(self, allow_suspend=True):
        """An int expression with at most one suspend point (more only where
        && || ?: sequence them)."""
        if not allow_suspend or self.r.random() < 0.5:
            return self.plain()
        r = self.r.random()
        if r < 0.5:
            return self.suspend()
        if r < 0.75:
            return "(%s + %s)" % (self.plain(), self.suspend())
        return "((%s) ? %s : %s)" % (self.cond(False), self.suspend(), self.suspend())

    def cond(self, allow_suspend=True):
        """A condition, without outer parentheses (clang warns on `if ((a == b))`)."""
        r = self.r.random()
        if allow_suspend and r < 0.3:
            return "%s %% 2 == 0" % self.suspend()
        if allow_suspend and r < 0.5:
            op = self.r.choice(["&&", "||"])
            return "%s > %d %s %s %% 3 == 1" % (self.plain(), self.r.randint(0, 5),
                                              op, self.suspend())
        return "%s %s %d" % (self.plain(), self.r.choice(["<", ">", "==", "!="]),
                             self.r.randint(0, 6))

    def block(self, depth, prologue=None):
        self.emit("{")
        self.indent += 1
        if prologue:
            self.emit(prologue)
        self.scopes.append([])
        for _ in range(self.r.randint(1, 4)):
            if self.budget <= 0:
                break
            self.stmt(depth + 1)
        self.scopes.pop()
        self.indent -= 1
        self.emit("}")

    def loop_body(self, depth, counters=(), prologue=None):
        self.loop_depth += 1
        self.scopes.append(list(counters))
        self.block(depth, prologue)
        self.scopes.pop()
        self.loop_depth -= 1

    def yield_stmt(self):
        if self.task and self.r.random() < 0.25:
            # Awaits of the loop's own: a reschedule, and gather into
            # structured bindings that live across a later suspend point.
            if self.r.random() < 0.4:
                self.emit("co_await cosm::sleep(std::chrono::milliseconds(0));")
                return
            a, b = self.name("g"), self.name("g")
            self.emit("{")
            self.emit("  auto [%s, %s] = co_await cosm::gather(value_of(%s), value_of(%s));"
                      % (a, b, self.plain(), self.plain()))
            self.emit("  log(co_await value_of(%s));" % a)
            self.emit("  log(%s + %s);" % (a, b))
            self.emit("}")
            return
        if self.earlier and self.r.random() < 0.2:
            # Delegation: yield from / await another generated coroutine.
            callee = self.r.choice(self.earlier)
            if self.task:
                self.emit("log(co_await %s(%s));" % (callee, self.plain()))
            else:
                self.emit("co_yield cosm::from(%s(%s));" % (callee, self.plain()))
            return
        if self.task:
            self.emit("log(co_await value_of(%s));" % self.plain())
        else:
            self.emit("co_yield %s;" % self.plain())

    def stmt(self, depth):
        self.budget -= 1
        r = self.r.random()
        deep = depth >= 4
        if r < 0.14:
            self.yield_stmt()
        elif r < 0.26:
            v = self.name("v")
            self.emit("int %s = %s;" % (v, self.expr()))
            self.emit("(void)%s;" % v)
            self.scopes[-1].append(v)
        elif r < 0.34:
            t = self.name("t")
            self.emit('tracer %s("%s");' % (t, t))
        elif r < 0.42:
            v = self.r.choice(self.assignable())
            e = self.expr()
            self.emit("%s = %s;" % (v, e if e != v else e + " + 1"))
        elif r < 0.48:
            self.emit("log(%s);" % self.expr())
        elif r < 0.56 and not deep:
            self.emit("if (%s)" % self.cond())
            self.block(depth)
            if self.r.random() < 0.5:
                self.emit("else")
                self.block(depth)
        elif r < 0.64 and not deep:
            i = self.name("i")
            self.emit("for (int %s = 0; %s < %d; ++%s)" % (i, i, self.r.randint(1, 3), i))
            self.loop_body(depth, [i])
        elif r < 0.70 and not deep:
            w = self.name("w")
            self.emit("int %s = 0;" % w)
            self.scopes[-1].append(w)
            self.emit("while (%s++ < %d && (%s))" % (w, self.r.randint(1, 3), self.cond()))
            self.loop_body(depth)
        elif r < 0.72 and not deep:
            # A for loop whose condition or increment holds a suspend point.
            i = self.name("i")
            if self.r.random() < 0.5:
                head = "for (int %s = 0; %s < 2 + %s %% 2; ++%s)" % (
                    i, i, self.suspend_or_plain(), i)
            else:
                head = "for (int %s = 0; %s < 3; %s += 1 + (%s %% 2 != 0))" % (
                    i, i, i, self.suspend_or_plain())
            self.emit(head)
            self.loop_body(depth, [i])
        elif r < 0.74 and not deep:
            # Range-for: the range and its iterators live in the frame.
            x = self.name("x")
            self.emit("for (int %s : std::vector<int>{%d, %d})" % (
                x, self.r.randint(0, 9), self.r.randint(0, 9)))
            self.loop_body(depth, [x], "log(%s);" % x)
        elif r < 0.755 and self.assignable():
            # A lambda made, then a captured local changed, then the call:
            # [=] must have copied, [&] must see the change.
            f = self.name("f")
            v = self.r.choice(self.assignable())
            default = self.r.choice(["=", "&"])
            self.emit("{")
            self.emit("  auto %s = [%s] { return %s + 1; };" % (f, default, v))
            e = self.plain()
            self.emit("  %s = %s;" % (v, e if e != v else e + " + 2"))
            self.emit("  log(%s());" % f)
            self.emit("}")
        elif r < 0.76:
            # A local with a destructor, changed across suspend points.
            sv = self.name("s")
            self.emit('std::string %s = "%s";' % (sv, sv))
            self.emit("%s += std::to_string(%s);" % (sv, self.expr()))
            self.emit("log(static_cast<int>(%s.size()));" % sv)
        elif r < 0.77 and not deep:
            d = self.name("d")
            self.emit("int %s = 0;" % d)
            self.scopes[-1].append(d)
            self.emit("do")
            self.loop_body(depth)
            self.emit("while (++%s < %d);" % (d, self.r.randint(1, 3)))
        elif r < 0.80 and not deep:
            self.emit("switch (%s %% 3) {" % self.plain())
            self.in_switch += 1
            for label in ["case 0:", "case 1:", "default:"]:
                self.emit(label)
                self.block(depth)
                if self.r.random() < 0.6:
                    self.emit("break;")
                elif label != "default:":
                    self.emit("[[fallthrough]];")
            self.in_switch -= 1
            self.emit("}")
        elif r < 0.86 and not deep:
            self.emit("try")
            self.block(depth)
            e = self.name("e")
            self.emit("catch (int %s) {" % e)
            self.emit('  std::printf("caught %%d\\n", %s);' % e)
            if self.r.random() < 0.2:
                self.emit("  throw;")
            self.emit("}")
        elif r < 0.89:
            self.emit("if (%s) throw %d;" % (self.cond(False), self.r.randint(100, 199)))
        elif r < 0.93 and self.loop_depth > 0 and not self.in_switch:
            self.emit("if (%s) %s;" % (self.cond(False), self.r.choice(["break", "continue"])))
        elif r < 0.95:
            if self.task:
                self.emit("if (%s) co_return %s;" % (self.cond(False), self.plain()))
            else:
                self.emit("if (%s) co_return;" % self.cond(False))
        elif not deep:
            self.block(depth)
        else:
            self.yield_stmt()


PRELUDE = r"""// Generated by test/fuzz/genprog.py: native and lowered must print the same.
#include <chrono>
#include <cosm/cosm.hpp>
#include <cstdio>
#include <stdexcept>
#include <string>
#include <vector>

struct tracer {
  const char *name;
  explicit tracer(const char *n) : name(n) { std::printf("+%s\n", name); }
  tracer(const tracer &) = delete;
  ~tracer() { std::printf("-%s\n", name); }
};

inline void log(int v) { std::printf("log %d\n", v); }

cosm::task<int> value_of(int v) {
  if (v == 7)
    throw 107; // an exception out of a co_await
  co_return v;
}
"""


def generator_driver(name, rng):
    """Drives a generator with next/send/throw_ and sometimes drops it while
    it is suspended."""
    limit = rng.randint(3, 30)
    throw_at = rng.randint(1, 12) if rng.random() < 0.3 else -1
    close_at = rng.randint(1, 12) if rng.random() < 0.3 else -1
    return r"""  {{
    std::printf("== {name}\n");
    auto g = {name}({arg});
    try {{
      auto v = g.next();
      for (int step = 1; v && step < {limit}; ++step) {{
        std::printf("yield %d\n", *v);
        if (step == {close_at}) {{
          g.close();
          std::printf("closed\n");
          break;
        }}
        if (step == {throw_at})
          v = g.throw_(std::runtime_error("thrown in"));
        else
          v = step % 3 == 0 ? g.next() : g.send(step);
      }}
    }} catch (int e) {{
      std::printf("escaped %d\n", e);
    }} catch (const std::runtime_error &e) {{
      std::printf("escaped %s\n", e.what());
    }}
    std::printf("done %d\n", g.done() ? 1 : 0);
  }}
""".format(name=name, arg=rng.randint(0, 6), limit=limit, throw_at=throw_at,
           close_at=close_at)


def task_driver(name, rng):
    return r"""  {{
    std::printf("== {name}\n");
    try {{
      std::printf("result %d\n", cosm::run({name}({arg})));
    }} catch (int e) {{
      std::printf("escaped %d\n", e);
    }}
  }}
""".format(name=name, arg=rng.randint(0, 6))


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("seed", type=int)
    ap.add_argument("--coroutines", type=int, default=8)
    a = ap.parse_args()
    rng = random.Random(a.seed)
    out = [PRELUDE]
    drivers = []
    made = {True: [], False: []}
    for k in range(a.coroutines):
        task = rng.random() < 0.35
        name = "%s%d" % ("work" if task else "gen", k)
        g = Gen(rng, task, list(made[task]))
        made[task].append(name)
        while g.budget > 0:
            g.stmt(0)
        if task:
            g.emit("co_return n;")
            out.append("cosm::task<int> %s(int n) {" % name)
        else:
            out.append("cosm::generator<int, int> %s(int n) {" % name)
        out.extend(g.lines)
        out.append("}\n")
        drivers.append((task_driver if task else generator_driver)(name, rng))
    out.append("int main() {")
    out.extend(drivers)
    out.append("}")
    print("\n".join(out))


if __name__ == "__main__":
    main()
