// Helpers shared by the generator tests: an event log and a type that records
// its lifetime in it. Plain C++17 so lowered and native code can share them.
#pragma once

#include <string>
#include <utility>
#include <vector>

namespace cosm_test {

struct event_log {
  std::vector<std::string> events;
  void add(std::string event) { events.push_back(std::move(event)); }
};

// Logs "+name" when built and "-name" when destroyed; never copied or moved,
// so every line stands for one object.
class tracer {
public:
  tracer(event_log &log, std::string name) : log_(log), name_(std::move(name)) {
    log_.add("+" + name_);
  }
  tracer(const tracer &) = delete;
  tracer &operator=(const tracer &) = delete;
  ~tracer() { log_.add("-" + name_); }

private:
  event_log &log_;
  std::string name_;
};

} // namespace cosm_test
