// -MD -MF: a Makefile-style depfile naming the output and every included file.
// RUN: %cosm %s -o %t.cpp -MD -MF %t.d --
// RUN: %FileCheck %s < %t.d
#include <cosm/cosm.hpp>
#include "Inputs/depfile_header.hpp"

cosm::generator<int> numbers() { co_yield kNumber; }
// CHECK: {{.*}}depfile.cpp.tmp.cpp: \
// CHECK-NEXT: {{.*}}golden{{/|\\}}depfile.cpp \
// CHECK-NEXT: {{.*}}cosm{{/|\\}}cosm.hpp \
// CHECK: Inputs{{/|\\}}depfile_header.hpp
