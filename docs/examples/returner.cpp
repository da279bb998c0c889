// Lesson: co_return gives a generator a result, Python's StopIteration.value,
// read with result() once the generator is done.
#include <cosm/cosm.hpp>

#include <iostream>
#include <string>

cosm::generator<int, void, std::string> returner() {
  co_yield 1;
  co_return "result";
}

int main() {
  auto r = returner();
  r.next();
  if (!r.next())
    std::cout << "value " << r.result() << "\n";
}
