package org.convene.infra.bench;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Semaphore;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.LockSupport;
import org.convene.infra.LocalAccounts;

/**
 * Sends {@code POST /api/meetings} requests as the general office (HTTP Basic), either open loop at
 * a fixed arrival rate or closed loop from a number of clients. All clocks are {@link
 * System#nanoTime()} of this process.
 */
final class LoadGenerator implements AutoCloseable {

  /** A request not answered within this time counts as an error (HttpTimeoutException). */
  static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);

  /**
   * How far behind schedule the open loop may fall before it stops sending: an overloaded service
   * would otherwise keep the phase running for many times its length.
   */
  static final Duration GIVE_UP_BEHIND = Duration.ofSeconds(10);

  /** The error of a request the open loop never sent because it had fallen too far behind. */
  static final String NOT_SENT = "NotSent (more than 10 s behind schedule)";

  private final URI meetings;
  private final String authorization = LocalAccounts.GENERAL_OFFICE.authorization();
  private final ExecutorService callbacks;
  private final HttpClient http;

  LoadGenerator(URI meetings) {
    this.meetings = meetings;
    AtomicInteger threads = new AtomicInteger();
    // Fixed and named, so the bench can tell its own CPU time from the broker's.
    this.callbacks =
        Executors.newFixedThreadPool(
            4,
            runnable -> {
              Thread thread = new Thread(runnable, "bench-http-" + threads.incrementAndGet());
              thread.setDaemon(true);
              return thread;
            });
    this.http =
        HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .executor(callbacks)
            .build();
  }

  /**
   * Open loop: request i is due at start + i / rate, whatever happened to the earlier ones, and its
   * latency counts from then (no coordinated omission). At most {@code maxInFlight} requests are
   * outstanding; a request that has to wait for one is late, and its lateness is in its latency.
   * Once the loop is {@link #GIVE_UP_BEHIND} behind schedule, the remaining requests are not sent
   * and count as errors ({@link #NOT_SENT}).
   */
  List<Sample> openLoop(List<String> bodies, double ratePerSecond, int maxInFlight) {
    Semaphore inFlight = new Semaphore(maxInFlight);
    List<CompletableFuture<Sample>> samples = new ArrayList<>(bodies.size());
    double periodNanos = 1e9 / ratePerSecond;
    long start = System.nanoTime() + 1_000_000;
    for (int i = 0; i < bodies.size(); i++) {
      long intended = start + Math.round(i * periodNanos);
      for (long wait = intended - System.nanoTime();
          wait > 0;
          wait = intended - System.nanoTime()) {
        LockSupport.parkNanos(wait);
      }
      inFlight.acquireUninterruptibly();
      long sent = System.nanoTime();
      if (sent - intended > GIVE_UP_BEHIND.toNanos()) {
        inFlight.release();
        samples.add(
            CompletableFuture.completedFuture(
                new Sample(intended, sent, sent, System.currentTimeMillis(), 0, null, NOT_SENT)));
        continue;
      }
      samples.add(
          http.sendAsync(request(bodies.get(i)), HttpResponse.BodyHandlers.ofString())
              .handle((response, failure) -> sample(intended, sent, response, failure))
              .whenComplete((sample, failure) -> inFlight.release()));
    }
    return samples.stream().map(CompletableFuture::join).toList();
  }

  /**
   * Closed loop: {@code clients} threads each send their next request as soon as the last one was
   * answered, until {@code duration} has passed. {@code bodies} supplies the meetings.
   */
  List<Sample> closedLoop(int clients, Duration duration, MeetingRequests bodies)
      throws InterruptedException {
    long deadline = System.nanoTime() + duration.toNanos();
    List<List<Sample>> perClient = new ArrayList<>();
    List<Thread> threads = new ArrayList<>();
    for (int c = 0; c < clients; c++) {
      List<Sample> mine = new ArrayList<>();
      perClient.add(mine);
      threads.add(
          Thread.ofPlatform()
              .name("bench-client-" + c)
              .start(
                  () -> {
                    while (System.nanoTime() < deadline) {
                      String body;
                      synchronized (bodies) {
                        body = bodies.next();
                      }
                      mine.add(send(body));
                    }
                  }));
    }
    for (Thread thread : threads) {
      thread.join();
    }
    return perClient.stream().flatMap(List::stream).toList();
  }

  /** One request, synchronously; for checks and warm-up. */
  Sample send(String body) {
    long sent = System.nanoTime();
    try {
      return sample(
          sent, sent, http.send(request(body), HttpResponse.BodyHandlers.ofString()), null);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return sample(sent, sent, null, e);
    } catch (Exception e) {
      return sample(sent, sent, null, e);
    }
  }

  private HttpRequest request(String body) {
    return HttpRequest.newBuilder(meetings)
        .timeout(REQUEST_TIMEOUT)
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .header("Authorization", authorization)
        .POST(HttpRequest.BodyPublishers.ofString(body))
        .build();
  }

  private static Sample sample(
      long intended, long sent, HttpResponse<String> response, Throwable failure) {
    long done = System.nanoTime();
    long wallClock = System.currentTimeMillis();
    if (response == null) {
      Throwable cause = failure;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      return new Sample(intended, sent, done, wallClock, 0, null, cause.getClass().getSimpleName());
    }
    String id =
        response.statusCode() == 201
            ? response
                .headers()
                .firstValue("Location")
                .map(location -> location.substring(location.lastIndexOf('/') + 1))
                .orElse(null)
            : null;
    String error =
        response.statusCode() == 201
            ? null
            : "HTTP " + response.statusCode() + " " + abbreviate(response.body());
    return new Sample(intended, sent, done, wallClock, response.statusCode(), id, error);
  }

  private static String abbreviate(String text) {
    return text.length() <= 300 ? text : text.substring(0, 300) + "...";
  }

  @Override
  public void close() {
    http.close();
    callbacks.shutdownNow();
  }
}
