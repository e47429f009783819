package dev.wharf.kinesis;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layer rules of DESIGN.md §3 inside a service module: api, then engine, then http. */
class LayerRulesTest {

    private static final JavaClasses KINESIS = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.wharf.kinesis");

    @Test
    void engineKnowsNoWireProtocolHttpServerOrSdk() {
        noClasses()
                .that()
                .resideInAPackage("dev.wharf.kinesis.engine..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.wharf.kinesis.http..",
                        "dev.wharf.protocol..",
                        "dev.wharf.server..",
                        "io.netty..",
                        "software.amazon.awssdk..")
                .check(KINESIS);
    }

    @Test
    void apiDependsOnNothingButCommon() {
        noClasses()
                .that()
                .resideInAPackage("dev.wharf.kinesis.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.wharf.kinesis.engine..",
                        "dev.wharf.kinesis.http..",
                        "dev.wharf.protocol..",
                        "dev.wharf.storage..",
                        "com.fasterxml..",
                        "software.amazon.awssdk..")
                .check(KINESIS);
    }
}
