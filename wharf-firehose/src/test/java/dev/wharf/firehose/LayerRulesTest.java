package dev.wharf.firehose;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layer rules of DESIGN.md §3 inside a service module: api, then engine, then http. */
class LayerRulesTest {

    private static final JavaClasses FIREHOSE = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.wharf.firehose");

    @Test
    void engineKnowsNoWireProtocolHttpServerOrSdk() {
        noClasses()
                .that()
                .resideInAPackage("dev.wharf.firehose.engine..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.wharf.firehose.http..",
                        "dev.wharf.protocol..",
                        "dev.wharf.server..",
                        "io.netty..",
                        "software.amazon.awssdk..")
                .check(FIREHOSE);
    }

    @Test
    void apiDependsOnNothingButCommon() {
        noClasses()
                .that()
                .resideInAPackage("dev.wharf.firehose.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.wharf.firehose.engine..",
                        "dev.wharf.firehose.http..",
                        "dev.wharf.protocol..",
                        "dev.wharf.storage..",
                        "com.fasterxml..",
                        "software.amazon.awssdk..")
                .check(FIREHOSE);
    }

    @Test
    void firehoseReachesS3OnlyThroughItsApi() {
        noClasses()
                .that()
                .resideInAPackage("dev.wharf.firehose..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.wharf.s3.engine..", "dev.wharf.s3.http..")
                .check(FIREHOSE);
    }

    @Test
    void firehoseReachesKinesisOnlyThroughItsApi() {
        noClasses()
                .that()
                .resideInAPackage("dev.wharf.firehose..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.wharf.kinesis.engine..", "dev.wharf.kinesis.http..")
                .check(FIREHOSE);
    }

    @Test
    void httpBindingDoesNotReachIntoTheStoreOrServer() {
        noClasses()
                .that()
                .resideInAPackage("dev.wharf.firehose.http..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.wharf.storage..", "dev.wharf.server..")
                .check(FIREHOSE);
    }
}
