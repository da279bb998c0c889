// Lesson: the exhibition chess match. A master plays 24 boards; she makes a
// move in 5 s, each opponent replies in 55 s, and a game is 30 move pairs.
//
// Synchronously she plays the games one after the other: 24 games of
// 30 x (5 + 55) s = 30 min, 12 hours. Asynchronously she moves on one board
// and, while that opponent thinks, walks on to the next board: the event loop
// is her, the opponents' thinking is an await.
//
// Both run here for real, on the loop's virtual clock: simulated time jumps
// straight to the next timer, so hours of play take milliseconds and
// cosm::now() gives the exact simulated duration.
//
// The concurrent figure, exactly: a round of her moves takes 24 x 5 s = 120 s.
// Board b's k-th move (k = 1..30) ends at (k - 1) x 120 + 5b seconds, and its
// opponent is back 55 s later, well before she comes round again 120 s after
// that move started: she never waits, and the boards stay in order. Her
// last move, on board 24, ends at 30 x 120 = 3600 s, and that opponent's last
// reply comes at 3655 s = 1:00:55 (the seed's "one hour" is the 30 rounds of
// 2 minutes, without that final reply). Python's asyncio version (time.sleep(5)
// for her move, which holds the loop, then await asyncio.sleep(55)) follows
// the same schedule.
#include <cosm/cosm.hpp>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

using namespace std::chrono_literals;

constexpr int boards = 24;
constexpr int move_pairs = 30;
constexpr auto master_move_time = 5s;
constexpr auto opponent_move_time = 55s;

// The master is one person: she is at one board at a time. A move she is
// asked for while busy elsewhere starts when she is free (like Python's
// blocking time.sleep(5), which holds the whole loop).
class master {
public:
  cosm::task<void> move() {
    cosm::clock::time_point start = std::max(cosm::now(), free_at_);
    free_at_ = start + master_move_time;
    co_await cosm::sleep(free_at_ - cosm::now());
  }

private:
  cosm::clock::time_point free_at_{};
};

// One game; gives the simulated time at which it ended.
cosm::task<cosm::clock::duration> play(master &judit) {
  for (int pair = 1; pair <= move_pairs; ++pair) {
    co_await judit.move();
    co_await cosm::sleep(opponent_move_time);
  }
  co_return cosm::now().time_since_epoch();
}

// Synchronous: one game after the other.
cosm::task<cosm::clock::duration> one_game_at_a_time() {
  master judit;
  for (int board = 1; board <= boards; ++board)
    co_await play(judit);
  co_return cosm::now().time_since_epoch();
}

// Concurrent: all the games at once; each game's end, in board order.
cosm::task<std::vector<cosm::clock::duration>> all_games_at_once() {
  master judit;
  std::vector<cosm::task<cosm::clock::duration>> games;
  for (int board = 1; board <= boards; ++board)
    games.push_back(play(judit));
  co_return co_await cosm::gather(std::move(games));
}

std::string hms(cosm::clock::duration d) {
  long s = static_cast<long>(
      std::chrono::duration_cast<std::chrono::seconds>(d).count());
  char text[64];
  std::snprintf(text, sizeof text, "%ld:%02ld:%02ld (%ld s)", s / 3600,
                s / 60 % 60, s % 60, s);
  return text;
}

int main() {
  std::cout << boards << " boards, " << move_pairs << " move pairs, master "
            << master_move_time.count() << " s a move, opponents "
            << opponent_move_time.count() << " s\n";

  cosm::run_options options;
  options.virtual_clock = true;
  auto real_start = std::chrono::steady_clock::now();

  cosm::clock::duration sync = cosm::run(one_game_at_a_time(), options);
  std::cout << "synchronous: " << hms(sync) << "\n";

  std::vector<cosm::clock::duration> ends =
      cosm::run(all_games_at_once(), options);
  cosm::clock::duration concurrent =
      *std::max_element(ends.begin(), ends.end());
  std::cout << "concurrent: " << hms(concurrent) << "\n";
  std::cout << "board 1 finished at " << hms(ends.front()) << "\n";
  std::cout << "board " << boards << " finished at " << hms(ends.back())
            << "\n";

  auto real = std::chrono::steady_clock::now() - real_start;
  std::cout << "both simulated in under 5 s of real time: "
            << (real < 5s ? "yes" : "no") << "\n";
}
