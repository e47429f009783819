package dev.wharf.sns;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layer rules of DESIGN.md §3 inside a service module: api, then engine, then http. */
class LayerRulesTest {

    private static final JavaClasses SNS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.wharf.sns");

    @Test
    void engineKnowsNoWireProtocolHttpServerOrSdk() {
        noClasses()
                .that()
                .resideInAPackage("dev.wharf.sns.engine..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.wharf.sns.http..",
                        "dev.wharf.protocol..",
                        "dev.wharf.server..",
                        "io.netty..",
                        "software.amazon.awssdk..")
                .check(SNS);
    }

    @Test
    void apiDependsOnNothingButCommon() {
        noClasses()
                .that()
                .resideInAPackage("dev.wharf.sns.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.wharf.sns.engine..",
                        "dev.wharf.sns.http..",
                        "dev.wharf.protocol..",
                        "dev.wharf.storage..",
                        "com.fasterxml..",
                        "software.amazon.awssdk..")
                .check(SNS);
    }

    @Test
    void snsReachesSqsOnlyThroughItsApi() {
        noClasses()
                .that()
                .resideInAPackage("dev.wharf.sns..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.wharf.sqs.engine..",
                        "dev.wharf.sqs.http..",
                        "dev.wharf.firehose.engine..",
                        "dev.wharf.firehose.http..")
                .check(SNS);
    }

    @Test
    void httpBindingDoesNotReachIntoTheStoreOrServer() {
        noClasses()
                .that()
                .resideInAPackage("dev.wharf.sns.http..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.wharf.storage..", "dev.wharf.server..")
                .check(SNS);
    }
}
