// Lesson: synchronous vs asynchronous. Each count prints One, waits, prints
// Two. Waiting with a blocking sleep (std::this_thread::sleep_for, Python's
// time.sleep) holds the only thread, so three counts run one after the other:
// 3 waits. Awaiting cosm::sleep (asyncio.sleep) hands the thread back to the
// loop, which starts the next count meanwhile: all the Ones, then all the
// Twos, in about the time of one wait.
//
// The seed waits 1 s; here it is 0.1 s so the program stays quick. Timings
// vary from run to run, so the output only states facts about them, with
// margins wide enough for a loaded machine: a sleep never ends early (the
// lower bounds are certain), and the concurrent counts would have to be held
// up by more than 0.15 s to miss the upper bound. The measured times and the
// speed-up go to stderr, which the run tests do not compare.
#include <cosm/cosm.hpp>

#include <chrono>
#include <iostream>
#include <thread>

using namespace std::chrono_literals;

constexpr auto wait_time = 100ms;

void count_sync(int tag) {
  std::cout << "One " << tag << "\n";
  std::this_thread::sleep_for(wait_time);
  std::cout << "Two " << tag << "\n";
}

cosm::task<void> count(int tag) {
  std::cout << "One " << tag << "\n";
  co_await cosm::sleep(wait_time);
  std::cout << "Two " << tag << "\n";
}

cosm::task<std::chrono::nanoseconds> count_concurrently() {
  auto start = cosm::now();
  co_await cosm::gather(count(1), count(2), count(3));
  co_return cosm::now() - start;
}

const char *yes_no(bool b) { return b ? "yes" : "no"; }

int main() {
  std::cout << "synchronous:\n";
  auto start = std::chrono::steady_clock::now();
  for (int tag = 1; tag <= 3; ++tag)
    count_sync(tag);
  std::chrono::duration<double> sync = std::chrono::steady_clock::now() - start;

  std::cout << "concurrent:\n";
  std::chrono::duration<double> concurrent = cosm::run(count_concurrently());

  std::cout << "synchronous took at least 0.3s: "
            << yes_no(sync >= 3 * wait_time) << "\n";
  std::cout << "concurrent took at least 0.1s: "
            << yes_no(concurrent >= wait_time) << "\n";
  std::cout << "concurrent under 0.25s: " << yes_no(concurrent < 250ms) << "\n";
  std::cout << "concurrent faster than synchronous: "
            << yes_no(concurrent < sync) << "\n";
  std::cerr << "elapsed: synchronous " << sync.count() << " s, concurrent "
            << concurrent.count() << " s: " << sync / concurrent
            << "x faster\n";
}
