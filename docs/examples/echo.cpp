// Lesson: an echo server on sockets registered with the loop. The server
// opens a listening socket; the loop's epoll tells it when a connection comes
// in or data can be read, and meanwhile the other tasks run. Each accepted
// connection gets its own spawned task (asyncio.create_task), so the clients,
// all started together with cosm::gather, are served concurrently.
//
// The server listens on 127.0.0.1 port 0 (the OS picks a free port), serves a
// fixed number of clients and stops. The clients' reports are printed after
// the gather, in client order, so the output does not depend on timing.
#include <cosm/cosm.hpp>

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <iostream>
#include <string>
#include <utility>
#include <vector>

using namespace std::chrono_literals;

constexpr int clients = 4;
constexpr int lines_per_client = 3;

// One connection: echo everything back until the client closes its side.
cosm::task<std::size_t> serve(cosm::tcp_stream conn) {
  char buffer[256];
  std::size_t echoed = 0;
  for (;;) {
    std::size_t n = co_await conn.read_some(buffer, sizeof buffer);
    if (n == 0)
      break; // the client is done
    co_await conn.write_all(buffer, n);
    echoed += n;
  }
  co_return echoed;
}

// Accepts `count` connections, each served by its own task; gives the total
// number of bytes echoed once every connection is finished.
cosm::task<std::size_t> server(cosm::tcp_listener &listener, int count) {
  std::vector<cosm::join_handle<std::size_t>> sessions;
  for (int i = 0; i < count; ++i) {
    cosm::tcp_stream conn = co_await listener.accept();
    sessions.push_back(cosm::spawn(serve(std::move(conn))));
  }
  std::size_t total = 0;
  for (cosm::join_handle<std::size_t> &session : sessions)
    total += co_await session;
  co_return total;
}

// Sends its lines one at a time, reads each echo back and checks it.
cosm::task<std::string> client(int id, std::uint16_t port) {
  cosm::tcp_stream conn = co_await cosm::tcp_stream::connect("127.0.0.1", port);
  int matched = 0;
  for (int i = 1; i <= lines_per_client; ++i) {
    std::string line = "client " + std::to_string(id) + " says hello #" +
                       std::to_string(i) + "\n";
    co_await conn.write_all(line.data(), line.size());
    std::string echo;
    char buffer[64];
    while (echo.size() < line.size()) {
      std::size_t n = co_await conn.read_some(buffer, sizeof buffer);
      if (n == 0)
        break; // the server hung up early
      echo.append(buffer, n);
    }
    if (echo == line)
      ++matched;
    co_await cosm::sleep(1ms); // let the other clients take turns
  }
  conn.shutdown_write(); // the server reads end of stream and finishes
  char rest[16];
  std::size_t extra = co_await conn.read_some(rest, sizeof rest);
  co_return "client " + std::to_string(id) + ": " + std::to_string(matched) +
      "/" + std::to_string(lines_per_client) + " lines echoed back" +
      (extra == 0 ? ", then end of stream" : ", then unexpected data");
}

cosm::task<void> async_main() {
  cosm::tcp_listener listener = cosm::tcp_listener::bind("127.0.0.1", 0);
  std::cout << "listening on an ephemeral port: "
            << (listener.port() != 0 ? "yes" : "no") << "\n";
  cosm::join_handle<std::size_t> serving =
      cosm::spawn(server(listener, clients));

  std::vector<cosm::task<std::string>> talks;
  for (int id = 1; id <= clients; ++id)
    talks.push_back(client(id, listener.port()));
  std::vector<std::string> reports = co_await cosm::gather(std::move(talks));
  for (const std::string &report : reports)
    std::cout << report << "\n";

  std::cout << "server echoed " << co_await serving << " bytes\n";
}

int main() { cosm::run(async_main()); }
