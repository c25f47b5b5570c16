package dev.diffsweep.trainer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The trainer's walls: no Spark, agents that know nothing of runs or commands, no cycles. */
class TrainerArchitectureTest {
  private static final JavaClasses TRAINER =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.diffsweep.trainer");

  @Test
  void usesNoSpark() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.spark..")
        .check(TRAINER);
  }

  @Test
  void knowsNothingOfThePipelineOrTheAnalysis() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.diffsweep.pipeline..", "dev.diffsweep.analysis..")
        .check(TRAINER);
  }

  @Test
  void agentsPoliciesAndNetworksAreIndependentOfTheRunLoopAndTheCommands() {
    noClasses()
        .that()
        .resideInAnyPackage(
            "dev.diffsweep.trainer.agent..",
            "dev.diffsweep.trainer.policy..",
            "dev.diffsweep.trainer.nn..",
            "dev.diffsweep.trainer.env..")
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.diffsweep.trainer.run..", "dev.diffsweep.trainer.cli..")
        .check(TRAINER);
  }

  @Test
  void hasNoPackageCycles() {
    slices().matching("dev.diffsweep.trainer.(*)..").should().beFreeOfCycles().check(TRAINER);
  }
}
