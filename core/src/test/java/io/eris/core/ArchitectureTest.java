package io.eris.core;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The core stays a plain Java library: no Jakarta or javax API (it runs in the EAR's lib/ and in
 * the simulation alike), no cycles between its packages, and dependencies that point down the
 * layers: codec, crypto, model and state at the bottom, the ledger rules above them, the consensus
 * on top, the operator tools outside.
 */
@AnalyzeClasses(packages = "io.eris.core", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

  @ArchTest
  static final ArchRule noContainerApis =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("jakarta..", "javax..")
          .because("the core compiles and runs with no container");

  @ArchTest
  static final ArchRule noPackageCycles =
      slices().matching("io.eris.core.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule layers =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("tools")
          .definedBy("io.eris.core.tools..")
          .layer("consensus")
          .definedBy("io.eris.core.consensus..")
          .layer("ledger")
          .definedBy("io.eris.core.ledger..")
          .layer("state")
          .definedBy("io.eris.core.state..")
          .layer("model")
          .definedBy("io.eris.core.model..")
          .layer("crypto")
          .definedBy("io.eris.core.crypto..")
          .layer("codec")
          .definedBy("io.eris.core.codec..")
          .whereLayer("tools")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("consensus")
          .mayOnlyBeAccessedByLayers("tools")
          .whereLayer("ledger")
          .mayOnlyBeAccessedByLayers("consensus", "tools")
          .whereLayer("state")
          .mayOnlyBeAccessedByLayers("ledger", "consensus", "tools")
          .whereLayer("model")
          .mayOnlyBeAccessedByLayers("ledger", "consensus", "tools")
          .whereLayer("crypto")
          .mayOnlyBeAccessedByLayers("model", "state", "ledger", "consensus", "tools");
}
