package org.convene.infra.bench;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;
import org.convene.infra.ServiceProcess;

/**
 * How a benchmark starts the services as processes of their own: with the same JVM options, their
 * output to one log, each handed to {@code started} to be stopped when the run ends, and, if asked
 * for, each with a JFR profile to {@code <work>/<name>.jfr} from start to exit (not in the first
 * run after a build, which records the services' AOT cache: the JVM records no profile while it
 * does).
 */
record ServiceLaunch(
    List<String> jvm,
    boolean profile,
    Path work,
    PrintStream log,
    Consumer<AutoCloseable> started) {

  /** Long enough for a first start after a build, which also records the AOT cache. */
  static final Duration HEALTHY_WITHIN = Duration.ofSeconds(600);

  ServiceProcess start(String name, Path jar, int port, List<String> arguments) {
    ServiceProcess service =
        ServiceProcess.start(name, jar, port, jvmOptions(name), arguments, log);
    started.accept(service);
    return service;
  }

  /** Returns once every one of {@code services} answers healthy. */
  static void awaitHealthy(ServiceProcess... services) {
    for (ServiceProcess service : services) {
      service.awaitHealthy(HEALTHY_WITHIN);
    }
  }

  private List<String> jvmOptions(String name) {
    if (!profile) {
      return jvm;
    }
    List<String> options = new ArrayList<>(jvm);
    options.add(
        "-XX:StartFlightRecording=settings=profile,dumponexit=true,filename="
            + work.resolve(name + ".jfr"));
    return options;
  }
}
