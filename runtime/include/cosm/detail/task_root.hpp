// Roots and leaves of await chains.
//
// A root is what asyncio calls a Task: a chain of awaiting tasks the loop
// drives on its own (run's main, a spawned task, each child of gather and
// wait_for). A leaf is a cosm awaiter the innermost task of a chain suspends
// at (sleep, a socket, a join, gather, wait_for, to_thread); cancelling a root
// cancels the leaf it is suspended at, which raises cosm::cancelled_error from
// that co_await so the chain's try blocks and destructors run.
#pragma once

#include <exception>
#include <stdexcept>
#include <string>
#include <utility>

#include "cosm/detail/loop_core.hpp"
#include "cosm/detail/task_core.hpp"
#include "cosm/detail/task_handle.hpp"
#include "cosm/errors.hpp"

namespace cosm::detail {

class task_leaf;

class task_root {
public:
  task_root(const task_root &) = delete;
  task_root &operator=(const task_root &) = delete;

  // asyncio.Task.cancel: false when already done.
  bool cancel() noexcept;
  bool done() const noexcept { return done_; }
  // A cancel that found no leaf to cancel: raised at the next one.
  bool take_cancel() noexcept { return std::exchange(cancel_pending_, false); }

  // Schedules the first step (asyncio.create_task does not run eagerly).
  void start(loop &l) { l.schedule({this, &start_thunk}, this); }

  bool failed() const noexcept {
    return cancelled_ || (core_ && core_->cosm_error);
  }
  std::exception_ptr failure() const {
    if (cancelled_ || !core_)
      return std::make_exception_ptr(cancelled_error());
    return core_->cosm_error;
  }
  // The result (moved out) or the exception, rethrown.
  template <class T> T take_outcome() {
    if (cancelled_ || !core_)
      throw cancelled_error();
    return static_cast<task_core<T> *>(core_)->cosm_take_result();
  }
  // The result copied, for a join_handle awaited as an lvalue.
  template <class T> T copy_outcome() const {
    if (cancelled_ || !core_)
      throw cancelled_error();
    return static_cast<const task_core<T> *>(core_)->cosm_peek_result();
  }

  // Destroys the chain where it stands (only when a loop is torn down after
  // an internal error): the leaves' destructors unregister them.
  void destroy_chain() noexcept {
    if (core_)
      std::exchange(core_, nullptr)->cosm_destroy();
    done_ = cancelled_ = true;
  }

  task_leaf *waiting_at = nullptr; // the leaf the chain is suspended at

protected:
  task_root() noexcept = default;
  explicit task_root(task_core_base *core) noexcept : core_(core) {}
  virtual ~task_root() {
    if (core_)
      core_->cosm_destroy();
  }
  // The chain finished (the root is done); runs on the loop thread.
  virtual void on_done() noexcept = 0;

  task_core_base *core_ = nullptr;

private:
  static lowered::frame_handle start_thunk(void *address) noexcept {
    auto *root = static_cast<task_root *>(address);
    if (root->take_cancel()) { // cancelled before it started: never runs
      root->cancelled_ = true;
      root->finish();
      return {};
    }
    root->core_->cosm_continuation = {root, &done_thunk};
    return root->core_->cosm_self;
  }
  static lowered::frame_handle done_thunk(void *address) noexcept {
    auto *root = static_cast<task_root *>(address);
    // Cancelled while running its last step and then returned normally:
    // asyncio marks such a task cancelled too.
    if (root->take_cancel() && !root->core_->cosm_error)
      root->cancelled_ = true;
    root->finish();
    return {};
  }
  void finish() noexcept {
    done_ = true;
    on_done();
  }

  bool cancel_pending_ = false;
  bool done_ = false;
  bool cancelled_ = false;
};

// Base of every cancellable cosm awaiter.
class task_leaf {
public:
  // Called through task_root::cancel while the root waits here: detach from
  // the event source and arrange for the chain to resume (now or, for gather
  // and wait_for, once the children are finished).
  virtual void cancel() noexcept = 0;

protected:
  task_leaf() noexcept = default;
  task_leaf(const task_leaf &) noexcept {} // a copy is idle
  task_leaf &operator=(const task_leaf &) = delete;
  ~task_leaf() {
    if (root_ && root_->waiting_at == this)
      root_->waiting_at = nullptr;
  }

  // First thing in await_suspend. False when a cancel is already pending: do
  // not suspend then; leaf_end() will raise it.
  bool leaf_begin(lowered::frame_handle awaiting, const char *who) {
    loop_ = &loop::running(who);
    root_ = loop_->current_root();
    if (!root_)
      throw std::logic_error(std::string(who) +
                             ": awaited outside a cosm task");
    if (root_->take_cancel()) {
      cancelled_ = true;
      return false;
    }
    waiter_ = awaiting;
    root_->waiting_at = this;
    return true;
  }
  // The event happened: resume the chain on the next loop iteration.
  void leaf_wake() noexcept {
    if (root_->waiting_at == this)
      root_->waiting_at = nullptr;
    loop_->schedule(waiter_, root_);
  }
  // For cancel(): resume the chain with cancelled_error.
  void leaf_cancelled() noexcept {
    cancelled_ = true;
    loop_->schedule(waiter_, root_);
  }
  // await_suspend is about to throw after leaf_begin: not waiting after all.
  void leaf_detach() noexcept {
    if (root_ && root_->waiting_at == this)
      root_->waiting_at = nullptr;
    root_ = nullptr;
  }
  // First thing in await_resume after a suspension (or a refused one).
  void leaf_end() {
    bool cancelled = cancelled_;
    if (root_ && root_->take_cancel())
      cancelled = true;
    if (cancelled)
      throw cancelled_error();
  }

  loop *loop_ = nullptr;
  task_root *root_ = nullptr;
  lowered::frame_handle waiter_;
  bool cancelled_ = false;
};

inline bool task_root::cancel() noexcept {
  if (done_)
    return false;
  if (task_leaf *leaf = std::exchange(waiting_at, nullptr))
    leaf->cancel();
  else
    cancel_pending_ = true;
  return true;
}

// cosm::run's main task; the loop stops when it is done.
class main_root final : public task_root {
public:
  explicit main_root(task_core_base *core) noexcept : task_root(core) {}

private:
  void on_done() noexcept override {}
};

// A child of gather or wait_for: embedded in the parent's frame, which is
// told when the child is done.
class child_root;
class child_owner {
public:
  virtual void child_done(child_root &child) noexcept = 0;

protected:
  ~child_owner() = default;
};

class child_root final : public task_root {
public:
  child_root() noexcept = default;
  child_root(task_core_base *core, child_owner *owner) noexcept
      : task_root(core), owner_(owner) {}
  void assign(task_core_base *core, child_owner *owner) noexcept {
    core_ = core;
    owner_ = owner;
  }

private:
  void on_done() noexcept override { owner_->child_done(*this); }
  child_owner *owner_ = nullptr;
};

class spawned_root;

// What a `co_await join_handle` suspends at: holds a reference to the joined
// task and, while waiting, is linked into its list of joiners.
class join_leaf : public task_leaf {
public:
  void cancel() noexcept override;

protected:
  explicit join_leaf(spawned_root *joined) noexcept;
  join_leaf(const join_leaf &other) noexcept;
  ~join_leaf();
  void join_suspend() noexcept;

  spawned_root *joined_;

private:
  friend class spawned_root;
  bool linked_ = false;
  join_leaf *prev_ = nullptr, *next_ = nullptr;
};

// A task started by cosm::spawn: shared by the loop (until it is done) and
// the join_handles, single-threaded reference count.
class spawned_root final : public task_root {
public:
  explicit spawned_root(task_core_base *core) noexcept : task_root(core) {}

  void add_ref() noexcept { ++refs_; }
  void release() noexcept {
    if (--refs_ == 0)
      delete this;
  }
  // Runs on_done's work when a loop is torn down with the task still alive.
  void abandon() noexcept {
    destroy_chain();
    on_done();
  }

  void link_joiner(join_leaf &j) noexcept {
    j.linked_ = true;
    j.prev_ = nullptr;
    j.next_ = joiners_;
    if (joiners_)
      joiners_->prev_ = &j;
    joiners_ = &j;
  }
  void unlink_joiner(join_leaf &j) noexcept {
    (j.prev_ ? j.prev_->next_ : joiners_) = j.next_;
    if (j.next_)
      j.next_->prev_ = j.prev_;
    j.linked_ = false;
    j.prev_ = j.next_ = nullptr;
  }

  loop *owner = nullptr;           // the loop that still owns it, if any
  bool shutdown_cancelled = false; // cancelled by cosm::run's epilogue
  spawned_root *list_prev = nullptr, *list_next = nullptr;

private:
  ~spawned_root() override = default;
  void on_done() noexcept override {
    // Joiners resume in the order they started waiting.
    join_leaf *last = joiners_;
    while (last && last->next_)
      last = last->next_;
    while (join_leaf *j = last) {
      last = j->prev_;
      unlink_joiner(*j);
      j->leaf_wake();
    }
    if (loop *l = std::exchange(owner, nullptr)) {
      l->forget(*this);
      release();
    }
  }

  int refs_ = 0;
  join_leaf *joiners_ = nullptr;
};

inline join_leaf::join_leaf(spawned_root *joined) noexcept : joined_(joined) {
  joined_->add_ref();
}
inline join_leaf::join_leaf(const join_leaf &other) noexcept
    : task_leaf(other), joined_(other.joined_) {
  joined_->add_ref();
}
inline join_leaf::~join_leaf() {
  if (linked_)
    joined_->unlink_joiner(*this);
  joined_->release();
}
inline void join_leaf::join_suspend() noexcept { joined_->link_joiner(*this); }
inline void join_leaf::cancel() noexcept {
  if (linked_)
    joined_->unlink_joiner(*this);
  leaf_cancelled();
}

} // namespace cosm::detail
