package dev.diffsweep.analysis;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The analysis reads what the trainer and the pipeline write through the contract only, so it can
 * run as its own Spark job (and under RAPIDS) without them.
 */
class AnalysisArchitectureTest {
  private static final JavaClasses ANALYSIS =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.diffsweep.analysis");

  @Test
  void usesNoTrainerOrPipelineClasses() {
    noClasses()
        .should()
        .dependOnClassesThat()
        .resideInAnyPackage("dev.diffsweep.trainer..", "dev.diffsweep.pipeline..")
        .check(ANALYSIS);
  }

  @Test
  void statisticsAreFreeOfSpark() {
    noClasses()
        .that()
        .resideInAPackage("dev.diffsweep.analysis.stats..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.spark..")
        .check(ANALYSIS);
  }

  @Test
  void hasNoPackageCycles() {
    slices().matching("dev.diffsweep.analysis.(*)..").should().beFreeOfCycles().check(ANALYSIS);
  }
}
