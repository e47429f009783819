package dev.wharf.iam;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layer rules of DESIGN.md §3 inside a service module: api, then engine, then http. */
class LayerRulesTest {

    private static final JavaClasses IAM = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.wharf.iam");

    @Test
    void engineKnowsNoWireProtocolHttpServerOrSdk() {
        noClasses()
                .that()
                .resideInAPackage("dev.wharf.iam.engine..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.wharf.iam.http..",
                        "dev.wharf.protocol..",
                        "dev.wharf.server..",
                        "io.netty..",
                        "software.amazon.awssdk..")
                .check(IAM);
    }

    @Test
    void apiDependsOnNothingButCommon() {
        noClasses()
                .that()
                .resideInAPackage("dev.wharf.iam.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.wharf.iam.engine..",
                        "dev.wharf.iam.http..",
                        "dev.wharf.protocol..",
                        "dev.wharf.storage..",
                        "com.fasterxml..",
                        "software.amazon.awssdk..")
                .check(IAM);
    }

    @Test
    void httpBindingDoesNotReachIntoTheStoreOrServer() {
        noClasses()
                .that()
                .resideInAPackage("dev.wharf.iam.http..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.wharf.storage..", "dev.wharf.server..")
                .check(IAM);
    }
}
