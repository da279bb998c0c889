// --line-directives: an error in the lowered code is reported at the input's
// file and line. LOWERED_ONLY is defined only when compiling natively, so the
// lowered C++17 file fails on purpose inside the coroutine's body.
// RUN: %cosm --line-directives %s -o %t.cpp --
// RUN: not %gxx17 -fsyntax-only %t.cpp 2>&1 | %FileCheck %s
// RUN: not %clang17 -fsyntax-only %t.cpp 2>&1 | %FileCheck %s
#include <cosm/cosm.hpp>
#ifdef __cpp_impl_coroutine
#define LOWERED_ONLY 1
#endif

cosm::generator<int> numbers(int n) {
  for (int i = 0; i < n; ++i) {
    co_yield i;
    int broken = LOWERED_ONLY;
    co_yield broken;
  }
}
// CHECK: line_directives.cpp:15:{{[0-9]+}}: error: {{.*}}LOWERED_ONLY
