package dev.diffsweep.trainer;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
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
          .resideInAnyPackage(
              "dev.diffsweep.trainer.run..",
              "dev.diffsweep.trainer.cli..",
              "dev.diffsweep.trainer.bench..");

  @ArchTest
  static final ArchRule hasNoPackageCycles =
      slices().matching("dev.diffsweep.trainer.(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule agentPackagesHaveNoCycles =
      slices().matching("dev.diffsweep.trainer.agent.(*)..").should().beFreeOfCycles();

  /**
   * The agent packages stand in layers: each algorithm (its base and diffusion variant side by
   * side) stands on the common package and the off-policy machinery, never on another algorithm, so
   * a new agent or variant is added beside them without touching them; only the registry knows them
   * all.
   */
  @ArchTest
  static final ArchRule agentPackagesStandInLayers =
      layeredArchitecture()
          .consideringOnlyDependenciesInLayers()
          .layer("common")
          .definedBy("dev.diffsweep.trainer.agent")
          .layer("off-policy")
          .definedBy("dev.diffsweep.trainer.agent.offpolicy..")
          .layer("sac")
          .definedBy("dev.diffsweep.trainer.agent.sac..")
          .layer("wpo")
          .definedBy("dev.diffsweep.trainer.agent.wpo..")
          .layer("ppo")
          .definedBy("dev.diffsweep.trainer.agent.ppo..")
          .layer("registry")
          .definedBy("dev.diffsweep.trainer.agent.registry..")
          .whereLayer("registry")
          .mayNotBeAccessedByAnyLayer()
          .whereLayer("sac")
          .mayOnlyBeAccessedByLayers("registry")
          .whereLayer("wpo")
          .mayOnlyBeAccessedByLayers("registry")
          .whereLayer("ppo")
          .mayOnlyBeAccessedByLayers("registry")
          .whereLayer("off-policy")
          .mayOnlyBeAccessedByLayers("sac", "wpo");
}
