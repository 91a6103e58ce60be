package org.convene.infra.bench;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import org.convene.infra.LocalStackOptions;

/**
 * The command line of {@link SchedulerBench}; every option has the form {@code --name=value}.
 *
 * @param rate arrival rate of the open-loop phase, requests per second
 * @param openLoop length of the open-loop phase
 * @param maxInFlight most requests outstanding at once in the open-loop phase
 * @param clients concurrent clients of the closed-loop (maximum throughput) phase; 0 skips it
 * @param closedLoop length of the closed-loop phase
 * @param warmup length of the warm-up, a closed loop of {@code warmupClients}
 * @param warmupClients clients of the warm-up
 * @param participants participants per meeting
 * @param agendaItems agenda items per meeting
 * @param withNotifier whether the notifier runs too (it competes for the same cores)
 * @param profile whether to record a JFR profile of the scheduler during each measured phase
 * @param schedulerJar the scheduler's executable jar
 * @param notifierJar the notifier's executable jar
 * @param workDirectory where the infrastructure, logs and profiles go
 * @param schedulerArguments extra {@code --name=value} arguments for the scheduler, to try a
 *     setting
 */
record BenchOptions(
    double rate,
    Duration openLoop,
    int maxInFlight,
    int clients,
    Duration closedLoop,
    Duration warmup,
    int warmupClients,
    int participants,
    int agendaItems,
    boolean withNotifier,
    boolean profile,
    Path schedulerJar,
    Path notifierJar,
    Path workDirectory,
    List<String> schedulerArguments) {

  static final String USAGE =
      """
      Usage: run-scheduler-bench.sh [--name=value ...]
        --rate=200               open-loop arrival rate, requests/s
        --duration=30            open-loop phase, seconds
        --max-in-flight=400      open-loop cap on outstanding requests
        --clients=16             closed-loop (max throughput) clients; 0 skips the phase
        --closed-duration=30     closed-loop phase, seconds
        --warmup=30              warm-up, seconds (closed loop)
        --warmup-clients=4       warm-up clients
        --participants=20        participants per meeting
        --agenda-items=5         agenda items per meeting
        --with-notifier          also run the notifier (sends mail to GreenMail; costs CPU)
        --profile                record a JFR profile of the scheduler in each measured phase
        --scheduler-jar=PATH     default scheduler-service/target/scheduler-service-VERSION-exec.jar
        --notifier-jar=PATH      default notifier-service/target/notifier-service-VERSION-exec.jar
        --work-dir=PATH          default infra/target/scheduler-bench
        --scheduler-arg=--x=y    extra scheduler argument (repeatable), e.g.
                                 --scheduler-arg=--spring.datasource.hikari.maximum-pool-size=20
      """;

  static BenchOptions parse(String[] args) {
    double rate = 200;
    Duration openLoop = Duration.ofSeconds(30);
    int maxInFlight = 400;
    int clients = 16;
    Duration closedLoop = Duration.ofSeconds(30);
    Duration warmup = Duration.ofSeconds(30);
    int warmupClients = 4;
    int participants = 20;
    int agendaItems = 5;
    boolean withNotifier = false;
    boolean profile = false;
    Path schedulerJar = serviceJar("scheduler-service");
    Path notifierJar = serviceJar("notifier-service");
    Path workDirectory = Path.of("infra", "target", "scheduler-bench");
    List<String> schedulerArguments = new ArrayList<>();
    for (String arg : args) {
      int eq = arg.indexOf('=');
      String name = eq < 0 ? arg : arg.substring(0, eq);
      String value = eq < 0 ? "" : arg.substring(eq + 1);
      switch (name) {
        case "--rate" -> rate = positive(name, Double.parseDouble(value));
        case "--duration" -> openLoop = seconds(name, value);
        case "--max-in-flight" -> maxInFlight = (int) positive(name, Integer.parseInt(value));
        case "--clients" -> clients = Integer.parseInt(value);
        case "--closed-duration" -> closedLoop = seconds(name, value);
        case "--warmup" -> warmup = Duration.ofSeconds(Long.parseLong(value));
        case "--warmup-clients" -> warmupClients = (int) positive(name, Integer.parseInt(value));
        case "--participants" -> participants = (int) positive(name, Integer.parseInt(value));
        case "--agenda-items" -> agendaItems = (int) positive(name, Integer.parseInt(value));
        case "--with-notifier" -> withNotifier = true;
        case "--profile" -> profile = true;
        case "--scheduler-jar" -> schedulerJar = Path.of(value);
        case "--notifier-jar" -> notifierJar = Path.of(value);
        case "--work-dir" -> workDirectory = Path.of(value);
        case "--scheduler-arg" -> schedulerArguments.add(value);
        default -> throw new IllegalArgumentException("unknown option " + arg + "\n" + USAGE);
      }
    }
    return new BenchOptions(
        rate,
        openLoop,
        maxInFlight,
        clients,
        closedLoop,
        warmup,
        warmupClients,
        participants,
        agendaItems,
        withNotifier,
        profile,
        schedulerJar,
        notifierJar,
        workDirectory,
        List.copyOf(schedulerArguments));
  }

  static boolean wantsHelp(String[] args) {
    return List.of(args).contains("--help");
  }

  String describe() {
    return String.format(
        Locale.ROOT,
        "open loop %.0f req/s for %d s (at most %d in flight); closed loop %d clients for %d s;"
            + " warm-up %d s with %d clients; %d participants and %d agenda items per meeting%s",
        rate,
        openLoop.toSeconds(),
        maxInFlight,
        clients,
        closedLoop.toSeconds(),
        warmup.toSeconds(),
        warmupClients,
        participants,
        agendaItems,
        (withNotifier ? "; notifier running" : "; notifier not running")
            + (schedulerArguments.isEmpty()
                ? ""
                : "; scheduler " + String.join(" ", schedulerArguments)));
  }

  private static Path serviceJar(String module) {
    return Path.of(module, "target", module + "-" + LocalStackOptions.VERSION + "-exec.jar");
  }

  private static Duration seconds(String name, String value) {
    return Duration.ofSeconds((long) positive(name, Long.parseLong(value)));
  }

  private static double positive(String name, double value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + " must be positive, not " + value);
    }
    return value;
  }
}
