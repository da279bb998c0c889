// co_await on something that is not awaitable, and in a function that cannot
// be a cosm coroutine: Clang's own located errors, passed through by cosm.
// RUN: %cosm --verify %s --
#include <cosm/cosm.hpp>

cosm::task<int> not_awaitable() {
  co_await 42; // expected-error {{member reference base type 'int' is not a structure or union}}
  co_return 1;
}

// expected-error@+1 {{this function cannot be a coroutine: 'std::coroutine_traits<int>' has no member named 'promise_type'}}
int not_a_coroutine() {
  co_await cosm::sleep(std::chrono::milliseconds(1));
  return 0;
}
