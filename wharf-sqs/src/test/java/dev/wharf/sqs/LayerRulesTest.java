package dev.wharf.sqs;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layer rules of DESIGN.md §3 inside a service module: api, then engine, then http. */
class LayerRulesTest {

    private static final JavaClasses SQS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.wharf.sqs");

    @Test
    void engineKnowsNoWireProtocolHttpOrServer() {
        noClasses()
                .that()
                .resideInAPackage("dev.wharf.sqs.engine..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.wharf.sqs.http..", "dev.wharf.protocol..", "dev.wharf.server..", "io.netty..")
                .check(SQS);
    }

    @Test
    void apiDependsOnNothingButCommon() {
        noClasses()
                .that()
                .resideInAPackage("dev.wharf.sqs.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.wharf.sqs.engine..",
                        "dev.wharf.sqs.http..",
                        "dev.wharf.protocol..",
                        "dev.wharf.storage..",
                        "com.fasterxml..")
                .check(SQS);
    }

    @Test
    void httpBindingDoesNotReachIntoTheStore() {
        noClasses()
                .that()
                .resideInAPackage("dev.wharf.sqs.http..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.wharf.storage..", "dev.wharf.server..")
                .check(SQS);
    }
}
