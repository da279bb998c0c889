// Destroying a suspended generator destroys exactly the locals alive at that
// suspend point, in reverse order; scopes left by break/continue/co_return or
// an exception destroy theirs. The log must be identical natively and lowered.
// RUN: %run-both %s | %FileCheck %s --match-full-lines
#include <cosm/cosm.hpp>
#include <cstdio>
#include <stdexcept>
#include <string>

struct noisy {
  std::string name;
  explicit noisy(std::string n) : name(std::move(n)) { std::printf("  +%s\n", name.c_str()); }
  noisy(const noisy &) = delete;
  noisy &operator=(const noisy &) = delete;
  ~noisy() { std::printf("  -%s\n", name.c_str()); }
};

cosm::generator<int> nested() {
  noisy a("a");
  co_yield 1;
  {
    noisy b("b");
    co_yield 2;
    noisy c("c");
    co_yield 3;
  }
  noisy d("d");
  co_yield 4;
  for (int i = 0; i < 3; ++i) {
    noisy e("e" + std::to_string(i));
    if (i == 1)
      continue;
    co_yield 10 + i;
    if (i == 2)
      break;
  }
  {
    noisy f("f");
    co_yield 20;
    co_return;
  }
}

cosm::generator<int> throwing() {
  noisy g("g");
  {
    noisy h("h");
    co_yield 1;
    throw std::runtime_error("boom");
  }
}

int main() {
  for (int stop = 0; stop <= 7; ++stop) {
    std::printf("stop after %d\n", stop);
    auto gen = nested();
    for (int i = 0; i < stop; ++i) {
      auto v = gen.next();
      if (!v)
        break;
      std::printf(" yielded %d\n", *v);
    }
    std::printf(" destroy\n");
  }
  std::printf("throwing\n");
  auto t = throwing();
  t.next();
  try {
    t.next();
  } catch (const std::exception &e) {
    std::printf(" caught %s, done %d\n", e.what(), t.done());
  }
}
// CHECK: stop after 0
// CHECK-NEXT:  destroy
// CHECK-NEXT: stop after 1
// CHECK-NEXT:   +a
// CHECK-NEXT:  yielded 1
// CHECK-NEXT:  destroy
// CHECK-NEXT:   -a
// CHECK-NEXT: stop after 2
// CHECK-NEXT:   +a
// CHECK-NEXT:  yielded 1
// CHECK-NEXT:   +b
// CHECK-NEXT:  yielded 2
// CHECK-NEXT:  destroy
// CHECK-NEXT:   -b
// CHECK-NEXT:   -a
// CHECK-NEXT: stop after 3
// CHECK-NEXT:   +a
// CHECK-NEXT:  yielded 1
// CHECK-NEXT:   +b
// CHECK-NEXT:  yielded 2
// CHECK-NEXT:   +c
// CHECK-NEXT:  yielded 3
// CHECK-NEXT:  destroy
// CHECK-NEXT:   -c
// CHECK-NEXT:   -b
// CHECK-NEXT:   -a
// CHECK: stop after 7
// CHECK-NEXT:   +a
// CHECK-NEXT:  yielded 1
// CHECK-NEXT:   +b
// CHECK-NEXT:  yielded 2
// CHECK-NEXT:   +c
// CHECK-NEXT:  yielded 3
// CHECK-NEXT:   -c
// CHECK-NEXT:   -b
// CHECK-NEXT:   +d
// CHECK-NEXT:  yielded 4
// CHECK-NEXT:   +e0
// CHECK-NEXT:  yielded 10
// CHECK-NEXT:   -e0
// CHECK-NEXT:   +e1
// CHECK-NEXT:   -e1
// CHECK-NEXT:   +e2
// CHECK-NEXT:  yielded 12
// CHECK-NEXT:   -e2
// CHECK-NEXT:   +f
// CHECK-NEXT:  yielded 20
// CHECK-NEXT:  destroy
// CHECK-NEXT:   -f
// CHECK-NEXT:   -d
// CHECK-NEXT:   -a
// CHECK-NEXT: throwing
// CHECK-NEXT:   +g
// CHECK-NEXT:   +h
// CHECK-NEXT:   -h
// CHECK-NEXT:   -g
// CHECK-NEXT:  caught boom, done 1
