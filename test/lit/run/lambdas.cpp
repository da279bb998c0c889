// Ordinary lambdas inside coroutines capture locals that became frame
// members (by copy, by reference, init-captures, defaults) and members of the
// object through this.
// RUN: %run-both %s | %FileCheck %s --match-full-lines
#include <algorithm>
#include <cosm/cosm.hpp>
#include <cstdio>
#include <vector>

struct scaler {
  int factor = 3;
  cosm::generator<int> scaled(std::vector<int> v) {
    int offset = 1;
    co_yield 0;
    std::transform(v.begin(), v.end(), v.begin(),
                   [this, offset](int x) { return x * factor + offset; });
    for (int x : v)
      co_yield x;
  }
};

cosm::generator<int> captures() {
  int total = 10;
  int step = 5;
  co_yield total;
  {
    // A lambda object may not live across a suspend point (its type cannot
    // be named in a frame), so each is used up before the next co_yield.
    auto add = [&total, step](int k) { total += step * k; };
    add(1);
  }
  co_yield total;
  co_yield [t = total * 2] { return t; }();
  [&] { total += step; }();
  co_yield total;
  co_yield [=] { return total + step; }();
}

// `[=]` copies when the lambda is made, even a local that became a frame
// member (the frame is not reached through `this`); a hoisted reference is
// copied as its referent; nested lambdas capture the outer one's captures.
struct counter {
  int hits = 0;
  cosm::generator<int> copies() {
    int total = 1;
    int &alias = total;
    co_yield 0;
    int seen, through_alias, nested;
    {
      auto f = [=] { return total; };
      auto g = [alias] { return alias; };
      auto h = [=] { return [=] { return total + alias; }(); };
      total = 5;
      seen = f();
      through_alias = g();
      nested = h();
    }
    co_yield seen;
    co_yield through_alias;
    co_yield nested;
    co_yield alias;
  }
};

cosm::task<int> offload(int n) {
  int base = 100;
  co_await cosm::sleep(std::chrono::milliseconds(1));
  int r = co_await cosm::to_thread([base, n] { return base + n; });
  co_return r;
}

int main() {
  scaler s;
  for (int x : s.scaled({1, 2}))
    std::printf("scaled %d\n", x);
  for (int x : captures())
    std::printf("captures %d\n", x);
  std::printf("offload %d\n", cosm::run(offload(7)));
  counter c;
  for (int x : c.copies())
    std::printf("copies %d\n", x);
}
// CHECK: scaled 0
// CHECK-NEXT: scaled 4
// CHECK-NEXT: scaled 7
// CHECK-NEXT: captures 10
// CHECK-NEXT: captures 15
// CHECK-NEXT: captures 30
// CHECK-NEXT: captures 20
// CHECK-NEXT: captures 25
// CHECK-NEXT: offload 107
// CHECK-NEXT: copies 0
// CHECK-NEXT: copies 1
// CHECK-NEXT: copies 1
// CHECK-NEXT: copies 2
// CHECK-NEXT: copies 5
