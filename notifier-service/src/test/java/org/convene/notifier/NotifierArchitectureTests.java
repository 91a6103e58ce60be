package org.convene.notifier;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** Packages by feature, depending one way: system wires delivery, delivery uses invitation. */
class NotifierArchitectureTests {

  private final JavaClasses notifier =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("org.convene.notifier");

  @Test
  void featurePackagesHaveNoCycles() {
    slices().matching("org.convene.notifier.(*)..").should().beFreeOfCycles().check(notifier);
  }

  @Test
  void invitationsKnowNothingOfKafkaOrTheLedger() {
    noClasses()
        .that()
        .resideInAPackage("org.convene.notifier.invitation..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "org.apache.kafka..",
            "org.springframework.kafka..",
            "org.springframework.jdbc..",
            "org.convene.notifier.delivery..",
            "org.convene.notifier.system..")
        .check(notifier);
  }

  @Test
  void theDeliveryLedgersSqlStaysInTheLedgers() {
    noClasses()
        .that()
        .resideInAPackage("org.convene.notifier.delivery..")
        .and()
        .haveNameNotMatching(
            "org\\.convene\\.notifier\\.delivery\\.(\\w+Ledger|LedgerArrays)(\\$.*)?")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("org.springframework.jdbc..", "java.sql..")
        .check(notifier);
  }

  @Test
  void onlyDeliveryTalksToTheMailServer() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.convene.notifier.delivery..")
        .should()
        .dependOnClassesThat()
        .haveFullyQualifiedName("jakarta.mail.Transport")
        .check(notifier);
  }

  @Test
  void onlyTheSystemPackageConfiguresKafkaSerialisation() {
    noClasses()
        .that()
        .resideOutsideOfPackage("org.convene.notifier.system..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.springframework.kafka.support.serializer..")
        .check(notifier);
  }
}
