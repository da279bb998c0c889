// co_yield as an expression anywhere: initializer, assignment, argument,
// condition, &&/||/?: operand (short-circuit kept), loop condition, for
// increment; operands are evaluated left to right.
// RUN: %run-both %s | %FileCheck %s --match-full-lines
#include <cosm/cosm.hpp>
#include <cstdio>
#include <optional>
#include <string>

using gen = cosm::generator<std::string, int>;

int val(const std::optional<int> &o) { return o ? *o : -1; }
int trace(const char *what, int v) {
  std::printf("eval %s\n", what);
  return v;
}
int add3(int a, int b, int c) { return a * 100 + b * 10 + c; }

gen exprs() {
  auto a = co_yield "init";
  std::printf("a=%d\n", val(a));
  int b = 0;
  b = val(co_yield "assign");
  std::printf("b=%d\n", b);
  int s = add3(trace("first", 1), val(co_yield "arg"), trace("third", 3));
  std::printf("sum=%d\n", s);
  if (val(co_yield "cond") > 5)
    std::printf("big\n");
  bool both = trace("lhs", 0) && val(co_yield "never") > 0;
  std::printf("both=%d\n", both);
  bool either = trace("lhs", 0) || val(co_yield "or") > 0;
  std::printf("either=%d\n", either);
  int pick = trace("c", 1) ? val(co_yield "then") : val(co_yield "else");
  std::printf("pick=%d\n", pick);
  // A parenthesized comparison stays warning-free once it is an if.
  int other = (pick == 6) ? 1 : val(co_yield "other");
  std::printf("other=%d\n", other);
  int n = 0;
  while (val(co_yield "loop?") != 0)
    ++n;
  std::printf("loops=%d\n", n);
  for (int i = 0; i < 2; i += val(co_yield "inc"))
    std::printf("i=%d\n", i);
}

int main() {
  auto g = exprs();
  const int replies[] = {1, 2, 3, 4, 5, 6, 7, 8, 9, 0, 12};
  auto v = g.next();
  for (int r : replies) {
    if (!v)
      break;
    std::printf("yield %s\n", v->c_str());
    v = g.send(r);
  }
  std::printf("done %d\n", g.done());
}
// CHECK: yield init
// CHECK-NEXT: a=1
// CHECK-NEXT: yield assign
// CHECK-NEXT: b=2
// CHECK-NEXT: eval first
// CHECK-NEXT: yield arg
// CHECK-NEXT: eval third
// CHECK-NEXT: sum=133
// CHECK-NEXT: yield cond
// CHECK-NEXT: eval lhs
// CHECK-NEXT: both=0
// CHECK-NEXT: eval lhs
// CHECK-NEXT: yield or
// CHECK-NEXT: either=1
// CHECK-NEXT: eval c
// CHECK-NEXT: yield then
// CHECK-NEXT: pick=6
// CHECK-NEXT: other=1
// CHECK-NEXT: yield loop?
// CHECK-NEXT: yield loop?
// CHECK-NEXT: yield loop?
// CHECK-NEXT: yield loop?
// CHECK-NEXT: loops=3
// CHECK-NEXT: i=0
// CHECK-NEXT: yield inc
// CHECK-NEXT: done 1
