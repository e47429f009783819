package dev.wharf.mq;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The layer rules of DESIGN.md §3 inside Amazon MQ's module (api, then engine, then http), and ActiveMQ kept to the
 * engine's broker package, which {@code MqLibraries} loads by name with the first broker.
 */
class LayerRulesTest {

    private static final JavaClasses MQ = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages("dev.wharf.mq");

    @Test
    void engineKnowsNoWireProtocolHttpServerOrSdk() {
        noClasses()
                .that()
                .resideInAPackage("dev.wharf.mq.engine..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.wharf.mq.http..",
                        "dev.wharf.protocol..",
                        "dev.wharf.server..",
                        "io.netty..",
                        "software.amazon.awssdk..")
                .check(MQ);
    }

    @Test
    void apiDependsOnNothingButCommon() {
        noClasses()
                .that()
                .resideInAPackage("dev.wharf.mq.api..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "dev.wharf.mq.engine..",
                        "dev.wharf.mq.http..",
                        "dev.wharf.protocol..",
                        "dev.wharf.storage..",
                        "com.fasterxml..",
                        "org.apache.activemq..",
                        "software.amazon.awssdk..")
                .check(MQ);
    }

    @Test
    void onlyTheBrokerPackageNamesActiveMqJmsOrJetty() {
        noClasses()
                .that()
                .resideOutsideOfPackage("dev.wharf.mq.engine.broker..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        "org.apache.activemq..",
                        "org.apache.xbean..",
                        "org.springframework..",
                        "javax.jms..",
                        "org.eclipse.jetty..")
                .check(MQ);
    }

    @Test
    void theEngineReachesTheBrokerPackageOnlyByName() {
        noClasses()
                .that()
                .resideInAnyPackage("dev.wharf.mq.engine", "dev.wharf.mq.engine.config..", "dev.wharf.mq.http..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage("dev.wharf.mq.engine.broker..")
                .check(MQ);
    }

    @Test
    void httpBindingDoesNotReachIntoTheStoreOrServer() {
        noClasses()
                .that()
                .resideInAPackage("dev.wharf.mq.http..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage("dev.wharf.storage..", "dev.wharf.server..")
                .check(MQ);
    }
}
