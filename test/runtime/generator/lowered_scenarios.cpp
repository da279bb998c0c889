// The programs of native_scenarios.cpp lowered by hand, exactly as the cosm
// tool emits them (docs/lowered-abi.md): a `switch (cosm_state)` dispatch,
// nested dispatch into `try` blocks and into the scopes of guarded locals,
// non-trivial hoisted locals in anonymous unions built with placement new and
// guarded by local_guard, and a per-state destructor. Compiled as C++17.
#include "scenarios.hpp"

#include <new>
#include <optional>
#include <stdexcept>
#include <utility>

namespace lowered_impl {

using cosm_test::event_log;
using cosm_test::tracer;

// cosm::generator<int> countdown(event_log &log, int n) {
//   log.add("start " + std::to_string(n));
//   while (n > 0) {
//     co_yield n;
//     --n;
//   }
//   log.add("done");
// }
struct countdown_frame final : cosm::lowered::generator_frame<int, void, void> {
  event_log &log;
  int n;
  explicit countdown_frame(event_log &log, int n) : log(log), n(std::move(n)) {}
  ~countdown_frame() override {}
  void resume() override {
    switch (cosm_state) {
    case 0:
      break;
    case 1:
      goto cosm_resume_1;
    }
    log.add("start " + std::to_string(n));
    while (n > 0) {
      cosm_yield(n);
      cosm_state = 1;
      return;
    cosm_resume_1:
      cosm_resumed();
      --n;
    }
    log.add("done");
  }
};
cosm::generator<int> countdown(event_log &log, int n) {
  return cosm::lowered::make_generator<countdown_frame>(log, std::move(n));
}

// cosm::generator<void, std::string> finder(event_log &log, std::string x) {
//   try {
//     while (true) {
//       auto text = co_yield {};
//       if (text && text->find(x) != std::string::npos)
//         log.add("found " + *text);
//     }
//   } catch (const cosm::generator_exit &) {
//     log.add("finder closing");
//     throw;
//   }
// }
struct finder_frame final
    : cosm::lowered::generator_frame<void, std::string, void> {
  event_log &log;
  std::string x;
  explicit finder_frame(event_log &log, std::string x)
      : log(log), x(std::move(x)) {}
  ~finder_frame() override {}
  void resume() override {
    switch (cosm_state) {
    case 0:
      break;
    case 1:
      goto cosm_try_1;
    }
  cosm_try_1:
    try {
      switch (cosm_state) {
      case 1:
        goto cosm_resume_1;
      }
      while (true) {
        cosm_yield({});
        cosm_state = 1;
        return;
      cosm_resume_1:
        cosm_resumed();
        auto text = cosm_sent();
        if (text && text->find(x) != std::string::npos)
          log.add("found " + *text);
      }
    } catch (const cosm::generator_exit &) {
      log.add("finder closing");
      throw;
    }
  }
};
cosm::generator<void, std::string> finder(event_log &log, std::string x) {
  return cosm::lowered::make_generator<finder_frame>(log, std::move(x));
}

// cosm::generator<int> catcher(event_log &log) {
//   int n = 0;
//   while (true) {
//     try {
//       co_yield n;
//     } catch (const std::invalid_argument &e) {
//       log.add(std::string("caught ") + e.what());
//       n += 10;
//     }
//     n += 1;
//   }
// }
struct catcher_frame final : cosm::lowered::generator_frame<int, void, void> {
  event_log &log;
  int n;
  explicit catcher_frame(event_log &log) : log(log) {}
  ~catcher_frame() override {}
  void resume() override {
    switch (cosm_state) {
    case 0:
      break;
    case 1:
      goto cosm_try_1;
    }
    n = 0;
    while (true) {
    cosm_try_1:
      try {
        switch (cosm_state) {
        case 1:
          goto cosm_resume_1;
        }
        cosm_yield(n);
        cosm_state = 1;
        return;
      cosm_resume_1:
        cosm_resumed();
      } catch (const std::invalid_argument &e) {
        log.add(std::string("caught ") + e.what());
        n += 10;
      }
      n += 1;
    }
  }
};
cosm::generator<int> catcher(event_log &log) {
  return cosm::lowered::make_generator<catcher_frame>(log);
}

// cosm::generator<std::string, std::string, std::string>
// inner(event_log &log) {
//   bool recovered = false;
//   try {
//     auto got = co_yield "i1";
//     log.add("inner got " + got.value_or("None"));
//     got = co_yield "i2";
//     log.add("inner got " + got.value_or("None"));
//   } catch (const std::invalid_argument &e) {
//     log.add(std::string("inner caught ") + e.what());
//     recovered = true;
//   }
//   if (recovered)
//     co_yield "i-recovered";
//   co_return "inner-ret";
// }
struct inner_frame final
    : cosm::lowered::generator_frame<std::string, std::string, std::string> {
  event_log &log;
  bool recovered;
  union {
    std::optional<std::string> got;
  };
  explicit inner_frame(event_log &log) : log(log) {}
  ~inner_frame() override {
    switch (cosm_state) {
    case 2:
      cosm::lowered::destroy(got);
      break;
    }
  }
  void resume() override {
    switch (cosm_state) {
    case 0:
      break;
    case 1:
    case 2:
      goto cosm_try_1;
    case 3:
      goto cosm_resume_3;
    }
    recovered = false;
  cosm_try_1:
    try {
      switch (cosm_state) {
      case 1:
        goto cosm_resume_1;
      case 2:
        goto cosm_scope_got;
      }
      cosm_yield("i1");
      cosm_state = 1;
      return;
    cosm_resume_1:
      cosm_resumed();
      ::new (cosm::lowered::storage(got))
          std::optional<std::string>(cosm_sent());
    cosm_scope_got: {
      cosm::lowered::local_guard<std::optional<std::string>> got_guard(got,
                                                                       *this);
      switch (cosm_state) {
      case 2:
        goto cosm_resume_2;
      }
      log.add("inner got " + got.value_or("None"));
      cosm_yield("i2");
      cosm_state = 2;
      return;
    cosm_resume_2:
      cosm_resumed();
      got = cosm_sent();
      log.add("inner got " + got.value_or("None"));
    }
    } catch (const std::invalid_argument &e) {
      log.add(std::string("inner caught ") + e.what());
      recovered = true;
    }
    if (recovered) {
      cosm_yield("i-recovered");
      cosm_state = 3;
      return;
    cosm_resume_3:
      cosm_resumed();
    }
    cosm_return("inner-ret");
    return;
  }
};
cosm::generator<std::string, std::string, std::string> inner(event_log &log) {
  return cosm::lowered::make_generator<inner_frame>(log);
}

// cosm::generator<std::string, std::string> outer(event_log &log) {
//   co_yield "o1";
//   auto res = co_yield cosm::from(inner(log));
//   log.add("outer res " + res);
//   co_yield "o2";
// }
struct outer_frame final
    : cosm::lowered::generator_frame<std::string, std::string, void> {
  using cosm_from_2_type =
      cosm::from_t<cosm::generator<std::string, std::string, std::string>>;
  event_log &log;
  union {
    cosm_from_2_type cosm_from_2;
  };
  union {
    std::string res;
  };
  explicit outer_frame(event_log &log) : log(log) {}
  ~outer_frame() override {
    switch (cosm_state) {
    case 2:
      cosm::lowered::destroy(cosm_from_2);
      break;
    case 3:
      cosm::lowered::destroy(res);
      break;
    }
  }
  void resume() override {
    switch (cosm_state) {
    case 0:
      break;
    case 1:
      goto cosm_resume_1;
    case 2:
      goto cosm_scope_from_2;
    case 3:
      goto cosm_scope_res;
    }
    cosm_yield("o1");
    cosm_state = 1;
    return;
  cosm_resume_1:
    cosm_resumed();
    ::new (cosm::lowered::storage(cosm_from_2))
        cosm_from_2_type(cosm::from(lowered_impl::inner(log)));
  cosm_scope_from_2: {
    cosm::lowered::local_guard<cosm_from_2_type> cosm_from_2_guard(cosm_from_2,
                                                                   *this);
    switch (cosm_state) {
    case 2:
      goto cosm_resume_2;
    }
    if (cosm_yield_from(cosm_from_2)) {
      cosm_state = 2;
      return;
    }
  cosm_resume_2:
    cosm_resumed();
    ::new (cosm::lowered::storage(res)) std::string(cosm_from_2.result());
  }
  cosm_scope_res: {
    cosm::lowered::local_guard<std::string> res_guard(res, *this);
    switch (cosm_state) {
    case 3:
      goto cosm_resume_3;
    }
    log.add("outer res " + res);
    cosm_yield("o2");
    cosm_state = 3;
    return;
  cosm_resume_3:
    cosm_resumed();
  }
  }
};
cosm::generator<std::string, std::string> outer(event_log &log) {
  return cosm::lowered::make_generator<outer_frame>(log);
}

// cosm::generator<int> stubborn(event_log &log) {
//   bool exiting = false;
//   try {
//     co_yield 1;
//   } catch (const cosm::generator_exit &) {
//     log.add("stubborn caught generator_exit");
//     exiting = true;
//   }
//   if (exiting)
//     co_yield 2;
//   log.add("stubborn end");
// }
struct stubborn_frame final : cosm::lowered::generator_frame<int, void, void> {
  event_log &log;
  bool exiting;
  explicit stubborn_frame(event_log &log) : log(log) {}
  ~stubborn_frame() override {}
  void resume() override {
    switch (cosm_state) {
    case 0:
      break;
    case 1:
      goto cosm_try_1;
    case 2:
      goto cosm_resume_2;
    }
    exiting = false;
  cosm_try_1:
    try {
      switch (cosm_state) {
      case 1:
        goto cosm_resume_1;
      }
      cosm_yield(1);
      cosm_state = 1;
      return;
    cosm_resume_1:
      cosm_resumed();
    } catch (const cosm::generator_exit &) {
      log.add("stubborn caught generator_exit");
      exiting = true;
    }
    if (exiting) {
      cosm_yield(2);
      cosm_state = 2;
      return;
    cosm_resume_2:
      cosm_resumed();
    }
    log.add("stubborn end");
  }
};
cosm::generator<int> stubborn(event_log &log) {
  return cosm::lowered::make_generator<stubborn_frame>(log);
}

// cosm::generator<int, void, std::string> returner(event_log &log) {
//   log.add("returner start");
//   co_yield 1;
//   co_return "result";
// }
struct returner_frame final
    : cosm::lowered::generator_frame<int, void, std::string> {
  event_log &log;
  explicit returner_frame(event_log &log) : log(log) {}
  ~returner_frame() override {}
  void resume() override {
    switch (cosm_state) {
    case 0:
      break;
    case 1:
      goto cosm_resume_1;
    }
    log.add("returner start");
    cosm_yield(1);
    cosm_state = 1;
    return;
  cosm_resume_1:
    cosm_resumed();
    cosm_return("result");
    return;
  }
};
cosm::generator<int, void, std::string> returner(event_log &log) {
  return cosm::lowered::make_generator<returner_frame>(log);
}

// cosm::generator<int> scoped(event_log &log) {
//   tracer a(log, "a");
//   co_yield 1;
//   {
//     tracer b(log, "b");
//     co_yield 2;
//     log.add("after 2");
//   }
//   tracer c(log, "c");
//   co_yield 3;
//   log.add("end");
// }
// b and c never live at the same time, so they share a slot.
struct scoped_frame final : cosm::lowered::generator_frame<int, void, void> {
  event_log &log;
  union {
    tracer a;
  };
  union {
    tracer b;
    tracer c;
  };
  explicit scoped_frame(event_log &log) : log(log) {}
  ~scoped_frame() override {
    switch (cosm_state) {
    case 1:
      cosm::lowered::destroy(a);
      break;
    case 2:
      cosm::lowered::destroy(b);
      cosm::lowered::destroy(a);
      break;
    case 3:
      cosm::lowered::destroy(c);
      cosm::lowered::destroy(a);
      break;
    }
  }
  void resume() override {
    switch (cosm_state) {
    case 0:
      break;
    case 1:
    case 2:
    case 3:
      goto cosm_scope_a;
    }
    ::new (cosm::lowered::storage(a)) tracer(log, "a");
  cosm_scope_a: {
    cosm::lowered::local_guard<tracer> a_guard(a, *this);
    switch (cosm_state) {
    case 1:
      goto cosm_resume_1;
    case 2:
      goto cosm_scope_b;
    case 3:
      goto cosm_scope_c;
    }
    cosm_yield(1);
    cosm_state = 1;
    return;
  cosm_resume_1:
    cosm_resumed();
    ::new (cosm::lowered::storage(b)) tracer(log, "b");
  cosm_scope_b: {
    cosm::lowered::local_guard<tracer> b_guard(b, *this);
    switch (cosm_state) {
    case 2:
      goto cosm_resume_2;
    }
    cosm_yield(2);
    cosm_state = 2;
    return;
  cosm_resume_2:
    cosm_resumed();
    log.add("after 2");
  }
    ::new (cosm::lowered::storage(c)) tracer(log, "c");
  cosm_scope_c: {
    cosm::lowered::local_guard<tracer> c_guard(c, *this);
    switch (cosm_state) {
    case 3:
      goto cosm_resume_3;
    }
    cosm_yield(3);
    cosm_state = 3;
    return;
  cosm_resume_3:
    cosm_resumed();
    log.add("end");
  }
  }
  }
};
cosm::generator<int> scoped(event_log &log) {
  return cosm::lowered::make_generator<scoped_frame>(log);
}

// cosm::generator<int, void, int> leaf(event_log &log) {
//   tracer t(log, "leaf");
//   co_yield 10;
//   co_yield 11;
//   co_return 5;
// }
struct leaf_frame final : cosm::lowered::generator_frame<int, void, int> {
  event_log &log;
  union {
    tracer t;
  };
  explicit leaf_frame(event_log &log) : log(log) {}
  ~leaf_frame() override {
    switch (cosm_state) {
    case 1:
    case 2:
      cosm::lowered::destroy(t);
      break;
    }
  }
  void resume() override {
    switch (cosm_state) {
    case 0:
      break;
    case 1:
    case 2:
      goto cosm_scope_t;
    }
    ::new (cosm::lowered::storage(t)) tracer(log, "leaf");
  cosm_scope_t: {
    cosm::lowered::local_guard<tracer> t_guard(t, *this);
    switch (cosm_state) {
    case 1:
      goto cosm_resume_1;
    case 2:
      goto cosm_resume_2;
    }
    cosm_yield(10);
    cosm_state = 1;
    return;
  cosm_resume_1:
    cosm_resumed();
    cosm_yield(11);
    cosm_state = 2;
    return;
  cosm_resume_2:
    cosm_resumed();
    cosm_return(5);
    return;
  }
  }
};
cosm::generator<int, void, int> leaf(event_log &log) {
  return cosm::lowered::make_generator<leaf_frame>(log);
}

// cosm::generator<int> trunk(event_log &log) {
//   tracer t(log, "trunk");
//   int r = co_yield cosm::from(leaf(log));
//   co_yield r;
// }
struct trunk_frame final : cosm::lowered::generator_frame<int, void, void> {
  using cosm_from_1_type = cosm::from_t<cosm::generator<int, void, int>>;
  event_log &log;
  union {
    tracer t;
  };
  union {
    cosm_from_1_type cosm_from_1;
  };
  int r;
  explicit trunk_frame(event_log &log) : log(log) {}
  ~trunk_frame() override {
    switch (cosm_state) {
    case 1:
      cosm::lowered::destroy(cosm_from_1);
      cosm::lowered::destroy(t);
      break;
    case 2:
      cosm::lowered::destroy(t);
      break;
    }
  }
  void resume() override {
    switch (cosm_state) {
    case 0:
      break;
    case 1:
    case 2:
      goto cosm_scope_t;
    }
    ::new (cosm::lowered::storage(t)) tracer(log, "trunk");
  cosm_scope_t: {
    cosm::lowered::local_guard<tracer> t_guard(t, *this);
    switch (cosm_state) {
    case 1:
      goto cosm_scope_from_1;
    case 2:
      goto cosm_resume_2;
    }
    ::new (cosm::lowered::storage(cosm_from_1))
        cosm_from_1_type(cosm::from(lowered_impl::leaf(log)));
  cosm_scope_from_1: {
    cosm::lowered::local_guard<cosm_from_1_type> cosm_from_1_guard(cosm_from_1,
                                                                   *this);
    switch (cosm_state) {
    case 1:
      goto cosm_resume_1;
    }
    if (cosm_yield_from(cosm_from_1)) {
      cosm_state = 1;
      return;
    }
  cosm_resume_1:
    cosm_resumed();
    r = cosm_from_1.result();
  }
    cosm_yield(r);
    cosm_state = 2;
    return;
  cosm_resume_2:
    cosm_resumed();
  }
  }
};
cosm::generator<int> trunk(event_log &log) {
  return cosm::lowered::make_generator<trunk_frame>(log);
}

} // namespace lowered_impl
