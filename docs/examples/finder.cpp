// Lesson: a generator that consumes values. `co_yield {}` is an expression
// whose value is what send() passed in (nullopt after next()). It must be
// primed with next() before the first send(); close() raises generator_exit
// at the suspended co_yield so the generator can clean up.
#include <cosm/cosm.hpp>

#include <iostream>
#include <string>

cosm::generator<void, std::string> finder(std::string x) {
  try {
    while (true) {
      auto text = co_yield {};
      if (text && text->find(x) != std::string::npos)
        std::cout << "found " << *text << "\n";
    }
  } catch (const cosm::generator_exit &) {
    std::cout << "finder closing\n";
    throw;
  }
}

int main() {
  auto f = finder("python");
  try {
    f.send("python first");
  } catch (const cosm::generator_error &) {
    std::cout << "error not started\n";
  }
  f.next(); // priming
  f.send("I love python");
  f.send("I love c++");
  f.next(); // Python's f.send(None)
  f.send("python again");
  f.close();
  f.close(); // idempotent
}
