package org.convene.infra.bench;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadInfo;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.LongSupplier;
import java.util.stream.Stream;

/**
 * CPU time used by each part of the system under test, from {@code /proc} (Linux): the scheduler
 * JVM, the PostgreSQL server with its backends, and this process split into the load generator (its
 * own threads) and the rest (the embedded Kafka broker and mail server, GC, JIT). The machine has
 * few cores; where they go tells what limits throughput.
 */
final class CpuMeter {

  static final String SCHEDULER = "scheduler JVM";
  static final String NOTIFIER = "notifier JVM";
  static final String POSTGRES = "PostgreSQL";
  static final String LOAD = "bench: load generator + probe";
  static final String BROKER = "bench: Kafka broker, GreenMail, GC/JIT";
  static final String OTHER = "other processes and kernel";

  private static final double TICKS_PER_SECOND = 100; // USER_HZ, 100 on every Linux we run on

  /**
   * The load generator's threads: its own, the HTTP client's, and the carriers of virtual threads
   * (the answers benchmark sends from virtual threads).
   */
  private static final List<String> LOAD_THREADS =
      List.of("main", "bench-", "answers-bench-", "HttpClient-", "ForkJoinPool-");

  /** CPU seconds used so far by each part, and by the whole machine. */
  record Snapshot(
      long wallNanos, Map<String, Double> cpuSeconds, double machineBusy, double machineTotal) {

    /**
     * Cores in use on average between {@code earlier} and this snapshot, by part; {@link #OTHER} is
     * what the rest of the machine used (a build running beside the bench shows up here).
     */
    Map<String, Double> coresSince(Snapshot earlier) {
      double wall = (wallNanos - earlier.wallNanos) / 1e9;
      Map<String, Double> cores = new LinkedHashMap<>();
      cpuSeconds.forEach(
          (part, seconds) ->
              cores.put(part, (seconds - earlier.cpuSeconds.getOrDefault(part, 0.0)) / wall));
      double machine = (machineBusy - earlier.machineBusy) / TICKS_PER_SECOND / wall;
      double parts = cores.values().stream().mapToDouble(Double::doubleValue).sum();
      cores.put(OTHER, Math.max(0, machine - parts));
      return cores;
    }

    /** The share of all cores that was busy between {@code earlier} and this snapshot. */
    double machineBusySince(Snapshot earlier) {
      double total = machineTotal - earlier.machineTotal;
      return total <= 0 ? 0 : (machineBusy - earlier.machineBusy) / total;
    }
  }

  private final long schedulerPid;
  private final long notifierPid;
  private final LongSupplier postmasterPid;
  private final ThreadMXBean threads = ManagementFactory.getThreadMXBean();

  /** {@code notifierPid} is -1 when the notifier does not run. */
  CpuMeter(long schedulerPid, long notifierPid, LongSupplier postmasterPid) {
    this.schedulerPid = schedulerPid;
    this.notifierPid = notifierPid;
    this.postmasterPid = postmasterPid;
  }

  Snapshot snapshot() {
    Map<String, Double> seconds = new LinkedHashMap<>();
    seconds.put(SCHEDULER, processSeconds(schedulerPid));
    if (notifierPid > 0) {
      seconds.put(NOTIFIER, processSeconds(notifierPid));
    }
    long postmaster = postmasterPid.getAsLong();
    seconds.put(
        POSTGRES,
        postmaster <= 0
            ? 0
            : Stream.concat(
                    Stream.of(postmaster),
                    ProcessHandle.of(postmaster).stream()
                        .flatMap(ProcessHandle::descendants)
                        .map(ProcessHandle::pid))
                .mapToDouble(CpuMeter::processSeconds)
                .sum());
    double self = processSeconds(ProcessHandle.current().pid());
    double load = loadGeneratorSeconds();
    seconds.put(LOAD, load);
    seconds.put(BROKER, self - load);
    double[] machine = machineTicks();
    return new Snapshot(System.nanoTime(), seconds, machine[0], machine[1]);
  }

  private double loadGeneratorSeconds() {
    long nanos = 0;
    for (long id : threads.getAllThreadIds()) {
      ThreadInfo info = threads.getThreadInfo(id);
      if (info != null && LOAD_THREADS.stream().anyMatch(info.getThreadName()::startsWith)) {
        nanos += Math.max(0, threads.getThreadCpuTime(id));
      }
    }
    return nanos / 1e9;
  }

  /**
   * The share of all cores that processes other than this one (and the kernel) keep busy over the
   * next {@code seconds}: a build or test run beside the bench.
   */
  static double othersBusyOver(double seconds) throws InterruptedException {
    long self = ProcessHandle.current().pid();
    double[] before = machineTicks();
    double selfBefore = processSeconds(self);
    Thread.sleep(Math.round(seconds * 1000));
    double[] after = machineTicks();
    double selfAfter = processSeconds(self);
    double total = after[1] - before[1];
    double others = (after[0] - before[0]) - (selfAfter - selfBefore) * TICKS_PER_SECOND;
    return total <= 0 ? 0 : Math.max(0, others / total);
  }

  /** The PostgreSQL server's pid from its data directory's {@code postmaster.pid}, or -1. */
  static long postmasterPid(Path dataDirectory) {
    try (Stream<String> lines = Files.lines(dataDirectory.resolve("postmaster.pid"))) {
      return lines.findFirst().map(String::strip).map(Long::parseLong).orElse(-1L);
    } catch (IOException | RuntimeException e) {
      return -1;
    }
  }

  /** utime + stime of a process (not of its children), in seconds; 0 if it is gone. */
  static double processSeconds(long pid) {
    try {
      String stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
      // The command name in parentheses may contain spaces; the fields we need follow it.
      String[] fields = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
      return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    } catch (IOException | RuntimeException e) {
      return 0;
    }
  }

  /** Busy and total ticks of all cores since boot. */
  private static double[] machineTicks() {
    try {
      String[] cpu = Files.readAllLines(Path.of("/proc/stat")).getFirst().trim().split("\\s+");
      double total = 0;
      // user nice system idle iowait irq softirq steal; guest time is already in user and nice.
      for (int i = 1; i < Math.min(cpu.length, 9); i++) {
        total += Double.parseDouble(cpu[i]);
      }
      double idle = Double.parseDouble(cpu[4]) + Double.parseDouble(cpu[5]);
      return new double[] {total - idle, total};
    } catch (IOException | RuntimeException e) {
      return new double[] {0, 0};
    }
  }
}
