package dev.diffsweep.analysis;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The analysis reads what the trainer and the pipeline write through the contract only, so it can
 * run as its own Spark job (and under RAPIDS) without them.
 */
@AnalyzeClasses(
    packages = "dev.diffsweep.analysis",
    importOptions = ImportOption.DoNotIncludeTests.class)
class AnalysisArchitectureTest {
  @ArchTest
  static final ArchRule usesNoTrainerOrPipelineClasses =
      noClasses()
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage("dev.diffsweep.trainer..", "dev.diffsweep.pipeline..");

  @ArchTest
  static final ArchRule statisticsAreFreeOfSpark =
      noClasses()
          .that()
          .resideInAPackage("dev.diffsweep.analysis.stats..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.apache.spark..");

  @ArchTest
  static final ArchRule hasNoPackageCycles =
      slices().matching("dev.diffsweep.analysis.(*)..").should().beFreeOfCycles();
}
