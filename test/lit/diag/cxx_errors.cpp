// C++ errors in the input are Clang's own diagnostics; nothing is written.
// RUN: echo keep > %t.out
// RUN: not %cosm %s -o %t.out -- 2>&1 | %FileCheck %s
// RUN: %FileCheck --check-prefix=KEPT %s < %t.out
#include <cosm/cosm.hpp>

cosm::generator<int> broken() {
  co_yield undeclared_name;
}
// CHECK: cxx_errors.cpp:[[@LINE-2]]:12: error: use of undeclared identifier 'undeclared_name'
// KEPT: keep
