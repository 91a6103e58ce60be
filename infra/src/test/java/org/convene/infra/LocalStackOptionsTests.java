package org.convene.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import org.junit.jupiter.api.Test;

class LocalStackOptionsTests {

  @Test
  void withoutArgumentsUsesTheDocumentedDefaults() {
    LocalStackOptions options = LocalStackOptions.parse();

    assertThat(options.ports())
        .containsExactly(
            entry("--kafka-port", 9092),
            entry("--postgres-port", 15432),
            entry("--smtp-port", 3025),
            entry("--imap-port", 3143),
            entry("--scheduler-port", 8080),
            entry("--notifier-port", 8081));
    assertThat(options.schedulerJar())
        .isEqualTo(
            Path.of(
                "scheduler-service/target/scheduler-service-"
                    + LocalStackOptions.VERSION
                    + "-exec.jar"));
    assertThat(options.notifierJar())
        .isEqualTo(
            Path.of(
                "notifier-service/target/notifier-service-"
                    + LocalStackOptions.VERSION
                    + "-exec.jar"));
    assertThat(options.loadDemo()).isTrue();
  }

  @Test
  void theVersionOfTheServiceJarsIsFilteredInByMaven() {
    assertThat(LocalStackOptions.VERSION).matches("\\d+\\.\\d+\\.\\d+.*");
  }

  @Test
  void everyOptionOverridesItsDefault() {
    LocalStackOptions options =
        LocalStackOptions.parse(
            "--kafka-port=19092",
            "--postgres-port=25432",
            "--smtp-port=0",
            "--imap-port=0",
            "--scheduler-port=18080",
            "--notifier-port=18081",
            "--scheduler-jar=/opt/convene/scheduler.jar",
            "--notifier-jar=notifier.jar",
            "--no-demo");

    assertThat(options)
        .isEqualTo(
            new LocalStackOptions(
                19092,
                25432,
                0,
                0,
                18080,
                18081,
                Path.of("/opt/convene/scheduler.jar"),
                Path.of("notifier.jar"),
                false));
  }

  @Test
  void portZeroMeansAnyFreePortAndMayBeGivenSeveralTimes() {
    LocalStackOptions options =
        LocalStackOptions.parse("--kafka-port=0", "--postgres-port=0", "--scheduler-port=0");

    assertThat(options.kafkaPort()).isZero();
    assertThat(options.postgresPort()).isZero();
    assertThat(options.schedulerPort()).isZero();
  }

  @Test
  void aPortThatIsNotANumberIsRefusedNamingTheOption() {
    assertThatThrownBy(() -> LocalStackOptions.parse("--kafka-port=abc"))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessage("--kafka-port=abc: not a port number; use 1-65535, or 0 for any free port");
  }

  @Test
  void aPortOutOfRangeIsRefusedNamingTheOption() {
    assertThatThrownBy(() -> LocalStackOptions.parse("--postgres-port=65536"))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessage(
            "--postgres-port=65536: not a port number; use 1-65535, or 0 for any free port");
    assertThatThrownBy(() -> LocalStackOptions.parse("--smtp-port=-1"))
        .hasMessageStartingWith("--smtp-port=-1: not a port number");
  }

  @Test
  void twoServersOnOnePortAreRefused() {
    assertThatThrownBy(() -> LocalStackOptions.parse("--notifier-port=8080"))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessage("--notifier-port=8080: same port as --scheduler-port");
  }

  @Test
  void anUnknownOptionIsRefused() {
    assertThatThrownBy(() -> LocalStackOptions.parse("--kafak-port=9093"))
        .isInstanceOf(InvalidOptionException.class)
        .hasMessage("--kafak-port=9093: unknown option; --help lists the options");
  }

  @Test
  void anOptionWithoutValueIsRefused() {
    assertThatThrownBy(() -> LocalStackOptions.parse("--imap-port"))
        .hasMessage("--imap-port: needs a value, as in --imap-port=0");
    assertThatThrownBy(() -> LocalStackOptions.parse("--scheduler-jar="))
        .hasMessageStartingWith(
            "--scheduler-jar=: needs a value, as in --scheduler-jar=scheduler-service/target/");
  }

  @Test
  void helpIsRecognisedAndDocumentsEveryOption() {
    assertThat(LocalStackOptions.wantsHelp("--no-demo", "--help")).isTrue();
    assertThat(LocalStackOptions.wantsHelp("-h")).isTrue();
    assertThat(LocalStackOptions.wantsHelp("--no-demo")).isFalse();
    assertThat(LocalStackOptions.usage())
        .contains(
            "--kafka-port=PORT",
            "--postgres-port=PORT",
            "--smtp-port=PORT",
            "--imap-port=PORT",
            "--scheduler-port=PORT",
            "--notifier-port=PORT",
            "--scheduler-jar=PATH",
            "--notifier-jar=PATH",
            "--no-demo",
            "--help",
            "(default 9092)",
            "(default 15432)",
            "any free port");
  }

  private static java.util.Map.Entry<String, Integer> entry(String option, int port) {
    return java.util.Map.entry(option, port);
  }
}
