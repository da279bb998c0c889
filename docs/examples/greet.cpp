// Lesson: a native coroutine is driven by something else. Calling greet()
// runs nothing: it gives a cosm::task, like Python's coroutine object. A task
// is driven to completion by cosm::run (Python's asyncio.run, or the seed's
// own run() that sends None and catches StopIteration), which returns the
// co_return value. Inside a task, another task is driven with co_await.
#include <cosm/cosm.hpp>

#include <iostream>
#include <string>
#include <utility>

// The ordinary function, for comparison.
std::string greet_sync(const std::string &name) { return "Hello, " + name; }

// The native coroutine: same body, but co_return. The parameter is taken by
// value: the task is lazy, so a reference could outlive its argument.
cosm::task<std::string> greet(std::string name) {
  std::cout << "greet(" << name << ") runs\n";
  co_return "Hello, " + name;
}

// Async functions call async functions with co_await (Python's await).
cosm::task<int> async_main() {
  std::string first = co_await greet("Python");
  std::cout << "main got: " << first << "\n";
  // An await inside an expression: its value goes straight into the output.
  std::cout << co_await greet("C++") << " (printed by main)\n";
  co_return 0;
}

int main() {
  std::cout << greet_sync("Python") << "\n";

  cosm::task<std::string> g = greet("Python");
  std::cout << "task created, nothing ran yet\n";
  std::string value = cosm::run(std::move(g));
  std::cout << "run gave: " << value << "\n";
  std::cout << "task still valid after run: " << (g.valid() ? "yes" : "no")
            << "\n";

  return cosm::run(async_main());
}
