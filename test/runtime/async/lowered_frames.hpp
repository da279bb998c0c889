// Task frames written by hand exactly as docs/lowered-abi.md says the tool
// emits them (the original coroutine above each). Plain C++17; included by the
// lowered test (C++17) and by the mixed test (C++20), where native tasks await
// them and they await native tasks.
#pragma once

#include "support.hpp"

#include "cosm/lowered/frame.hpp"
#include "cosm/lowered/task_frame.hpp"

#include <chrono>
#include <string>
#include <utility>

namespace lowered_frames {

using cosm_test::trace;

// cosm::task<std::string> greet(std::string name) {
//   co_return "Hello, " + name;
// }
struct greet_frame final : cosm::lowered::task_frame<std::string> {
  std::string name;
  explicit greet_frame(std::string name) : name(std::move(name)) {}
  ~greet_frame() override {}
  cosm::lowered::frame_handle resume() override {
    cosm_return("Hello, " + name);
    return cosm_final();
  }
};
inline cosm::task<std::string> greet(std::string name) {
  return cosm::lowered::make_task<greet_frame>(std::move(name));
}

// cosm::task<long> fib(int n) {
//   if (n <= 1)
//     co_return n;
//   co_return co_await fib(n - 1) + co_await fib(n - 2);
// }
inline cosm::task<long> fib(int n);
struct fib_frame final : cosm::lowered::task_frame<long> {
  int n;
  union {
    cosm::detail::task_awaiter<long> cosm_a1;
  };
  long cosm_t1;
  union {
    cosm::detail::task_awaiter<long> cosm_a2;
  };
  explicit fib_frame(int n) : n(std::move(n)) {}
  ~fib_frame() override {
    switch (cosm_state) {
    case 1:
      cosm::lowered::destroy(cosm_a1);
      break;
    case 2:
      cosm::lowered::destroy(cosm_a2);
      break;
    }
  }
  cosm::lowered::frame_handle resume() override {
    using A = cosm::detail::task_awaiter<long>;
    switch (cosm_state) {
    case 0:
      break;
    case 1:
      goto cosm_dispatch_1;
    case 2:
      goto cosm_dispatch_2;
    }
    if (n <= 1) {
      cosm_return(n);
      return cosm_final();
    }
  cosm_dispatch_1: {
    if (cosm_state != 1)
      ::new (cosm::lowered::storage(cosm_a1))
          A(cosm::lowered::get_awaiter(fib(n - 1)));
    cosm::lowered::local_guard<A> cosm_g1(cosm_a1, *this);
    if (cosm_state != 1 && !cosm_a1.await_ready()) {
      cosm_state = 1;
      if (cosm_await_suspend(cosm_a1))
        return cosm_transfer();
    }
    cosm_resumed(); // cosm_resume_1
    cosm_t1 = cosm_a1.await_resume();
  }
  cosm_dispatch_2: {
    if (cosm_state != 2)
      ::new (cosm::lowered::storage(cosm_a2))
          A(cosm::lowered::get_awaiter(fib(n - 2)));
    cosm::lowered::local_guard<A> cosm_g2(cosm_a2, *this);
    if (cosm_state != 2 && !cosm_a2.await_ready()) {
      cosm_state = 2;
      if (cosm_await_suspend(cosm_a2))
        return cosm_transfer();
    }
    cosm_resumed(); // cosm_resume_2
    cosm_return(cosm_t1 + cosm_a2.await_resume());
  }
    return cosm_final();
  }
};
inline cosm::task<long> fib(int n) {
  return cosm::lowered::make_task<fib_frame>(std::move(n));
}

// cosm::task<int> nap(trace &log, int id, std::chrono::milliseconds d) {
//   log.push_back("start " + std::to_string(id));
//   co_await cosm::sleep(d);
//   log.push_back("end " + std::to_string(id) + " at " +
//                 std::to_string(cosm_test::ms_now()));
//   co_return id * 10;
// }
struct nap_frame final : cosm::lowered::task_frame<int> {
  trace &log;
  int id;
  std::chrono::milliseconds d;
  union {
    cosm::detail::sleep_awaiter cosm_a1;
  };
  nap_frame(trace &log, int id, std::chrono::milliseconds d)
      : log(log), id(std::move(id)), d(std::move(d)) {}
  ~nap_frame() override {
    if (cosm_state == 1)
      cosm::lowered::destroy(cosm_a1);
  }
  cosm::lowered::frame_handle resume() override {
    using A = cosm::detail::sleep_awaiter;
    switch (cosm_state) {
    case 0:
      break;
    case 1:
      goto cosm_dispatch_1;
    }
    log.push_back("start " + std::to_string(id));
  cosm_dispatch_1: {
    if (cosm_state != 1)
      ::new (cosm::lowered::storage(cosm_a1))
          A(cosm::lowered::get_awaiter(cosm::sleep(d)));
    cosm::lowered::local_guard<A> cosm_g1(cosm_a1, *this);
    if (cosm_state != 1 && !cosm_a1.await_ready()) {
      cosm_state = 1;
      if (cosm_await_suspend(cosm_a1))
        return cosm_transfer();
    }
    cosm_resumed(); // cosm_resume_1
    cosm_a1.await_resume();
  }
    log.push_back("end " + std::to_string(id) + " at " +
                  std::to_string(cosm_test::ms_now()));
    cosm_return(id * 10);
    return cosm_final();
  }
};
inline cosm::task<int> nap(trace &log, int id, std::chrono::milliseconds d) {
  return cosm::lowered::make_task<nap_frame>(log, std::move(id), std::move(d));
}

// cosm::task<int> chain(int n) {
//   if (n == 0)
//     co_return 0;
//   co_return 1 + co_await chain(n - 1);
// }
inline cosm::task<int> chain(int n);
struct chain_frame final : cosm::lowered::task_frame<int> {
  int n;
  union {
    cosm::detail::task_awaiter<int> cosm_a1;
  };
  explicit chain_frame(int n) : n(std::move(n)) {}
  ~chain_frame() override {
    if (cosm_state == 1)
      cosm::lowered::destroy(cosm_a1);
  }
  cosm::lowered::frame_handle resume() override {
    using A = cosm::detail::task_awaiter<int>;
    switch (cosm_state) {
    case 0:
      break;
    case 1:
      goto cosm_dispatch_1;
    }
    if (n == 0) {
      cosm_return(0);
      return cosm_final();
    }
  cosm_dispatch_1: {
    if (cosm_state != 1)
      ::new (cosm::lowered::storage(cosm_a1))
          A(cosm::lowered::get_awaiter(chain(n - 1)));
    cosm::lowered::local_guard<A> cosm_g1(cosm_a1, *this);
    if (cosm_state != 1 && !cosm_a1.await_ready()) {
      cosm_state = 1;
      if (cosm_await_suspend(cosm_a1))
        return cosm_transfer();
    }
    cosm_resumed(); // cosm_resume_1
    cosm_return(1 + cosm_a1.await_resume());
  }
    return cosm_final();
  }
};
inline cosm::task<int> chain(int n) {
  return cosm::lowered::make_task<chain_frame>(std::move(n));
}

// cosm::task<long> add_one(cosm::task<long> inner) {
//   co_return co_await std::move(inner) + 1;
// }
struct add_one_frame final : cosm::lowered::task_frame<long> {
  cosm::task<long> inner;
  union {
    cosm::detail::task_awaiter<long> cosm_a1;
  };
  explicit add_one_frame(cosm::task<long> inner) : inner(std::move(inner)) {}
  ~add_one_frame() override {
    if (cosm_state == 1)
      cosm::lowered::destroy(cosm_a1);
  }
  cosm::lowered::frame_handle resume() override {
    using A = cosm::detail::task_awaiter<long>;
    switch (cosm_state) {
    case 0:
      break;
    case 1:
      goto cosm_dispatch_1;
    }
  cosm_dispatch_1: {
    if (cosm_state != 1)
      ::new (cosm::lowered::storage(cosm_a1))
          A(cosm::lowered::get_awaiter(std::move(inner)));
    cosm::lowered::local_guard<A> cosm_g1(cosm_a1, *this);
    if (cosm_state != 1 && !cosm_a1.await_ready()) {
      cosm_state = 1;
      if (cosm_await_suspend(cosm_a1))
        return cosm_transfer();
    }
    cosm_resumed(); // cosm_resume_1
    cosm_return(cosm_a1.await_resume() + 1);
  }
    return cosm_final();
  }
};
inline cosm::task<long> add_one(cosm::task<long> inner) {
  return cosm::lowered::make_task<add_one_frame>(std::move(inner));
}

// cosm::task<void> guarded(int *destroyed, trace &log) {
//   cosm_test::counted c(destroyed);
//   try {
//     co_await cosm::sleep(std::chrono::hours(1));
//     log.push_back("woke");
//   } catch (const cosm::cancelled_error &) {
//     log.push_back("cancelled at " + std::to_string(cosm_test::ms_now()));
//     throw;
//   }
// }
struct guarded_frame final : cosm::lowered::task_frame<void> {
  int *destroyed;
  trace &log;
  union {
    cosm_test::counted c;
  };
  union {
    cosm::detail::sleep_awaiter cosm_a1;
  };
  guarded_frame(int *destroyed, trace &log)
      : destroyed(std::move(destroyed)), log(log) {}
  ~guarded_frame() override {
    if (cosm_state == 1) {
      cosm::lowered::destroy(cosm_a1);
      cosm::lowered::destroy(c);
    }
  }
  cosm::lowered::frame_handle resume() override {
    using A = cosm::detail::sleep_awaiter;
    switch (cosm_state) {
    case 0:
      break;
    case 1:
      goto cosm_dispatch_1;
    }
  cosm_dispatch_1: {
    if (cosm_state != 1)
      ::new (cosm::lowered::storage(c)) cosm_test::counted(destroyed);
    cosm::lowered::local_guard<cosm_test::counted> cosm_gc(c, *this);
    try {
      { // nested dispatch: the suspend point is inside the try block
        if (cosm_state != 1)
          ::new (cosm::lowered::storage(cosm_a1))
              A(cosm::lowered::get_awaiter(cosm::sleep(std::chrono::hours(1))));
        cosm::lowered::local_guard<A> cosm_g1(cosm_a1, *this);
        if (cosm_state != 1 && !cosm_a1.await_ready()) {
          cosm_state = 1;
          if (cosm_await_suspend(cosm_a1))
            return cosm_transfer();
        }
        cosm_resumed(); // cosm_resume_1
        cosm_a1.await_resume();
      }
      log.push_back("woke");
    } catch (const cosm::cancelled_error &) {
      log.push_back("cancelled at " + std::to_string(cosm_test::ms_now()));
      throw;
    }
  }
    return cosm_final();
  }
};
inline cosm::task<void> guarded(int *destroyed, trace &log) {
  return cosm::lowered::make_task<guarded_frame>(std::move(destroyed), log);
}

// An awaiter that resumes the awaiting frame from inside await_suspend:
// resuming a running task must be a clear error, not undefined behaviour.
struct resume_inline {
  bool await_ready() const noexcept { return false; }
  void await_suspend(cosm::lowered::frame_handle h) const { h.resume(); }
  void await_resume() const noexcept {}
};

// cosm::task<int> reentrant() {
//   co_await resume_inline{};
//   co_return 1;
// }
struct reentrant_frame final : cosm::lowered::task_frame<int> {
  union {
    resume_inline cosm_a1;
  };
  reentrant_frame() {}
  ~reentrant_frame() override {
    if (cosm_state == 1)
      cosm::lowered::destroy(cosm_a1);
  }
  cosm::lowered::frame_handle resume() override {
    switch (cosm_state) {
    case 0:
      break;
    case 1:
      goto cosm_dispatch_1;
    }
  cosm_dispatch_1: {
    if (cosm_state != 1)
      ::new (cosm::lowered::storage(cosm_a1))
          resume_inline(cosm::lowered::get_awaiter(resume_inline{}));
    cosm::lowered::local_guard<resume_inline> cosm_g1(cosm_a1, *this);
    if (cosm_state != 1 && !cosm_a1.await_ready()) {
      cosm_state = 1;
      if (cosm_await_suspend(cosm_a1))
        return cosm_transfer();
    }
    cosm_resumed(); // cosm_resume_1
    cosm_a1.await_resume();
  }
    cosm_return(1);
    return cosm_final();
  }
};
inline cosm::task<int> reentrant() {
  return cosm::lowered::make_task<reentrant_frame>();
}

} // namespace lowered_frames
