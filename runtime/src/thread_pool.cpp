// The thread pool behind cosm::to_thread: a few threads shared by every loop
// of the process, started on demand. A finished job goes back to its loop's
// completion list, and the loop is woken through its eventfd.
#include "cosm/detail/loop_core.hpp"

#include <sys/eventfd.h>
#include <unistd.h>

#include <algorithm>
#include <condition_variable>
#include <cstdint>
#include <deque>
#include <mutex>
#include <thread>
#include <vector>

namespace cosm::detail {

namespace {

class thread_pool {
public:
  static thread_pool &instance() {
    static thread_pool pool;
    return pool;
  }

  void submit(loop_job &job) {
    std::lock_guard<std::mutex> lock(mutex_);
    queue_.push_back(&job);
    // Each idle thread (woken or not yet) takes one queued job: start a new
    // thread when the queue holds more jobs than that.
    if (queue_.size() > idle_ && threads_.size() < max_threads())
      threads_.emplace_back([this] { work(); });
    else
      ready_.notify_one();
  }

  ~thread_pool() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    ready_.notify_all();
    for (std::thread &t : threads_)
      t.join();
  }

private:
  static std::size_t max_threads() {
    const unsigned hw = std::thread::hardware_concurrency();
    return std::clamp<std::size_t>(hw, 4, 16);
  }

  void work() {
    std::unique_lock<std::mutex> lock(mutex_);
    for (;;) {
      ++idle_;
      ready_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      --idle_;
      if (queue_.empty())
        return; // stopping
      loop_job *job = queue_.front();
      queue_.pop_front();
      lock.unlock();
      job->execute();
      job->owner->post_completion(*job);
      lock.lock();
    }
  }

  std::mutex mutex_;
  std::condition_variable ready_;
  std::deque<loop_job *> queue_;
  std::vector<std::thread> threads_;
  std::size_t idle_ = 0;
  bool stopping_ = false;
};

} // namespace

void loop::submit(loop_job &job) {
  job.owner = this;
  thread_pool::instance().submit(job);
  ++jobs_in_flight_;
}

void loop::post_completion(loop_job &job) noexcept {
  // The eventfd is written under the lock: once the loop has taken the last
  // completion it may close the eventfd, and no pool thread touches it after.
  std::lock_guard<std::mutex> lock(completed_mutex_);
  const bool was_empty = completed_ == nullptr;
  job.next_completed = completed_;
  completed_ = &job;
  if (was_empty) {
    const std::uint64_t one = 1;
    [[maybe_unused]] ssize_t n = ::write(wake_fd_, &one, sizeof one);
  }
}

void loop::drain_completions() noexcept {
  std::uint64_t count;
  [[maybe_unused]] ssize_t n = ::read(wake_fd_, &count, sizeof count);
  loop_job *list;
  {
    std::lock_guard<std::mutex> lock(completed_mutex_);
    list = completed_;
    completed_ = nullptr;
  }
  loop_job *fifo = nullptr; // completion order
  while (list) {
    loop_job *next = list->next_completed;
    list->next_completed = fifo;
    fifo = list;
    list = next;
  }
  while (loop_job *job = fifo) {
    fifo = job->next_completed;
    --jobs_in_flight_;
    job->complete();
  }
}

} // namespace cosm::detail
