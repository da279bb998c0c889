// Range-for over a lowered generator holds the frame by value and resumes it
// directly: yield-from delegation, an exception escaping the body, and a
// break (destroying the suspended frame) behave as natively.
// RUN: %run-both %s | %FileCheck %s --match-full-lines
// RUN: %FileCheck --check-prefix=SHAPE %s < %t.lowered.cpp
#include <cosm/cosm.hpp>
#include <cstdio>
#include <stdexcept>
#include <string>

struct noisy {
  std::string name;
  explicit noisy(std::string n) : name(std::move(n)) {}
  ~noisy() { std::printf("  ~%s\n", name.c_str()); }
};

cosm::generator<int> inner(int base) {
  noisy n("inner");
  co_yield base + 1;
  co_yield base + 2;
}

cosm::generator<int> outer() {
  noisy n("outer");
  co_yield 1;
  co_yield cosm::from(inner(10));
  co_yield 2;
}

cosm::generator<int> fails() {
  noisy n("fails");
  co_yield 1;
  throw std::runtime_error("boom");
}

int main() {
  for (int x : outer())
    std::printf("outer %d\n", x);
  try {
    for (int x : fails())
      std::printf("fails %d\n", x);
  } catch (const std::exception &e) {
    std::printf("caught %s\n", e.what());
  }
  for (int x : outer()) {
    std::printf("first %d\n", x);
    break;
  }
  std::printf("end\n");
}
// CHECK: outer 1
// CHECK-NEXT: outer 11
// CHECK-NEXT: outer 12
// CHECK-NEXT:   ~inner
// CHECK-NEXT: outer 2
// CHECK-NEXT:   ~outer
// CHECK-NEXT: fails 1
// CHECK-NEXT:   ~fails
// CHECK-NEXT: caught boom
// CHECK-NEXT: first 1
// CHECK-NEXT:   ~outer
// CHECK-NEXT: end
// SHAPE: for (int x : cosm::lowered::local_generator<outer_frame>())
