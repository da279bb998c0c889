// Lesson: there is no restriction on defining coroutines as methods. An
// instance method reaches the object's members through the implicit `this`
// (the object must outlive the task), a const method only reads them, and a
// static method (C++'s stand-in for both Python's classmethod and
// staticmethod) has no object at all.
#include <cosm/cosm.hpp>

#include <chrono>
#include <iostream>
#include <string>
#include <utility>

using namespace std::chrono_literals;

class account {
public:
  explicit account(std::string owner) : owner_(std::move(owner)) {}

  // Instance method: reads and writes members across suspend points.
  cosm::task<long> deposit(long amount) {
    co_await cosm::sleep(0ms); // pretend to talk to the bank
    balance_ += amount;
    ++operations_;
    co_return balance_;
  }

  // Const method: only reads, through a const `this`.
  cosm::task<std::string> statement() const {
    co_await cosm::sleep(0ms);
    co_return owner_ + ": " + std::to_string(balance_) + " after " +
        std::to_string(operations_) + " operations";
  }

  // Static method: builds an account asynchronously.
  static cosm::task<account> open(std::string owner, long initial) {
    account a(std::move(owner));
    co_await a.deposit(initial);
    co_return a;
  }

private:
  std::string owner_;
  long balance_ = 0;
  int operations_ = 0;
};

cosm::task<void> async_main() {
  account alice = co_await account::open("alice", 100);
  std::cout << "deposit 20 -> " << co_await alice.deposit(20) << "\n";
  std::cout << "deposit 30 -> " << co_await alice.deposit(30) << "\n";
  std::cout << co_await alice.statement() << "\n";

  // Two accounts updated concurrently.
  account bob("bob");
  co_await cosm::gather(alice.deposit(1), bob.deposit(2), bob.deposit(3));
  const account &view = bob;
  std::cout << co_await alice.statement() << "\n";
  std::cout << co_await view.statement() << "\n";
}

int main() { cosm::run(async_main()); }
