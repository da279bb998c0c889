// Lesson: async functions await other async functions, recursively, and an
// await is an expression like any other: here two of them are the operands of
// `+` inside a co_return. Then cosm::gather runs several tasks concurrently
// and gives their results in argument order (asyncio.gather).
#include <cosm/cosm.hpp>

#include <chrono>
#include <iostream>
#include <stdexcept>
#include <string>
#include <tuple>

using namespace std::chrono_literals;

// Not an efficient way to compute Fibonacci numbers: the point is the awaits.
cosm::task<long> fib(int n) {
  if (n <= 1)
    co_return n;
  co_return co_await fib(n - 1) + co_await fib(n - 2);
}

// Gives the loop a turn before answering (asyncio.sleep(0)).
cosm::task<int> boom(int n) {
  co_await cosm::sleep(0ms);
  if (n == 3)
    throw std::invalid_argument("bad " + std::to_string(n));
  co_return n;
}

cosm::task<void> async_main() {
  std::cout << "fib 15 " << co_await fib(15) << "\n";

  long f10 = co_await fib(10);
  long f11 = co_await fib(11);
  std::cout << "fib 10 + fib 11 = " << f10 + f11 << " = fib 12 "
            << co_await fib(12) << "\n";

  // print(await asyncio.gather(boom(1), boom(2), fib(20))) -> [1, 2, 6765]
  std::tuple<int, int, long> all =
      co_await cosm::gather(boom(1), boom(2), fib(20));
  std::cout << "[" << std::get<0>(all) << ", " << std::get<1>(all) << ", "
            << std::get<2>(all) << "]\n";
}

int main() { cosm::run(async_main()); }
