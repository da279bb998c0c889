// Lesson: co_await is an expression and can go almost anywhere an expression
// can: a std::map key (Python's `d[await greet("key")] = await fib(10)`),
// function arguments, if and while conditions, operands of && || ?: (which
// keep short-circuiting: an await that is not reached does not run), inside
// another await's argument, and an exception thrown by an awaited task comes
// out of the co_await, to be caught by an ordinary try/catch.
#include <cosm/cosm.hpp>

#include <chrono>
#include <iostream>
#include <map>
#include <stdexcept>
#include <string>

using namespace std::chrono_literals;

cosm::task<std::string> greet(std::string name) { co_return "Hello, " + name; }

cosm::task<long> fib(int n) {
  if (n <= 1)
    co_return n;
  co_return co_await fib(n - 1) + co_await fib(n - 2);
}

// A task that says when it runs, so that we can see which awaits happen.
cosm::task<bool> check(std::string what, bool answer) {
  std::cout << "  ran " << what << "\n";
  co_return answer;
}

cosm::task<long> number(std::string what, long value) {
  std::cout << "  ran " << what << "\n";
  co_return value;
}

cosm::task<int> boom(int n) {
  co_await cosm::sleep(0ms);
  if (n == 3)
    throw std::invalid_argument("bad " + std::to_string(n));
  co_return n;
}

long add(long a, long b) { return a + b; }

cosm::task<std::map<std::string, long>> keyed() {
  std::map<std::string, long> d;
  // C++17 evaluates the right side of `=` first, like Python: fib(10), then
  // greet("key"), then d[...] creates the entry.
  d[co_await greet("key")] = co_await fib(10);
  co_return d;
}

cosm::task<void> async_main() {
  // As a map key.
  std::map<std::string, long> d = co_await keyed();
  std::cout << "{";
  for (const auto &entry : d)
    std::cout << "'" << entry.first << "': " << entry.second;
  std::cout << "}\n";

  // As function arguments (no output inside: the order in which C++
  // evaluates arguments is unspecified).
  std::cout << "add " << add(co_await fib(10), co_await fib(11)) << "\n";

  // In an if condition.
  std::cout << "if:\n";
  if (co_await check("the if condition", true))
    std::cout << "  taken\n";

  // In a while condition: evaluated again before every iteration.
  std::cout << "while:\n";
  int i = 0;
  while (co_await check("the while condition, i = " + std::to_string(i), i < 2))
    ++i;

  // Short-circuit: the right operand's await does not run at all.
  std::cout << "&&:\n";
  bool both = co_await check("left of &&", false) &&
              co_await check("right of && (never)", true);
  std::cout << "  gives " << both << "\n";
  std::cout << "||:\n";
  bool either = co_await check("left of ||", true) ||
                co_await check("right of || (never)", false);
  std::cout << "  gives " << either << "\n";
  std::cout << "?::\n";
  long picked = co_await check("condition of ?:", false)
                    ? co_await number("then branch (never)", 1)
                    : co_await number("else branch", 2);
  std::cout << "  gives " << picked << "\n";

  // Nested: the inner await gives the outer call its argument.
  std::cout << co_await greet(co_await greet("nested")) << "\n";

  // An exception crosses the await into the awaiting task.
  try {
    co_await boom(3);
    std::cout << "not reached\n";
  } catch (const std::invalid_argument &e) {
    std::cout << "caught " << e.what() << "\n";
  }
}

int main() { cosm::run(async_main()); }
