package org.convene.events;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The contract is read by every service: it must not drag Spring or service code along. */
class ContractPurityTests {

  private final JavaClasses contract =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.convene.events");

  @Test
  void contractDependsOnNoSpringAndNoServiceCode() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.springframework..",
            "org.convene.scheduler..",
            "org.convene.notifier..",
            "tools.jackson..",
            "org.apache.kafka..")
        .check(contract);
  }

  @Test
  void contractUsesOnlyTheJdkAndJacksonAnnotations() {
    classes()
        .should()
        .onlyDependOnClassesThat()
        .resideInAnyPackage(
            "java..",
            "javax.crypto..",
            "org.convene.events..",
            "com.fasterxml.jackson.annotation..")
        .check(contract);
  }
}
