// Temporaries of a full-expression that contains co_await (the awaited task,
// its parameters, the awaiter) end with that full-expression, natively and
// lowered alike; locals of a cancelled or destroyed task are destroyed.
// RUN: %run-both %s | %FileCheck %s --match-full-lines
#include <cosm/cosm.hpp>
#include <cstdio>

struct noisy {
  int id;
  explicit noisy(int i) : id(i) {}
  noisy(noisy &&o) noexcept : id(o.id) { o.id = 0; }
  ~noisy() {
    if (id)
      std::printf("~noisy %d\n", id);
  }
};

cosm::task<int> take(noisy n) {
  co_await cosm::sleep(std::chrono::milliseconds(1));
  co_return n.id;
}

cosm::task<int> sleeper() {
  noisy guard(99);
  co_await cosm::sleep(std::chrono::seconds(10));
  co_return 0;
}

cosm::task<void> amain() {
  int a = co_await take(noisy(1));
  std::printf("got %d\n", a);
  if (co_await take(noisy(2)) == 2)
    std::printf("cond 2\n");
  std::printf("sum %d\n", co_await take(noisy(3)) + co_await take(noisy(4)));
  auto h = cosm::spawn(sleeper());
  co_await cosm::sleep(std::chrono::milliseconds(1));
  h.cancel();
  try {
    co_await h;
  } catch (const cosm::cancelled_error &) {
    std::printf("cancelled\n");
  }
}

int main() {
  cosm::run_options o;
  o.virtual_clock = true;
  cosm::run(amain(), o);
}
// CHECK: ~noisy 1
// CHECK-NEXT: got 1
// CHECK-NEXT: ~noisy 2
// CHECK-NEXT: cond 2
// CHECK-NEXT: sum 7
// CHECK-NEXT: ~noisy 4
// CHECK-NEXT: ~noisy 3
// CHECK-NEXT: ~noisy 99
// CHECK-NEXT: cancelled
