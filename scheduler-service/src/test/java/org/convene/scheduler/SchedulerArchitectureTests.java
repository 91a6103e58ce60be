package org.convene.scheduler;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Package-by-feature stays a tree: features build on meeting, never the other way round. */
class SchedulerArchitectureTests {

  private final JavaClasses classes =
      new ClassFileImporter().withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS).importPackages("org.convene.scheduler");

  @Test
  void featurePackagesHaveNoCycles() {
    slices().matching("org.convene.scheduler.(*)..").should().beFreeOfCycles().check(classes);
  }

  @Test
  void meetingDoesNotDependOnTheFeaturesBuiltOnIt() {
    noClasses().that().resideInAPackage("org.convene.scheduler.meeting..")
        .should().dependOnClassesThat().resideInAnyPackage(
            "org.convene.scheduler.agenda..", "org.convene.scheduler.participant..", "org.convene.scheduler.group..")
        .check(classes);
  }

  @Test
  void onlyTheOutboxTalksToKafka() {
    noClasses().that().resideOutsideOfPackages("org.convene.scheduler.outbox..", "org.convene.scheduler.system..")
        .should().dependOnClassesThat().resideInAnyPackage("org.apache.kafka..", "org.springframework.kafka..")
        .check(classes);
  }
}
