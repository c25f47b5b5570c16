package dev.diffsweep.contract;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The contract is shared by every module, so it may depend on nothing but the JDK. */
@AnalyzeClasses(
    packages = "dev.diffsweep.contract",
    importOptions = ImportOption.DoNotIncludeTests.class)
class ContractArchitectureTest {
  @ArchTest
  static final ArchRule dependsOnTheJdkOnly =
      classes()
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage("dev.diffsweep.contract..", "java..");
}
