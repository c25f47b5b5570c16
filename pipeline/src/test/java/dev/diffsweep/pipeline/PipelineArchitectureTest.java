package dev.diffsweep.pipeline;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * Spark stays in the driver's packages: studies, trials, storage and the tuner are plain Java, so
 * they are testable without a Spark session and a trainer never loads Spark.
 */
class PipelineArchitectureTest {
  private static final JavaClasses PIPELINE =
      new ClassFileImporter()
          .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
          .importPackages("dev.diffsweep.pipeline");

  @Test
  void sparkOnlyInTheDriverAndTheCommands() {
    noClasses()
        .that()
        .resideOutsideOfPackages("dev.diffsweep.pipeline.spark..", "dev.diffsweep.pipeline.cli..")
        .should()
        .dependOnClassesThat()
        .resideInAPackage("org.apache.spark..")
        .check(PIPELINE);
  }
}
