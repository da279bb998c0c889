// The forgotten co_await (the seed's lesson): the coroutine is named and the
// fix-it inserts `co_await`.
// RUN: %cosm --verify %s --
// RUN: not %cosm %s -- 2>&1 | %FileCheck %s
#include <cosm/cosm.hpp>

cosm::task<int> fib(int n) { co_return n; }

cosm::task<int> amain() {
  int x = fib(15); // expected-error {{no viable conversion from 'cosm::task<int>' to 'int'}} expected-error {{'fib' is a coroutine: calling it gives a cosm::task<int>, not its value; add co_await}}
  fib(3); // expected-warning {{ignoring return value of function declared with 'nodiscard' attribute}} expected-warning {{the task returned by coroutine 'fib' is discarded, so it never runs; add co_await (or hand it to cosm::spawn)}}
  co_return x;
}
// CHECK: forgotten_await.cpp:10:11: error: 'fib' is a coroutine: calling it gives a cosm::task<int>, not its value; add co_await
// CHECK-NEXT: {{ *}}10 |   int x = fib(15);
// CHECK-NEXT: {{ *}}|           ^
// CHECK-NEXT: {{ *}}|           co_await
