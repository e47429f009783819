package dev.wharf.cloudwatch;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layer rules of DESIGN.md §3 inside a service module: api, then engine, then http. */
class LayerRulesTest {

    private static final JavaClasses CLOUDWATCH = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.wharf.cloudwatch");

    @Test
    void engineKnowsNoWireProtocolHttpServerOrSdk() {
        noClasses()
                .that()
                .resideInAPackage("dev.wharf.cloudwatch.engine..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.wharf.cloudwatch.http..",
                        "dev.wharf.protocol..",
                        "dev.wharf.server..",
                        "io.netty..",
                        "software.amazon.awssdk..")
                .check(CLOUDWATCH);
    }

    @Test
    void cloudWatchReachesTheOtherServicesOnlyThroughTheirApis() {
        noClasses()
                .that()
                .resideInAPackage("dev.wharf.cloudwatch..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.wharf.sns.engine..",
                        "dev.wharf.sns.http..",
                        "dev.wharf.sqs.engine..",
                        "dev.wharf.sqs.http..",
                        "dev.wharf.kinesis.engine..",
                        "dev.wharf.kinesis.http..",
                        "dev.wharf.dynamodb.engine..",
                        "dev.wharf.dynamodb.http..",
                        "dev.wharf.firehose.engine..",
                        "dev.wharf.firehose.http..")
                .check(CLOUDWATCH);
    }

    @Test
    void apiDependsOnNothingButCommon() {
        noClasses()
                .that()
                .resideInAPackage("dev.wharf.cloudwatch.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.wharf.cloudwatch.engine..",
                        "dev.wharf.cloudwatch.http..",
                        "dev.wharf.protocol..",
                        "dev.wharf.storage..",
                        "com.fasterxml..",
                        "software.amazon.awssdk..")
                .check(CLOUDWATCH);
    }
}
