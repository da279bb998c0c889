// RUN: %run-both %s | %FileCheck %s --match-full-lines
#include <cosm/cosm.hpp>
#include <cstdio>

cosm::generator<int> countdown(int n) {
  std::printf("start %d\n", n);
  while (n > 0) {
    co_yield n;
    --n;
  }
  std::printf("done\n");
}

int main() {
  for (int x : countdown(3))
    std::printf("for %d\n", x);
  auto g = countdown(2);
  std::printf("created\n");
  std::printf("next %d\n", *g.next());
  std::printf("next %d\n", *g.next());
  if (!g.next())
    std::printf("stop\n");
  std::printf("done() %d\n", g.done());
}
// CHECK: start 3
// CHECK-NEXT: for 3
// CHECK-NEXT: for 2
// CHECK-NEXT: for 1
// CHECK-NEXT: done
// CHECK-NEXT: created
// CHECK-NEXT: start 2
// CHECK-NEXT: next 2
// CHECK-NEXT: next 1
// CHECK-NEXT: done
// CHECK-NEXT: stop
// CHECK-NEXT: done() 1
