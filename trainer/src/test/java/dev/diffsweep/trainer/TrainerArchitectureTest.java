package dev.diffsweep.trainer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The trainer's walls: no Spark, agents that know nothing of runs or commands, no cycles. */
@AnalyzeClasses(
    packages = "dev.diffsweep.trainer",
    importOptions = ImportOption.DoNotIncludeTests.class)
class TrainerArchitectureTest {
  @ArchTest
  static final ArchRule usesNoSpark =
      noClasses().should().dependOnClassesThat().resideInAPackage("org.apache.spark..");

  @ArchTest
  static final ArchRule knowsNothingOfThePipelineOrTheAnalysis =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.diffsweep.pipeline..", "dev.diffsweep.analysis..");

  @ArchTest
  static final ArchRule agentsPoliciesAndNetworksAreIndependentOfTheRunLoopAndTheCommands =
      noClasses()
          .that()
          .resideInAnyPackage(
              "dev.diffsweep.trainer.agent..",
              "dev.diffsweep.trainer.policy..",
              "dev.diffsweep.trainer.nn..",
              "dev.diffsweep.trainer.env..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.diffsweep.trainer.run..", "dev.diffsweep.trainer.cli..");

  @ArchTest
  static final ArchRule hasNoPackageCycles =
      slices().matching("dev.diffsweep.trainer.(*)..").should().beFreeOfCycles();
}
