// A range-for over a call to a lowered generator holds the frame by value
// (no heap allocation); other uses keep cosm::generator's heap frame.
// RUN: %cosm %s -o %t.cpp --
// RUN: %FileCheck %s --match-full-lines < %t.cpp
#include <cosm/cosm.hpp>

namespace demo {
cosm::generator<int> upto(int n) {
  for (int i = 0; i < n; ++i)
    co_yield i;
}
} // namespace demo

cosm::generator<int> evens(int n = 4) {
  for (int i : demo::upto(n))
    if (i % 2 == 0)
      co_yield i;
}

int main() {
  int sum = 0;
  for (int x : demo::upto(3))
    sum += x;
  for (int x : evens())
    sum += x;
  auto g = demo::upto(2);
  for (int x : g)
    sum += x;
  return sum == 6 ? 0 : 1;
}
// CHECK: int main() {
// CHECK-NEXT:   int sum = 0;
// CHECK-NEXT:   for (int x : cosm::lowered::local_generator<::demo::upto_frame>(3))
// CHECK-NEXT:     sum += x;
// CHECK-NEXT:   for (int x : evens())
// CHECK-NEXT:     sum += x;
// CHECK-NEXT:   auto g = demo::upto(2);
