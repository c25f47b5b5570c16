package dev.diffsweep.pipeline;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * Spark stays in the driver's packages: studies, trials, storage and the tuner are plain Java, so
 * they are testable without a Spark session and a trainer never loads Spark. No package cycles:
 * trials are values that storage keeps, and running one (execution) uses both.
 */
@AnalyzeClasses(
    packages = "dev.diffsweep.pipeline",
    importOptions = ImportOption.DoNotIncludeTests.class)
class PipelineArchitectureTest {
  @ArchTest
  static final ArchRule sparkOnlyInTheDriverAndTheCommands =
      noClasses()
          .that()
          .resideOutsideOfPackages("dev.diffsweep.pipeline.spark..", "dev.diffsweep.pipeline.cli..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("org.apache.spark..");

  @ArchTest
  static final ArchRule hasNoPackageCycles =
      slices().matching("dev.diffsweep.pipeline.(*)..").should().beFreeOfCycles();
}
