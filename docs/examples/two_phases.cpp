// Lesson: a task that has two phases which must run in order awaits them one
// after the other, passing the first one's result to the second. Awaiting
// them is enough: the outer task already runs on the loop, so its phases do
// not need to be handed to the loop separately. While one phase waits, other
// tasks run: two outer tasks gathered together interleave their phases,
// each keeping its own order.
#include <cosm/cosm.hpp>

#include <chrono>
#include <iostream>
#include <string>
#include <tuple>
#include <utility>

using namespace std::chrono_literals;

cosm::task<std::string> phase1(std::string tag) {
  std::cout << "in phase1" << tag << "\n";
  co_await cosm::sleep(10ms);
  co_return "phase1 result" + tag;
}

cosm::task<std::string> phase2(std::string tag, std::string arg) {
  std::cout << "in phase2" << tag << "\n";
  co_await cosm::sleep(10ms);
  co_return "phase2 derived from " + arg;
}

cosm::task<std::pair<std::string, std::string>> outer(std::string tag) {
  std::cout << "in outer" << tag << "\n";
  std::string r1 = co_await phase1(tag);
  std::string r2 = co_await phase2(tag, r1);
  co_return std::make_pair(r1, r2);
}

void show(const std::pair<std::string, std::string> &result) {
  std::cout << "('" << result.first << "', '" << result.second << "')\n";
}

cosm::task<void> async_main() {
  show(co_await outer(""));

  std::cout << "two at once:\n";
  std::tuple<std::pair<std::string, std::string>,
             std::pair<std::string, std::string>>
      both = co_await cosm::gather(outer(" A"), outer(" B"));
  show(std::get<0>(both));
  show(std::get<1>(both));
}

int main() { cosm::run(async_main()); }
