package dev.diffsweep;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The walls of every module, in one place: the pipeline module is the one whose classpath holds all
 * of them (contract, trainer, analysis and itself), so the whole architecture is checked here and
 * read on one page. Maven keeps modules from depending the wrong way round; these rules keep the
 * packages inside them in order.
 */
@AnalyzeClasses(packages = "dev.diffsweep", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {
  /** The contract is shared by every module, so it may depend on nothing but the JDK. */
  @ArchTest
  static final ArchRule theContractDependsOnTheJdkOnly =
      classes()
          .that()
          .resideInAPackage("dev.diffsweep.contract..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("dev.diffsweep.contract..", "java..");

  /** No package cycles in any module (packages one level below each module's root). */
  @ArchTest
  static final ArchRule noModuleHasPackageCycles =
      slices().matching("dev.diffsweep.(*).(*)..").should().beFreeOfCycles();

  @ArchTest
  static final ArchRule theTrainerUsesNoSpark =
      classesIn("dev.diffsweep.trainer..").mayNotUse("org.apache.spark..");

  /** Agents know nothing of runs or commands, so a new run loop or command leaves them alone. */
  @ArchTest
  static final ArchRule agentsPoliciesAndNetworksAreIndependentOfTheRunLoopAndTheCommands =
      classesIn(
              "dev.diffsweep.trainer.agent..",
              "dev.diffsweep.trainer.policy..",
              "dev.diffsweep.trainer.nn..",
              "dev.diffsweep.trainer.env..")
          .mayNotUse(
              "dev.diffsweep.trainer.run..",
              "dev.diffsweep.trainer.cli..",
              "dev.diffsweep.trainer.bench..");

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

  /**
   * The analysis reads what the trainer and the pipeline write through the contract only, so it can
   * run as its own Spark job (and under RAPIDS) without them.
   */
  @ArchTest
  static final ArchRule theAnalysisUsesNoTrainerOrPipelineClasses =
      classesIn("dev.diffsweep.analysis..")
          .mayNotUse("dev.diffsweep.trainer..", "dev.diffsweep.pipeline..");

  @ArchTest
  static final ArchRule theAnalysisStatisticsAreFreeOfSpark =
      classesIn("dev.diffsweep.analysis.stats..").mayNotUse("org.apache.spark..");

  /**
   * Spark stays in the pipeline's driver and commands: studies, trials, storage and the tuner are
   * plain Java, testable without a Spark session, and a trainer never loads Spark.
   */
  @ArchTest
  static final ArchRule pipelineSparkOnlyInTheDriverAndTheCommands =
      noClasses()
          .that()
          .resideInAPackage("dev.diffsweep.pipeline..")
          .and()
          .resideOutsideOfPackages("dev.diffsweep.pipeline.spark..", "dev.diffsweep.pipeline.cli..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.apache.spark..");

  private static Packages classesIn(String... packages) {
    return new Packages(packages);
  }

  /** Reads as the rule says: classes in these packages may not use those. */
  private record Packages(String... packages) {
    ArchRule mayNotUse(String... used) {
      return noClasses()
          .that()
          .resideInAnyPackage(packages)
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(used);
    }
  }
}
