package io.lawmonitor.job;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Executors;

/**
 * An HTTP receiver on the loopback address that records every request and answers as told: a
 * webhook, an Alertmanager, a robot, or one that fails for a while.
 */
final class Receiver implements AutoCloseable {
  record Request(String path, String query, Map<String, String> headers, String body) {}

  /** One answer: a status and body, after a delay (a delay past the client's timeout is no answer). */
  record Answer(int status, String body, long delayMillis) {
    static Answer ok(String body) {
      return new Answer(200, body, 0);
    }
  }

  private final HttpServer server;
  final List<Request> requests = Collections.synchronizedList(new ArrayList<>());
  private final Map<String, Deque<Answer>> scripted = new HashMap<>();
  private final Map<String, Answer> otherwise = new HashMap<>();

  Receiver() throws IOException {
    server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
    server.setExecutor(Executors.newCachedThreadPool());
    server.createContext("/", ex -> {
      String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
      Map<String, String> headers = new HashMap<>();
      ex.getRequestHeaders().forEach((k, v) -> headers.put(k.toLowerCase(), String.join(",", v)));
      String path = ex.getRequestURI().getPath();
      requests.add(new Request(path, ex.getRequestURI().getRawQuery(), headers, body));
      Answer a = next(path);
      try {
        Thread.sleep(a.delayMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      byte[] out = a.body().getBytes(StandardCharsets.UTF_8);
      try {
        ex.sendResponseHeaders(a.status(), out.length == 0 ? -1 : out.length);
        if (out.length > 0) {
          ex.getResponseBody().write(out);
        }
      } catch (IOException clientGone) {
        // the client timed out and left
      }
      ex.close();
    });
    server.start();
  }

  /** Answers for a path, in turn; after them, {@code then} for ever. */
  synchronized Receiver on(String path, Answer then, Answer... first) {
    scripted.put(path, new ArrayDeque<>(List.of(first)));
    otherwise.put(path, then);
    return this;
  }

  private synchronized Answer next(String path) {
    Deque<Answer> q = scripted.get(path);
    if (q != null && !q.isEmpty()) {
      return q.poll();
    }
    return otherwise.getOrDefault(path, Answer.ok(""));
  }

  String url(String path) {
    return "http://127.0.0.1:" + server.getAddress().getPort() + path;
  }

  List<Request> at(String path) {
    synchronized (requests) {
      return requests.stream().filter(r -> r.path().equals(path)).toList();
    }
  }

  @Override
  public void close() {
    server.stop(0);
  }
}
