package io.lawmonitor.board;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.lawmonitor.io.LiveBoard;
import io.lawmonitor.metrics.Scopes;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The operations center's wallboard: a page in Chinese that follows a {@link LiveBoard} live,
 * served by the JDK's HTTP server on this machine. Everything it needs comes from the jar (the
 * page, its script, Apache ECharts from its webjar): no network. Live updates are server-sent
 * events, which a browser re-opens by itself after a restart of the job or of this server.
 */
public final class Wallboard implements AutoCloseable {
  static final String ECHARTS = "META-INF/resources/webjars/echarts/5.3.1/dist/echarts.min.js";
  private static final Map<String, String[]> FILES = Map.of(
      "/", new String[] {"board/index.html", "text/html; charset=utf-8"},
      "/index.html", new String[] {"board/index.html", "text/html; charset=utf-8"},
      "/static/board.js", new String[] {"board/board.js", "text/javascript; charset=utf-8"},
      "/static/board.css", new String[] {"board/board.css", "text/css; charset=utf-8"},
      "/static/echarts.min.js", new String[] {ECHARTS, "text/javascript; charset=utf-8"});
  private static final Set<String> LEVELS = Set.of(Scopes.ALL, Scopes.CITY, Scopes.DISTRICT, Scopes.STREET, Scopes.AGENCY);
  private static final Set<String> WINDOWS = Set.of("sliding_24h", "day_to_date");
  /** Open live connections at most; a wall has a few screens, not hundreds. */
  private static final int MAX_STREAMS = 32;

  private final HttpServer server;
  private final ExecutorService pool;
  private final LiveBoard board;
  private final Semaphore streams = new Semaphore(MAX_STREAMS);
  private final Map<String, byte[]> cache = new HashMap<>();
  private volatile boolean closed;

  private Wallboard(LiveBoard board, InetSocketAddress at) throws IOException {
    this.board = board;
    AtomicInteger n = new AtomicInteger();
    this.pool = Executors.newCachedThreadPool(r -> {
      Thread t = new Thread(r, "wallboard-" + n.incrementAndGet());
      t.setDaemon(true);
      return t;
    });
    this.server = HttpServer.create(at, 64);
    server.setExecutor(pool);
    server.createContext("/", this::handle);
    server.start();
  }

  /** Starts serving {@code board} on {@code bind}:{@code port} (0: any free port). */
  public static Wallboard start(LiveBoard board, String bind, int port) throws IOException {
    return new Wallboard(board, new InetSocketAddress(InetAddress.getByName(bind), port));
  }

  public int port() {
    return server.getAddress().getPort();
  }

  /** The address to open, e.g. http://127.0.0.1:8090/. */
  public String url() {
    InetAddress a = server.getAddress().getAddress();
    String host = a.isAnyLocalAddress() ? "127.0.0.1" : a.getHostAddress();
    return "http://" + (host.contains(":") ? "[" + host + "]" : host) + ":" + port() + "/";
  }

  @Override
  public void close() {
    closed = true;
    server.stop(0);
    pool.shutdownNow();
  }

  private void handle(HttpExchange x) throws IOException {
    try (x) {
      x.getResponseHeaders().set("X-Content-Type-Options", "nosniff");
      x.getResponseHeaders().set("Referrer-Policy", "no-referrer");
      x.getResponseHeaders().set("Content-Security-Policy",
          "default-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' data:; frame-ancestors 'none'");
      String method = x.getRequestMethod();
      if (!method.equals("GET") && !method.equals("HEAD")) {
        x.getResponseHeaders().set("Allow", "GET, HEAD");
        send(x, 405, "text/plain; charset=utf-8", "only GET and HEAD\n".getBytes(StandardCharsets.UTF_8));
        return;
      }
      String path = x.getRequestURI().getPath();
      Map<String, String> q = query(x.getRequestURI().getRawQuery());
      switch (path) {
        case "/api/view" -> {
          String[] v = view(q);
          if (v == null) {
            send(x, 400, "text/plain; charset=utf-8", "window, level or scope not known\n".getBytes(StandardCharsets.UTF_8));
            return;
          }
          byte[] body = BoardView.JSON.writeValueAsBytes(BoardView.of(board, v[0], v[1], v[2], System.currentTimeMillis()));
          x.getResponseHeaders().set("Cache-Control", "no-store");
          send(x, 200, "application/json; charset=utf-8", body);
        }
        case "/api/stream" -> stream(x, view(q));
        default -> {
          String[] f = FILES.get(path);
          byte[] body = f == null ? null : resource(f[0]);
          if (body == null) {
            send(x, 404, "text/plain; charset=utf-8", "not found\n".getBytes(StandardCharsets.UTF_8));
          } else {
            x.getResponseHeaders().set("Cache-Control", path.startsWith("/static/") ? "max-age=300" : "no-cache");
            send(x, 200, f[1], body);
          }
        }
      }
    }
  }

  /** Pushes the view whenever the figures move, and every 5 s anyway (the freshness ages). */
  private void stream(HttpExchange x, String[] v) throws IOException {
    if (v == null) {
      send(x, 400, "text/plain; charset=utf-8", "window, level or scope not known\n".getBytes(StandardCharsets.UTF_8));
      return;
    }
    if (!streams.tryAcquire()) {
      send(x, 503, "text/plain; charset=utf-8", "too many screens\n".getBytes(StandardCharsets.UTF_8));
      return;
    }
    try {
      x.getResponseHeaders().set("Content-Type", "text/event-stream; charset=utf-8");
      x.getResponseHeaders().set("Cache-Control", "no-store");
      x.sendResponseHeaders(200, 0);
      OutputStream out = x.getResponseBody();
      out.write("retry: 2000\n\n".getBytes(StandardCharsets.UTF_8));
      long sentVersion = Long.MIN_VALUE;
      long sentAt = 0;
      while (!closed) {
        long version = board.version();
        long now = System.currentTimeMillis();
        if (version != sentVersion || now - sentAt >= 5000) {
          byte[] json = BoardView.JSON.writeValueAsBytes(BoardView.of(board, v[0], v[1], v[2], now));
          out.write("data: ".getBytes(StandardCharsets.UTF_8));
          out.write(json);
          out.write("\n\n".getBytes(StandardCharsets.UTF_8));
          out.flush();
          sentVersion = version;
          sentAt = now;
        }
        Thread.sleep(400);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (IOException e) {
      // the screen went away
    } finally {
      streams.release();
    }
  }

  private static String[] view(Map<String, String> q) {
    String window = q.getOrDefault("window", "sliding_24h");
    String level = q.getOrDefault("level", Scopes.ALL);
    String scope = q.getOrDefault("scope", "all");
    if (!WINDOWS.contains(window) || !LEVELS.contains(level) || scope.isEmpty() || scope.length() > 200) {
      return null;
    }
    return new String[] {window, level, level.equals(Scopes.ALL) ? "all" : scope};
  }

  private static Map<String, String> query(String raw) {
    Map<String, String> q = new HashMap<>();
    if (raw == null) {
      return q;
    }
    for (String kv : raw.split("&")) {
      int eq = kv.indexOf('=');
      if (eq > 0) {
        q.put(URLDecoder.decode(kv.substring(0, eq), StandardCharsets.UTF_8),
            URLDecoder.decode(kv.substring(eq + 1), StandardCharsets.UTF_8));
      }
    }
    return q;
  }

  private byte[] resource(String name) throws IOException {
    synchronized (cache) {
      byte[] b = cache.get(name);
      if (b == null) {
        try (InputStream in = Wallboard.class.getClassLoader().getResourceAsStream(name)) {
          if (in == null) {
            return null;
          }
          b = in.readAllBytes();
        }
        cache.put(name, b);
      }
      return b;
    }
  }

  private static void send(HttpExchange x, int status, String type, byte[] body) throws IOException {
    x.getResponseHeaders().set("Content-Type", type);
    if (x.getRequestMethod().equals("HEAD")) {
      x.sendResponseHeaders(status, -1);
      return;
    }
    x.sendResponseHeaders(status, body.length);
    x.getResponseBody().write(body);
  }
}
