// A coroutine lambda keeps its introducer; its body becomes a local frame
// class, whose captures are pointers (to the closure's copies, const unless
// the lambda is mutable, or to what is captured by reference), and the
// creation of the frame.
// RUN: %cosm %s -o %t.cpp --
// RUN: %FileCheck %s --match-full-lines < %t.cpp
// RUN: %cosm --emit=layout %s -- | %FileCheck --check-prefix=LAYOUT %s
#include <cosm/cosm.hpp>

int use(int limit) {
  int seen = 0;
  auto upto = [limit, &seen](int from) -> cosm::generator<int> {
    for (int i = from; i < limit; ++i, ++seen)
      co_yield i;
  };
  int sum = 0;
  for (int v : upto(1))
    sum += v;
  return sum + seen;
}
// CHECK:      auto upto = [limit, &seen](int from) -> cosm::generator<int> {
// CHECK-NEXT:   // The frame of the coroutine lambda (line 12): its captures, parameters and
// CHECK-NEXT:   // the locals that live across a suspend point.
// CHECK-NEXT:   struct lambda_frame final
// CHECK-NEXT:       : cosm::lowered::generator_frame<int, void, void> {
// CHECK-NEXT:     const int *limit;
// CHECK-NEXT:     int *seen;
// CHECK-NEXT:     int from;
// CHECK-NEXT:     int i; // line 13
// CHECK:            for (; i < (*limit); ++i, ++(*seen)) {
// CHECK:        return cosm::lowered::make_generator<lambda_frame>(
// CHECK-NEXT:       std::addressof(limit), std::addressof(seen), from);
// CHECK-NEXT: };
// LAYOUT: lambda (line 12): struct lambda_frame : cosm::lowered::generator_frame<int, void, void>
// LAYOUT:      0     8      8    10  capture  const int * limit
// LAYOUT-NEXT: 8     8      8    11  capture  int * seen
// LAYOUT-NEXT: 16     4      4    12  param    int from
