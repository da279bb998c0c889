// The shape of the lowered code: parameters and only the locals that live
// across a suspend point are frame members; locals with disjoint scopes share
// a union; non-trivial locals are built in place and guarded; each try block
// with a suspend point gets a nested dispatch; the destructor destroys per
// state exactly the guarded locals alive there, innermost first.
// RUN: %cosm %s -o %t.cpp --
// RUN: %FileCheck %s --match-full-lines < %t.cpp
#include <cosm/cosm.hpp>
#include <string>

cosm::generator<int> shape(int n) {
  int before = n * 2;            // its scope holds suspend points: a member
  (void)before;
  std::string kept = "kept";     // lives across suspend points: a member
  co_yield 1;
  {
    std::string first = "first"; // shares storage with `second`
    co_yield 2;
  }
  {
    std::string second = kept;
    try {
      co_yield 3;
    } catch (...) {
    }
  }
  int after = 5;                 // declared after the last suspend: a local
  (void)after;
}
// CHECK: struct shape_frame final : cosm::lowered::generator_frame<int, void, void> {
// CHECK-NEXT:   int n;
// CHECK-NEXT:   int before;         // line 12
// CHECK-NEXT:   union {             // locals whose scopes do not overlap share storage
// CHECK-NEXT:     std::string kept; // line 14
// CHECK-NEXT:   };
// CHECK-NEXT:   union {               // locals whose scopes do not overlap share storage
// CHECK-NEXT:     std::string first;  // line 17
// CHECK-NEXT:     std::string second; // line 21
// CHECK-NEXT:   };
// CHECK-NEXT:   explicit shape_frame(int n) : n(n) {}
// CHECK-NEXT:   ~shape_frame() override;
// CHECK-NEXT:   void resume() override;
// CHECK-NEXT: };
// CHECK-EMPTY:
// CHECK-NEXT: cosm::generator<int> shape(int n) {
// CHECK-NEXT:   return cosm::lowered::make_generator<shape_frame>(n);
// CHECK-NEXT: }
// CHECK-EMPTY:
// CHECK-NEXT: inline shape_frame::~shape_frame() {
// CHECK-NEXT:   switch (cosm_state) {
// CHECK-NEXT:   case 1: // line 15
// CHECK-NEXT:     cosm::lowered::destroy(kept);
// CHECK-NEXT:     break;
// CHECK-NEXT:   case 2: // line 18
// CHECK-NEXT:     cosm::lowered::destroy(first);
// CHECK-NEXT:     cosm::lowered::destroy(kept);
// CHECK-NEXT:     break;
// CHECK-NEXT:   case 3: // line 23
// CHECK-NEXT:     cosm::lowered::destroy(second);
// CHECK-NEXT:     cosm::lowered::destroy(kept);
// CHECK-NEXT:     break;
// CHECK-NEXT:   }
// CHECK-NEXT: }
// CHECK-EMPTY:
// CHECK-NEXT: inline void shape_frame::resume() {
// CHECK-NEXT:   switch (cosm_state) {
// CHECK-NEXT:   case 1: goto cosm_enter_1;
// CHECK-NEXT:   case 2: goto cosm_enter_1;
// CHECK-NEXT:   case 3: goto cosm_enter_1;
// CHECK-NEXT:   }
// CHECK-NEXT:   before = n * 2; // line 12
// CHECK-NEXT:   (void)before;
// CHECK-NEXT:   ::new (cosm::lowered::storage(kept)) std::string("kept"); // line 14
// CHECK-NEXT: cosm_enter_1:
// CHECK-NEXT:   cosm::lowered::local_guard<std::string> cosm_guard_kept(kept, *this);
// CHECK-NEXT:   switch (cosm_state) {
// CHECK-NEXT:   case 1: goto cosm_resume_1;
// CHECK-NEXT:   case 2: goto cosm_enter_2;
// CHECK-NEXT:   case 3: goto cosm_enter_3;
// CHECK-NEXT:   }
// CHECK-NEXT:   // co_yield (line 15): suspend point 1
// CHECK-NEXT:   cosm_yield(1);
// CHECK-NEXT:   cosm_state = 1;
// CHECK-NEXT:   return;
// CHECK-NEXT: cosm_resume_1:
// CHECK-NEXT:   cosm_resumed();
// CHECK-NEXT:   {
// CHECK-NEXT:     ::new (cosm::lowered::storage(first)) std::string("first"); // line 17
// CHECK-NEXT:   cosm_enter_2:
// CHECK:      cosm_enter_3:
// CHECK-NEXT:     cosm::lowered::local_guard<std::string> cosm_guard_second(second, *this);
// CHECK-NEXT:     switch (cosm_state) {
// CHECK-NEXT:     case 3: goto cosm_enter_4;
// CHECK-NEXT:     }
// CHECK-NEXT:   cosm_enter_4:
// CHECK-NEXT:     try {
// CHECK-NEXT:       switch (cosm_state) {
// CHECK-NEXT:       case 3: goto cosm_resume_3;
// CHECK-NEXT:       }
// CHECK-NEXT:       // co_yield (line 23): suspend point 3
// CHECK:        int after = 5;
// CHECK-NEXT:   (void)after;
// CHECK-NEXT: }
