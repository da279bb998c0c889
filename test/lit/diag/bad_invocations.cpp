// A missing input, and an unsupported construct with an existing -o file:
// clear message, exit status 1, the -o file untouched.
// RUN: not %cosm %t.does-not-exist.cpp -- 2>&1 | %FileCheck --check-prefix=MISSING %s
// MISSING: cosm: error: no such file: '{{.*}}does-not-exist.cpp'
// RUN: echo previous > %t.out
// RUN: not %cosm %s -o %t.out -- 2>&1 | %FileCheck --check-prefix=ERR %s
// RUN: %FileCheck --check-prefix=KEPT %s < %t.out
// KEPT: previous
// RUN: not %cosm %s -o %t.missing-dir/x.cpp -- 2>&1 | %FileCheck --check-prefix=ERR %s
#include <cosm/cosm.hpp>

cosm::generator<int> g(int n) {
  co_yield 1;
again:
  co_yield n;
  goto again;
}
// ERR: bad_invocations.cpp:[[@LINE-2]]:3: error: goto across a suspend point is not supported by cosm; use a loop, break or continue
