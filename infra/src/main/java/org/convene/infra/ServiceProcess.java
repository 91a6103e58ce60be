package org.convene.infra;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * One Convene service running as a child JVM from its executable jar, on the same {@code java} as
 * this process, launched as {@link FastStart} says. Its output is forwarded line by line with a
 * {@code [name]} prefix; it is healthy when {@code /actuator/health} answers {@code
 * {"status":"UP"}}.
 */
public final class ServiceProcess implements AutoCloseable {

  private static final Duration POLL_INTERVAL = Duration.ofMillis(500);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(30);

  private final String name;
  private final int port;
  private final Process process;
  private final HttpClient http =
      HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

  private final boolean recording;

  private ServiceProcess(String name, int port, Process process, boolean recording) {
    this.name = name;
    this.port = port;
    this.process = process;
    this.recording = recording;
  }

  /**
   * Launches {@code java -jar jar --server.port=port arguments...}, forwarding its output to {@code
   * output}.
   */
  public static ServiceProcess start(
      String name, Path jar, int port, List<String> arguments, PrintStream output) {
    return start(name, jar, port, List.of(), arguments, output);
  }

  /**
   * As {@link #start(String, Path, int, List, PrintStream)}, with options for the JVM itself (such
   * as {@code -Xmx256m}) before {@code -jar}: several services on one machine each get a bounded
   * share of its memory instead of a quarter of it apiece.
   */
  public static ServiceProcess start(
      String name,
      Path jar,
      int port,
      List<String> jvmOptions,
      List<String> arguments,
      PrintStream output) {
    return start(name, jar, port, jvmOptions, arguments, output, true);
  }

  /**
   * As {@link #start(String, Path, int, List, List, PrintStream)}; {@code mayRecord} false for a
   * process that runs to the end, whose record of classes for the AOT cache would come too late.
   */
  static ServiceProcess start(
      String name,
      Path jar,
      int port,
      List<String> jvmOptions,
      List<String> arguments,
      PrintStream output,
      boolean mayRecord) {
    String java = javaExecutable();
    FastStart.Launch launch = FastStart.of(java, jar, mayRecord);
    List<String> command = new ArrayList<>();
    command.add(java);
    command.addAll(jvmOptions);
    command.addAll(launch.arguments());
    command.add("--server.port=" + port);
    command.addAll(arguments);
    Process process;
    try {
      process = new ProcessBuilder(command).redirectErrorStream(true).start();
      process.getOutputStream().close();
      process.onExit().thenRun(launch.exited());
    } catch (IOException e) {
      throw new StartupException(
          "cannot launch " + name + " from " + jar + ": " + e.getMessage(), e);
    }
    Thread forwarder =
        new Thread(() -> forward(process, "[" + name + "] ", output), name + "-output");
    forwarder.setDaemon(true);
    forwarder.start();
    return new ServiceProcess(name, port, process, launch.recording());
  }

  public String name() {
    return name;
  }

  public int port() {
    return port;
  }

  /** {@code http://localhost:port}, the root of the service's HTTP endpoints. */
  public URI baseUri() {
    return URI.create("http://localhost:" + port);
  }

  /**
   * Whether this process records the classes for the AOT cache ({@link FastStart}): the record is
   * written only when it stops gracefully ({@link #close()}), not when it is killed.
   */
  public boolean recording() {
    return recording;
  }

  public long pid() {
    return process.pid();
  }

  /** Completes when the process has exited, for whatever reason. */
  public CompletableFuture<Process> onExit() {
    return process.onExit();
  }

  /**
   * Waits until the service reports itself UP.
   *
   * @throws StartupException if the process exits first or {@code timeout} passes
   */
  public void awaitHealthy(Duration timeout) {
    URI health = baseUri().resolve("/actuator/health");
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!isUp(health)) {
      if (!process.isAlive()) {
        throw new StartupException(
            "%s exited with code %d before it was healthy; its output above says why"
                .formatted(name, process.exitValue()));
      }
      if (System.nanoTime() > deadline) {
        throw new StartupException(
            "%s was not healthy within %d s: GET %s did not answer {\"status\":\"UP\"}"
                .formatted(name, timeout.toSeconds(), health));
      }
      // Doubles as the pause between polls and as the quickest way to notice an early exit.
      waitForExit(POLL_INTERVAL);
    }
  }

  /** Asks the service to shut down gracefully, and kills it if it has not within 30 s. */
  @Override
  public void close() {
    if (!process.isAlive()) {
      return;
    }
    process.destroy();
    if (!waitForExit(STOP_TIMEOUT)) {
      process.destroyForcibly();
      waitForExit(STOP_TIMEOUT);
    }
  }

  private boolean isUp(URI health) {
    HttpRequest request =
        HttpRequest.newBuilder(health).timeout(Duration.ofSeconds(5)).GET().build();
    try {
      HttpResponse<String> response = http.send(request, HttpResponse.BodyHandlers.ofString());
      return response.statusCode() == 200
          && "UP".equals(JsonMapper.shared().readTree(response.body()).path("status").asString(""));
    } catch (IOException | JacksonException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StartupException("interrupted while waiting for " + name, e);
    }
  }

  private boolean waitForExit(Duration timeout) {
    try {
      process.onExit().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return !process.isAlive();
    }
  }

  private static void forward(Process process, String prefix, PrintStream output) {
    try (BufferedReader lines =
        new BufferedReader(
            new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
      for (String line = lines.readLine(); line != null; line = lines.readLine()) {
        output.println(prefix + line);
      }
    } catch (IOException e) {
      // The stream closes when the process is destroyed; there is nothing left to forward.
    }
  }

  private static String javaExecutable() {
    return ProcessHandle.current()
        .info()
        .command()
        .orElseGet(() -> Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }
}
