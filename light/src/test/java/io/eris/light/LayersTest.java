package io.eris.light;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Only the rest package knows Jakarta EE; verification knows nothing of nodes, HTTP or the service
 * that uses it.
 */
class LayersTest {
  private static final JavaClasses CLASSES =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("io.eris.light");

  @Test
  void plainJavaBelowTheRestPackage() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.eris.light.rest..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("jakarta..", "org.eclipse.microprofile..")
        .check(CLASSES);
  }

  @Test
  void verificationDependsOnTheCoreOnly() {
    noClasses()
        .that()
        .resideInAPackage("io.eris.light.verify..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage(
            "io.eris.light.node..",
            "io.eris.light.cache..",
            "io.eris.light.service..",
            "io.eris.light.rest..",
            "java.net..")
        .check(CLASSES);
  }

  @Test
  void nothingBelowDependsOnTheRestPackage() {
    noClasses()
        .that()
        .resideOutsideOfPackage("io.eris.light.rest..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("io.eris.light.rest..")
        .check(CLASSES);
  }
}
