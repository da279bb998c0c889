// Timers: a binary min-heap of pointers to timer nodes embedded in awaiters
// and frames (no allocation per timer). Each node knows its heap index, so a
// cancelled sleep leaves the heap in O(log n). Equal deadlines fire in the
// order they were armed.
#include "cosm/detail/loop_core.hpp"

#include <utility>

namespace cosm::detail {

bool loop::timer_less(const timer_node *a, const timer_node *b) const noexcept {
  return a->deadline != b->deadline ? a->deadline < b->deadline
                                    : a->seq < b->seq;
}

void loop::sift_up(std::size_t i) noexcept {
  timer_node *node = timers_[i];
  while (i > 0) {
    std::size_t parent = (i - 1) / 2;
    if (!timer_less(node, timers_[parent]))
      break;
    timers_[i] = timers_[parent];
    timers_[i]->heap_index = i;
    i = parent;
  }
  timers_[i] = node;
  node->heap_index = i;
}

void loop::sift_down(std::size_t i) noexcept {
  timer_node *node = timers_[i];
  const std::size_t n = timers_.size();
  for (;;) {
    std::size_t child = 2 * i + 1;
    if (child >= n)
      break;
    if (child + 1 < n && timer_less(timers_[child + 1], timers_[child]))
      ++child;
    if (!timer_less(timers_[child], node))
      break;
    timers_[i] = timers_[child];
    timers_[i]->heap_index = i;
    i = child;
  }
  timers_[i] = node;
  node->heap_index = i;
}

void loop::arm(timer_node &t, std::int64_t deadline) {
  t.deadline = deadline;
  t.seq = timer_seq_++;
  timers_.push_back(&t);
  sift_up(timers_.size() - 1);
}

void loop::disarm(timer_node &t) noexcept {
  if (!t.armed())
    return;
  const std::size_t i = t.heap_index;
  t.heap_index = timer_node::not_armed;
  timer_node *last = timers_.back();
  timers_.pop_back();
  if (last == &t)
    return;
  timers_[i] = last;
  last->heap_index = i;
  sift_down(i);
  sift_up(last->heap_index);
}

void loop::fire_due_timers() noexcept {
  if (timers_.empty())
    return;
  const std::int64_t now = this->now();
  while (!timers_.empty() && timers_.front()->deadline <= now) {
    timer_node *t = timers_.front();
    disarm(*t);
    t->fire(t->context);
  }
}

} // namespace cosm::detail
