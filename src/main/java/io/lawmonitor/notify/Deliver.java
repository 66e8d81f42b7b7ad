package io.lawmonitor.notify;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.lawmonitor.alerts.Subscriber;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.flink.api.common.functions.OpenContext;
import org.apache.flink.streaming.api.functions.async.ResultFuture;
import org.apache.flink.streaming.api.functions.async.RichAsyncFunction;

/**
 * Sends messages over HTTP without holding anything up. Each target has its own lane: its
 * messages go one after another, in the order they were made (an Alertmanager must not hear of a
 * RESOLVED before its FIRING), each retried with exponential backoff and jitter until accepted,
 * refused for good, or out of attempts; a robot's lane keeps to what it accepts ({@code
 * perMinute}). Lanes do not wait for each other, and requests are asynchronous, so an unreachable
 * receiver holds up only its own messages. Messages in flight are part of the checkpoint (Flink's
 * async operator keeps them): a restart sends them again, with the same idempotency key.
 */
public final class Deliver extends RichAsyncFunction<Notification, DeliveryRecord> {
  private static final long serialVersionUID = 1L;
  private static final ObjectMapper JSON = new ObjectMapper();

  private final DeliverySettings settings;
  private final String mode;
  private transient HttpClient http;
  private transient ScheduledExecutorService clock;
  private transient Map<String, Lane> lanes;
  private transient Map<ResultFuture<DeliveryRecord>, Job> jobs;

  public Deliver(DeliverySettings settings, String mode) {
    this.settings = settings;
    this.mode = mode;
  }

  @Override
  public void open(OpenContext ctx) {
    http = HttpClient.newBuilder().connectTimeout(settings.requestTimeout()).build();
    clock = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "alert-delivery");
      t.setDaemon(true);
      return t;
    });
    lanes = new ConcurrentHashMap<>();
    jobs = java.util.Collections.synchronizedMap(new java.util.IdentityHashMap<>());
  }

  @Override
  public void close() {
    if (clock != null) {
      clock.shutdownNow();
    }
  }

  @Override
  public void asyncInvoke(Notification n, ResultFuture<DeliveryRecord> result) {
    Job job = new Job(n.to(), n, result);
    jobs.put(result, job);
    lanes.computeIfAbsent(n.target(), t -> new Lane()).add(job);
  }

  @Override
  public void timeout(Notification n, ResultFuture<DeliveryRecord> result) {
    Job job = jobs.get(result);
    DeliveryRecord r = record(n, n.to().type(), DeliveryRecord.FAILED, job == null ? 0 : job.attempts,
        job == null ? 0 : job.lastStatus, "not delivered within " + (settings.budget().toSeconds() >= 60 ? settings.budget().toMinutes() + " min" : settings.budget().toSeconds() + " s")
            + (job != null && job.lastError != null ? "; last: " + job.lastError : ""));
    if (job != null) {
      job.finish(r);
    } else {
      result.complete(List.of(r));
    }
  }

  /** One message and what has happened to it so far. */
  private final class Job {
    final Subscriber subscriber;
    final Notification n;
    final ResultFuture<DeliveryRecord> result;
    int attempts;
    int lastStatus;
    String lastError;
    boolean done;

    Job(Subscriber subscriber, Notification n, ResultFuture<DeliveryRecord> result) {
      this.subscriber = subscriber;
      this.n = n;
      this.result = result;
    }

    synchronized boolean finish(DeliveryRecord r) {
      if (done) {
        return false;
      }
      done = true;
      jobs.remove(result);
      result.complete(List.of(r));
      return true;
    }
  }

  /** A target's messages, one at a time, in order, at the pace it accepts. */
  private final class Lane {
    private final Deque<Job> queue = new ArrayDeque<>();
    private final Deque<Long> sentAt = new ArrayDeque<>();
    private boolean busy;

    synchronized void add(Job job) {
      queue.add(job);
      if (!busy) {
        busy = true;
        clock.execute(this::next);
      }
    }

    private void next() {
      Job job;
      synchronized (this) {
        do {
          job = queue.poll();
        } while (job != null && job.done);
        if (job == null) {
          busy = false;
          return;
        }
      }
      attempt(job, 0);
    }

    private void attempt(Job job, long after) {
      clock.schedule(() -> {
        if (job.done) {
          next();
          return;
        }
        long wait = pace(job.subscriber.perMinute());
        if (wait > 0) {
          attempt(job, wait);
          return;
        }
        send(job);
      }, after, TimeUnit.MILLISECONDS);
    }

    /** 0 if a message may go now, else how long until it may. */
    private synchronized long pace(int perMinute) {
      if (perMinute <= 0) {
        return 0;
      }
      long now = System.currentTimeMillis();
      while (!sentAt.isEmpty() && sentAt.peekFirst() <= now - 60_000) {
        sentAt.pollFirst();
      }
      if (sentAt.size() < perMinute) {
        sentAt.addLast(now);
        return 0;
      }
      return sentAt.peekFirst() + 60_000 - now;
    }

    private void send(Job job) {
      job.attempts++;
      HttpRequest req;
      try {
        req = request(job.subscriber, job.n, settings);
      } catch (RuntimeException e) {
        done(job, record(job.n, job.subscriber.type(), DeliveryRecord.FAILED, job.attempts, 0,
            redact(job.subscriber, e.toString())));
        return;
      }
      http.sendAsync(req, HttpResponse.BodyHandlers.ofString()).whenComplete((res, err) -> {
        DeliveryRecord r = err != null
            ? record(job.n, job.subscriber.type(), DeliveryRecord.RETRY, job.attempts, 0, redact(job.subscriber, describe(err)))
            : judge(job.subscriber, job.n, job.attempts, res.statusCode(), res.body(), mode);
        if (r.outcome().equals(DeliveryRecord.RETRY) && job.attempts < settings.attempts() && !job.done) {
          job.lastStatus = r.status();
          job.lastError = r.error();
          attempt(job, backoff(job.attempts));
        } else {
          done(job, r.outcome().equals(DeliveryRecord.RETRY)
              ? r.failed("gave up after " + job.attempts + " attempts; last: " + r.error()) : r);
        }
      });
    }

    private void done(Job job, DeliveryRecord r) {
      job.finish(r);
      clock.execute(this::next);
    }
  }

  /**
   * Attempt n waits a random time between half and all of {@code min(initial × 2^(n-1), max)}, so
   * that many senders retrying one receiver do not arrive together.
   */
  long backoff(int attempt) {
    long full = Math.min(settings.maxBackoff().toMillis(),
        settings.initialBackoff().toMillis() << Math.min(30, Math.max(0, attempt - 1)));
    return full / 2 + java.util.concurrent.ThreadLocalRandom.current().nextLong(full / 2 + 1);
  }

  /** The HTTP request for a message, made now (Alertmanager's validity and DingTalk's signature are of this moment). */
  public static HttpRequest request(Subscriber s, Notification n, DeliverySettings settings) {
    Messages.Request req = Messages.of(s, n, System.currentTimeMillis(), settings.firingValidFor());
    HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(req.url())).timeout(settings.requestTimeout())
        .POST(HttpRequest.BodyPublishers.ofString(req.body()));
    req.headers().forEach(b::header);
    return b.build();
  }

  /** What the receiver's answer means: accepted, worth another try, or refused for good. */
  public static DeliveryRecord judge(Subscriber s, Notification n, int attempt, int status, String body, String mode) {
    if (status >= 200 && status < 300) {
      if (s.robot()) {
        // robots answer 200 with an error code in the body: 0 is accepted
        try {
          JsonNode j = JSON.readTree(body);
          int code = j.path("errcode").asInt(-1);
          if (code != 0) {
            String why = "errcode " + code + ": " + j.path("errmsg").asText("");
            // 45009 (WeCom) and 130101 (DingTalk): sent too fast; others (a wrong key, a bad signature) stay wrong
            String outcome = code == 45009 || code == 130101 || code == -1 ? DeliveryRecord.RETRY : DeliveryRecord.FAILED;
            return record(n, s.type(), outcome, attempt, status, redact(s, why), mode);
          }
        } catch (java.io.IOException notJson) {
          return record(n, s.type(), DeliveryRecord.RETRY, attempt, status, "answer is not JSON", mode);
        }
      }
      return record(n, s.type(), DeliveryRecord.DELIVERED, attempt, status, null, mode);
    }
    String why = "HTTP " + status + (body == null || body.isBlank() ? "" : ": " + firstLine(body));
    boolean transient_ = status >= 500 || status == 408 || status == 429;
    return record(n, s.type(), transient_ ? DeliveryRecord.RETRY : DeliveryRecord.FAILED, attempt, status, redact(s, why), mode);
  }

  private DeliveryRecord record(Notification n, String type, String outcome, int attempt, int status, String error) {
    return record(n, type, outcome, attempt, status, error, mode);
  }

  private static DeliveryRecord record(Notification n, String type, String outcome, int attempt, int status, String error,
      String mode) {
    // a 督办清单 message names its cases where an alert message names its transitions
    String keys = n.cases() != null ? n.cases().cases().stream().map(io.lawmonitor.lifecycle.CaseWatch::entryKey)
        .collect(Collectors.joining(",")) : n.alerts().stream().map(Notification::keyOf).collect(Collectors.joining(","));
    int count = n.cases() != null ? n.cases().cases().size() : n.alerts().size();
    return new DeliveryRecord(n.subscriber(), type, n.target(), n.kind(), outcome, n.key(), keys, count, n.at(),
        attempt, status, error, System.currentTimeMillis(), mode);
  }

  public static String describe(Throwable e) {
    Throwable t = e instanceof java.util.concurrent.CompletionException && e.getCause() != null ? e.getCause() : e;
    String m = t.getMessage();
    return t.getClass().getSimpleName() + (m == null || m.isBlank() ? "" : ": " + firstLine(m));
  }

  private static String firstLine(String s) {
    String l = s.lines().findFirst().orElse("");
    return l.length() > 300 ? l.substring(0, 300) + "…" : l;
  }

  /** The text with the subscriber's URLs, header values and secret taken out. */
  public static String redact(Subscriber s, String text) {
    String out = text;
    for (String secret : s.secrets()) {
      if (secret != null && secret.length() >= 4) {
        out = out.replace(secret, "[hidden]");
      }
    }
    return out;
  }
}
