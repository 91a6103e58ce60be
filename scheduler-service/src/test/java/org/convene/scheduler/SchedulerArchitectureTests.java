package org.convene.scheduler;

import static com.tngtech.archunit.base.DescribedPredicate.not;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.convene.events.CloudEventHeaders;
import org.convene.events.MeetingId;
import org.junit.jupiter.api.Test;

/**
 * Package-by-feature stays a tree: features build on meeting, never the other way round; the
 * meeting aggregate is plain Java; only the outbox speaks the published contract.
 */
class SchedulerArchitectureTests {

  private static final String DOMAIN = "org.convene.scheduler.meeting.domain..";

  private final JavaClasses classes =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.convene.scheduler");

  /**
   * Package by package, not feature by feature: the outbox maps the aggregate (in meeting's domain
   * package) to the contract, and the meeting feature hands its changes to the outbox.
   */
  @Test
  void packagesHaveNoCycles() {
    slices().matching("org.convene.scheduler.(**)").should().beFreeOfCycles().check(classes);
  }

  @Test
  void meetingDoesNotDependOnTheFeaturesBuiltOnIt() {
    noClasses()
        .that()
        .resideInAPackage("org.convene.scheduler.meeting..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.convene.scheduler.agenda..",
            "org.convene.scheduler.participant..",
            "org.convene.scheduler.group..",
            "org.convene.scheduler.answer..",
            "org.convene.scheduler.inbox..")
        .check(classes);
  }

  /** The outbox publishes, the inbox consumes: Kafka stays at those two edges. */
  @Test
  void onlyTheOutboxTalksToKafka() {
    noClasses()
        .that()
        .resideOutsideOfPackages(
            "org.convene.scheduler.outbox..",
            "org.convene.scheduler.inbox..",
            "org.convene.scheduler.system..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
        .check(classes);
  }

  @Test
  void theAnswerRulesArePlainJava() {
    noClasses()
        .that()
        .resideInAPackage("org.convene.scheduler.answer.domain..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "tools.jackson..",
            "com.fasterxml.jackson..",
            "java.sql..",
            "javax.sql..",
            "jakarta..",
            "org.convene.events..",
            "org.convene.scheduler.outbox..",
            "org.convene.scheduler.system..")
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage("org.convene.scheduler.answer", "org.convene.scheduler.meeting")
        .check(classes);
  }

  @Test
  void theMeetingAggregateIsPlainJava() {
    noClasses()
        .that()
        .resideInAPackage(DOMAIN)
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "tools.jackson..",
            "com.fasterxml.jackson..",
            "java.sql..",
            "javax.sql..",
            "jakarta..",
            "org.convene.scheduler.outbox..",
            "org.convene.scheduler.system..",
            "org.convene.scheduler.security..")
        .orShould()
        .dependOnClassesThat()
        .resideInAnyPackage("org.convene.scheduler.meeting")
        .check(classes);
  }

  /**
   * The meeting's id is shared with the contract; every other contract type is the outbox's to map
   * to, or the inbox's to map from. The answer-link token format is shared code, not an event.
   */
  @Test
  void onlyTheOutboxMapsToThePublishedContract() {
    noClasses()
        .that()
        .resideOutsideOfPackages("org.convene.scheduler.outbox..", "org.convene.scheduler.inbox..")
        .should()
        .dependOnClassesThat(
            resideInAPackage("org.convene.events..")
                .and(not(resideInAPackage("org.convene.events.links..")))
                .and(not(equivalentTo(MeetingId.class)))
                .and(not(equivalentTo(CloudEventHeaders.class))))
        .check(classes);
  }
}
