// Sockets on loopback (127.0.0.1 only): echo, errors, partial writes,
// cancellation, 1,000 concurrent connections.
#include "support.hpp"

#include <gtest/gtest.h>

#include <sys/socket.h>

#include <cerrno>
#include <stdexcept>
#include <string>
#include <system_error>

using namespace cosm_test;

namespace {

// Reads until end of stream.
cosm::task<std::string> read_all(cosm::tcp_stream &s) {
  std::string out;
  char buf[4096];
  for (;;) {
    std::size_t n = co_await s.read_some(buf, sizeof buf);
    if (n == 0)
      co_return out;
    out.append(buf, n);
  }
}

// Echoes everything back, then closes.
cosm::task<void> echo(cosm::tcp_stream s) {
  std::string data = co_await read_all(s);
  co_await s.write_all(data.data(), data.size());
}

cosm::task<std::string> client(std::uint16_t port, std::string message) {
  cosm::tcp_stream s = co_await cosm::tcp_stream::connect("127.0.0.1", port);
  co_await s.write_all(message.data(), message.size());
  s.shutdown_write();
  co_return co_await read_all(s);
}

cosm::task<void> serve(cosm::tcp_listener &listener, int connections) {
  std::vector<cosm::join_handle<void>> handlers;
  for (int i = 0; i < connections; ++i)
    handlers.push_back(cosm::spawn(echo(co_await listener.accept())));
  for (auto &h : handlers)
    co_await h;
}

// The errno of the std::system_error a task throws, or 0.
template <class F> cosm::task<int> error_of(F make) {
  try {
    co_await make();
  } catch (const std::system_error &e) {
    co_return e.code().value();
  }
  co_return 0;
}

TEST(NativeNet, EchoRoundTrip) {
  auto listener = cosm::tcp_listener::bind("127.0.0.1", 0);
  ASSERT_NE(listener.port(), 0);
  auto body = [&]() -> cosm::task<std::string> {
    auto server = cosm::spawn(serve(listener, 1));
    std::string reply = co_await client(listener.port(), "hello, loop");
    co_await server;
    co_return reply;
  };
  EXPECT_EQ(cosm::run(body()), "hello, loop");
}

TEST(NativeNet, ConnectionRefused) {
  std::uint16_t port;
  {
    auto probe = cosm::tcp_listener::bind("127.0.0.1", 0);
    port = probe.port();
  } // closed: nothing listens there now
  auto body = [&]() -> cosm::task<int> {
    co_return co_await error_of([&]() -> cosm::task<void> {
      co_await cosm::tcp_stream::connect("127.0.0.1", port);
    });
  };
  EXPECT_EQ(cosm::run(body()), ECONNREFUSED);
}

TEST(NativeNet, BadAddress) {
  auto body = []() -> cosm::task<int> {
    co_return co_await error_of([]() -> cosm::task<void> {
      co_await cosm::tcp_stream::connect("no.such.host.invalid", 80);
    });
  };
  EXPECT_EQ(cosm::run(body()), EINVAL);
  EXPECT_THROW(cosm::tcp_listener::bind("999.0.0.1", 0), std::system_error);
}

TEST(NativeNet, PeerClosedGivesEndOfStream) {
  auto listener = cosm::tcp_listener::bind("127.0.0.1", 0);
  auto body = [&]() -> cosm::task<std::size_t> {
    auto closer = cosm::spawn([](cosm::tcp_listener &l) -> cosm::task<void> {
      cosm::tcp_stream s = co_await l.accept();
    }(listener)); // accepted, then closed
    cosm::tcp_stream s =
        co_await cosm::tcp_stream::connect("127.0.0.1", listener.port());
    char buf[16];
    std::size_t n = co_await s.read_some(buf, sizeof buf);
    co_await closer;
    co_return n;
  };
  EXPECT_EQ(cosm::run(body()), 0u);
}

TEST(NativeNet, WritingToAClosedPeerFailsWithoutSigpipe) {
  auto listener = cosm::tcp_listener::bind("127.0.0.1", 0);
  auto body = [&]() -> cosm::task<int> {
    cosm::tcp_stream s =
        co_await cosm::tcp_stream::connect("127.0.0.1", listener.port());
    {
      cosm::tcp_stream peer = co_await listener.accept();
    }
    std::string chunk(64 * 1024, 'x');
    for (int i = 0; i < 1000; ++i) {
      try {
        co_await s.write_all(chunk.data(), chunk.size());
      } catch (const std::system_error &e) {
        co_return e.code().value();
      }
      co_await cosm::sleep(1ms); // let the peer's reset arrive
    }
    co_return 0;
  };
  int err = cosm::run(body());
  EXPECT_TRUE(err == EPIPE || err == ECONNRESET) << err;
}

TEST(NativeNet, ResetInTheMiddleOfARead) {
  auto listener = cosm::tcp_listener::bind("127.0.0.1", 0);
  auto resetter = [](cosm::tcp_listener &l) -> cosm::task<void> {
    cosm::tcp_stream s = co_await l.accept();
    co_await s.write_all("partial", 7);
    co_await cosm::sleep(5ms); // the reader is now waiting for more
    linger hard{1, 0};         // close with RST
    ::setsockopt(s.native_handle(), SOL_SOCKET, SO_LINGER, &hard, sizeof hard);
  };
  auto body = [&]() -> cosm::task<std::string> {
    auto h = cosm::spawn(resetter(listener));
    cosm::tcp_stream s =
        co_await cosm::tcp_stream::connect("127.0.0.1", listener.port());
    std::string got;
    char buf[64];
    try {
      for (;;) {
        std::size_t n = co_await s.read_some(buf, sizeof buf);
        if (n == 0)
          break;
        got.append(buf, n);
      }
    } catch (const std::system_error &e) {
      got += e.code().value() == ECONNRESET ? " reset" : " other error";
    }
    co_await h;
    co_return got;
  };
  EXPECT_EQ(cosm::run(body()), "partial reset");
}

TEST(NativeNet, PartialWritesOfALargeBuffer) {
  auto listener = cosm::tcp_listener::bind("127.0.0.1", 0);
  const std::size_t size = 32 * 1024 * 1024;
  std::string data(size, '\0');
  for (std::size_t i = 0; i < size; ++i)
    data[i] = static_cast<char>(i * 131 % 251);
  auto slow_reader = [&]() -> cosm::task<bool> {
    cosm::tcp_stream s = co_await listener.accept();
    std::string got;
    got.reserve(size);
    char buf[64 * 1024];
    for (int i = 0;; ++i) {
      std::size_t n = co_await s.read_some(buf, sizeof buf);
      if (n == 0)
        break;
      got.append(buf, n);
      if (i % 64 == 0)
        co_await cosm::sleep(0ms);
    }
    co_return got == data;
  };
  auto body = [&]() -> cosm::task<bool> {
    auto reader = cosm::spawn(slow_reader());
    cosm::tcp_stream s =
        co_await cosm::tcp_stream::connect("127.0.0.1", listener.port());
    co_await s.write_all(data.data(), data.size());
    s.close();
    co_return co_await reader;
  };
  EXPECT_TRUE(cosm::run(body()));
}

TEST(NativeNet, CancelAtAcceptReadAndWrite) {
  auto listener = cosm::tcp_listener::bind("127.0.0.1", 0);
  trace log;
  auto waits = [&](std::string what, auto op) -> cosm::task<void> {
    try {
      co_await op();
    } catch (const cosm::cancelled_error &) {
      log.push_back(what + " cancelled");
      throw;
    }
  };
  auto body = [&]() -> cosm::task<void> {
    auto acceptor = cosm::spawn(waits(
        "accept", [&]() -> cosm::task<void> { co_await listener.accept(); }));
    co_await cosm::sleep(1ms);
    acceptor.cancel();
    EXPECT_THROW(co_await acceptor, cosm::cancelled_error);

    cosm::tcp_stream a =
        co_await cosm::tcp_stream::connect("127.0.0.1", listener.port());
    cosm::tcp_stream b = co_await listener.accept();
    char buf[8];
    auto reader = cosm::spawn(waits("read", [&]() -> cosm::task<void> {
      co_await a.read_some(buf, sizeof buf);
    }));
    std::string big(16 * 1024 * 1024, 'y'); // more than the socket buffers
    auto writer = cosm::spawn(waits("write", [&]() -> cosm::task<void> {
      co_await a.write_all(big.data(), big.size());
    }));
    co_await cosm::sleep(2ms);
    reader.cancel();
    writer.cancel();
    EXPECT_THROW(co_await reader, cosm::cancelled_error);
    EXPECT_THROW(co_await writer, cosm::cancelled_error);
    // The socket is usable again after the cancelled waits.
    co_await b.write_all("ok", 2);
    std::size_t n = co_await a.read_some(buf, sizeof buf);
    EXPECT_EQ(std::string(buf, n), "ok");
  };
  cosm::run(body());
  EXPECT_EQ(log,
            (trace{"accept cancelled", "read cancelled", "write cancelled"}));
}

TEST(NativeNet, ClosingWakesTheWaiterAndTwoReadersAreRefused) {
  auto listener = cosm::tcp_listener::bind("127.0.0.1", 0);
  auto body = [&]() -> cosm::task<std::string> {
    cosm::tcp_stream a =
        co_await cosm::tcp_stream::connect("127.0.0.1", listener.port());
    cosm::tcp_stream b = co_await listener.accept();
    char buf[8];
    auto first = cosm::spawn(error_of(
        [&]() -> cosm::task<void> { co_await a.read_some(buf, sizeof buf); }));
    co_await cosm::sleep(0ms);
    std::string result;
    try {
      co_await a.read_some(buf, sizeof buf);
    } catch (const std::logic_error &) {
      result = "second reader refused";
    }
    a.close();
    int err = co_await first;
    co_return result + ", closed: " + (err == EBADF ? "EBADF" : "?");
  };
  EXPECT_EQ(cosm::run(body()), "second reader refused, closed: EBADF");
}

TEST(NativeNet, ThousandConcurrentConnections) {
  auto listener = cosm::tcp_listener::bind("127.0.0.1", 0);
  const int n = 1000;
  auto body = [&]() -> cosm::task<int> {
    auto server = cosm::spawn(serve(listener, n));
    std::vector<cosm::task<std::string>> clients;
    for (int i = 0; i < n; ++i)
      clients.push_back(
          client(listener.port(), "message " + std::to_string(i)));
    std::vector<std::string> replies =
        co_await cosm::gather(std::move(clients));
    co_await server;
    int ok = 0;
    for (int i = 0; i < n; ++i)
      ok += replies[i] == "message " + std::to_string(i);
    co_return ok;
  };
  auto t0 = std::chrono::steady_clock::now();
  EXPECT_EQ(cosm::run(body()), n);
  EXPECT_LT(std::chrono::steady_clock::now() - t0, 5s);
}

} // namespace
