package dev.wharf.dynamodb;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The layer rules of DESIGN.md §3 inside a service module: api, then engine, then http. */
class LayerRulesTest {

    private static final JavaClasses DYNAMODB = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.wharf.dynamodb");

    @Test
    void engineKnowsNoWireProtocolHttpServerOrSdk() {
        noClasses()
                .that()
                .resideInAPackage("dev.wharf.dynamodb.engine..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.wharf.dynamodb.http..",
                        "dev.wharf.protocol..",
                        "dev.wharf.server..",
                        "io.netty..",
                        "software.amazon.awssdk..")
                .check(DYNAMODB);
    }

    @Test
    void apiDependsOnNothingButCommon() {
        noClasses()
                .that()
                .resideInAPackage("dev.wharf.dynamodb.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.wharf.dynamodb.engine..",
                        "dev.wharf.dynamodb.http..",
                        "dev.wharf.protocol..",
                        "dev.wharf.storage..",
                        "com.fasterxml..",
                        "software.amazon.awssdk..")
                .check(DYNAMODB);
    }
}
