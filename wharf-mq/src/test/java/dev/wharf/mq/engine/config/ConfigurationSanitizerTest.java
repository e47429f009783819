package dev.wharf.mq.engine.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The sanitizer keeps what Amazon MQ's 5.18 schema permits, removes the rest with warnings, and refuses bad XML. */
class ConfigurationSanitizerTest {
    private static final String CORE = "http://activemq.apache.org/schema/core";
    private static final String PREFIX = ConfigurationLimits.INVALID_DATA_PREFIX;
    private final ConfigurationSanitizer sanitizer = new ConfigurationSanitizer();

    private static String broker(String attributes, String body) {
        return "<broker xmlns=\"" + CORE + "\"" + attributes + ">" + body + "</broker>";
    }

    private Sanitized sanitize(String xml) {
        return this.sanitizer.sanitize(xml);
    }

    private String rejection(String xml) {
        try {
            this.sanitizer.sanitize(xml);
        } catch (ConfigurationRejected e) {
            assertThat(e.errorAttribute()).isEqualTo("data");
            return e.getMessage();
        }

        throw new AssertionError("the configuration was accepted: " + xml);
    }

    @Test
    void defaultConfigurationPassesWithoutWarnings() {
        String xml = DefaultConfigurations.activeMq("5.18");
        Sanitized sanitized = this.sanitize(xml);
        assertThat(sanitized.warnings()).isEmpty();
        assertThat(sanitized.xml())
                .startsWith(XmlText.DECLARATION)
                .contains("<constantPendingMessageLimitStrategy limit=\"1000\"/>")
                .contains("topic=\"&gt;\"")
                .contains("<plugins/>");
        assertThat(this.sanitizer.sanitize(xml.getBytes(StandardCharsets.UTF_8)).xml())
                .isEqualTo(sanitized.xml());
    }

    @Test
    void defaultConfigurationIsOnlyForActiveMq518() {
        assertThatThrownBy(() -> DefaultConfigurations.activeMq("5.17"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("Wharf runs ActiveMQ 5.18, not 5.17");
        assertThat(DefaultConfigurations.description("orders", "5.18"))
                .isEqualTo("Auto-generated default for orders on ActiveMQ 5.18");
    }

    @Test
    void disallowedElementsAreRemovedWithAWarningEach() {
        Sanitized sanitized = this.sanitize(broker(
                "",
                "<managementContext/><plugins><simpleAuthenticationPlugin/><statisticsBrokerPlugin/></plugins>"
                        + "<other xmlns=\"urn:other\"/>"));
        assertThat(sanitized.warnings())
                .containsExactly(
                        new SanitizationWarning(
                                null, "managementContext", SanitizationWarning.Reason.DISALLOWED_ELEMENT_REMOVED),
                        new SanitizationWarning(
                                null,
                                "simpleAuthenticationPlugin",
                                SanitizationWarning.Reason.DISALLOWED_ELEMENT_REMOVED),
                        new SanitizationWarning(null, "other", SanitizationWarning.Reason.DISALLOWED_ELEMENT_REMOVED));
        assertThat(sanitized.xml())
                .contains("<plugins><statisticsBrokerPlugin/></plugins>")
                .doesNotContain("managementContext")
                .doesNotContain("simpleAuthenticationPlugin")
                .doesNotContain("urn:other");
    }

    @Test
    void wildcardContentIsRemovedBecauseItWouldBeASpringBean() {
        Sanitized sanitized = this.sanitize(broker(
                "",
                "<networkConnectors><networkConnector name=\"n\"><uri><bean xmlns=\"" + CORE
                        + "\"/></uri></networkConnector></networkConnectors>"));
        assertThat(sanitized.warnings())
                .containsExactly(
                        new SanitizationWarning(null, "bean", SanitizationWarning.Reason.DISALLOWED_ELEMENT_REMOVED));
        assertThat(sanitized.xml()).contains("<networkConnector name=\"n\"><uri/></networkConnector>");
    }

    @Test
    void disallowedAttributesAreRemovedWithAWarningEach() {
        Sanitized sanitized = this.sanitize(broker(
                " brokerName=\"mine\" useJmx=\"true\" persistent=\"true\" xmlns:x=\"urn:x\" x:extra=\"1\"",
                "<plugins x:note=\"n\"/>"));
        assertThat(sanitized.warnings())
                .containsExactly(
                        new SanitizationWarning(
                                "brokerName", "broker", SanitizationWarning.Reason.DISALLOWED_ATTRIBUTE_REMOVED),
                        new SanitizationWarning(
                                "useJmx", "broker", SanitizationWarning.Reason.DISALLOWED_ATTRIBUTE_REMOVED),
                        new SanitizationWarning(
                                "x:extra", "broker", SanitizationWarning.Reason.DISALLOWED_ATTRIBUTE_REMOVED),
                        new SanitizationWarning(
                                "x:note", "plugins", SanitizationWarning.Reason.DISALLOWED_ATTRIBUTE_REMOVED));
        assertThat(sanitized.xml())
                .contains("persistent=\"true\"")
                .doesNotContain("brokerName")
                .doesNotContain("useJmx")
                .doesNotContain("extra");
    }

    @Test
    void dynamicAttributeValuesAreRemovedAsInvalid() {
        Sanitized sanitized = this.sanitize(broker(" persistent=\"${persist}\" schedulerSupport=\"#{spel}\"", ""));
        assertThat(sanitized.warnings())
                .containsExactly(
                        new SanitizationWarning(
                                "persistent", "broker", SanitizationWarning.Reason.INVALID_ATTRIBUTE_VALUE_REMOVED),
                        new SanitizationWarning(
                                "schedulerSupport",
                                "broker",
                                SanitizationWarning.Reason.INVALID_ATTRIBUTE_VALUE_REMOVED));
        assertThat(sanitized.xml()).doesNotContain("persistent").doesNotContain("schedulerSupport");
    }

    @Test
    void firstWarningsAreTwentyAtMost() {
        StringBuilder body = new StringBuilder();
        for (int i = 0; i < 25; i++) {
            body.append("<bogus").append(i).append("/>");
        }

        Sanitized sanitized = this.sanitize(broker("", body.toString()));
        assertThat(sanitized.warnings()).hasSize(25);
        assertThat(sanitized.firstWarnings()).hasSize(ConfigurationLimits.WARNINGS_RETURNED_MAX);
        assertThat(sanitized.firstWarnings().get(0).elementName()).isEqualTo("bogus0");
    }

    @Test
    void aWarningNamesAnAttributeExactlyWhenAnAttributeWasRemoved() {
        assertThatThrownBy(() ->
                        new SanitizationWarning("a", "broker", SanitizationWarning.Reason.DISALLOWED_ELEMENT_REMOVED))
                .isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new SanitizationWarning(
                        null, "broker", SanitizationWarning.Reason.DISALLOWED_ATTRIBUTE_REMOVED))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aValueNotOfItsTypeIsRejectedWithTheSchemaErrors() {
        assertThat(this.rejection(broker(" schedulePeriodForDestinationPurge=\"soon\"", "")))
                .isEqualTo(PREFIX
                        + "cvc-attribute.3: The value 'soon' of attribute 'schedulePeriodForDestinationPurge' on"
                        + " element 'broker' is not valid with respect to its type, 'integer'. and"
                        + " cvc-datatype-valid.1.2.1: 'soon' is not a valid value for 'integer'.");
        assertThat(this.rejection(broker(" advisorySupport=\"x\" useVirtualTopics=\"maybe\"", "")))
                .contains("'maybe' is not a valid value for 'boolean'.");
        assertThat(this.rejection(broker(
                        "",
                        "<destinationPolicy><policyMap><policyEntries><policyEntry queue=\"q\""
                                + " cursorMemoryHighWaterMark=\"x\"/></policyEntries></policyMap>"
                                + "</destinationPolicy>")))
                .contains("'x' is not a valid value for 'integer'.");
    }

    @Test
    void aValueOutOfItsRangeIsRejected() {
        assertThat(this.rejection(
                        broker("", "<persistenceAdapter><kahaDB checkpointInterval=\"100\"/></persistenceAdapter>")))
                .isEqualTo(PREFIX
                        + "cvc-attribute.3: The value '100' of attribute 'checkpointInterval' on element 'kahaDB' is"
                        + " not valid with respect to its type, 'checkpointIntervalType'. and cvc-minInclusive-valid:"
                        + " Value '100' is not facet-valid with respect to minInclusive '5000' for type"
                        + " 'checkpointIntervalType'.");
        assertThat(this.rejection(
                        broker("", "<persistenceAdapter><kahaDB indexWriteBatchSize=\"9000\"/></persistenceAdapter>")))
                .contains("cvc-maxInclusive-valid: Value '9000' is not facet-valid with respect to maxInclusive"
                        + " '3000' for type 'indexWriteBatchSizeType'.");
        assertThat(this.rejection(broker(
                        "",
                        "<systemUsage><systemUsage><memoryUsage><memoryUsage percentOfJvmHeap=\"90\"/>"
                                + "</memoryUsage></systemUsage></systemUsage>")))
                .contains("maxInclusive '70' for type '#AnonType_percentOfJvmHeapmemoryUsage'.");
    }

    @Test
    void aValueOutsideItsEnumerationIsRejected() {
        assertThat(this.rejection(broker(
                        "",
                        "<persistenceAdapter><kahaDB journalDiskSyncStrategy=\"sometimes\"/></persistenceAdapter>")))
                .contains("cvc-enumeration-valid: Value 'sometimes' is not facet-valid with respect to enumeration"
                        + " '[always, periodic, never]'. It must be a value from the enumeration.");
    }

    @Test
    void aSecondChildWhereOneIsAllowedIsRejected() {
        assertThat(this.rejection(broker("", "<destinationPolicy><policyMap/><policyMap/></destinationPolicy>")))
                .isEqualTo(PREFIX + "cvc-complex-type.2.4.d: Invalid content was found starting with element"
                        + " 'policyMap'. No child element is expected at this point.");
    }

    @Test
    void aRequiredCollectionThatIsMissingOrEmptyIsRejected() {
        String missing = this.rejection(
                broker("", "<destinationInterceptors><virtualDestinationInterceptor/></destinationInterceptors>"));
        assertThat(missing)
                .isEqualTo(PREFIX + "cvc-complex-type.2.4.b: The content of element 'virtualDestinationInterceptor'"
                        + " is not complete. One of '{\"" + CORE + "\":virtualDestinations}' is expected.");
        String empty = this.rejection(broker(
                "",
                "<destinationInterceptors><virtualDestinationInterceptor><virtualDestinations/>"
                        + "</virtualDestinationInterceptor></destinationInterceptors>"));
        assertThat(empty)
                .startsWith(PREFIX + "cvc-complex-type.2.4.b: The content of element 'virtualDestinations' is not"
                        + " complete.")
                .contains("\"" + CORE + "\":compositeQueue");
    }

    @Test
    void duplicateAndMissingKeysAreRejected() {
        assertThat(this.rejection(broker(
                        "",
                        "<transportConnectors><transportConnector name=\"openwire\"/>"
                                + "<transportConnector name=\"openwire\"/></transportConnectors>")))
                .isEqualTo(PREFIX + "cvc-identity-constraint.4.2.2: Duplicate key value [openwire] declared for"
                        + " identity constraint \"protocolName\" of element \"transportConnectors\".");
        assertThat(this.rejection(broker("", "<transportConnectors><transportConnector/></transportConnectors>")))
                .isEqualTo(PREFIX + "cvc-identity-constraint.4.2.1.a: Element \"transportConnectors\" has no value"
                        + " for the key \"protocolName\".");
        assertThat(this.rejection(
                        broker("", "<transportConnectors><transportConnector name=\"amqp\"/></transportConnectors>")))
                .contains("It must be a value from the enumeration.");
    }

    @Test
    void duplicateUniqueValuesAreRejected() {
        assertThat(this.rejection(broker(
                        "",
                        "<destinationPolicy><policyMap><policyEntries><policyEntry queue=\"q\"/>"
                                + "<policyEntry queue=\"q\"/></policyEntries></policyMap></destinationPolicy>")))
                .isEqualTo(PREFIX + "cvc-identity-constraint.4.1: Duplicate unique value [q] declared for identity"
                        + " constraint \"UniqueQueue\" of element \"policyMap\".");
    }

    @Test
    void characterContentIsRejected() {
        assertThat(this.rejection(broker("", "words")))
                .isEqualTo(PREFIX + "cvc-complex-type.2.3: Element 'broker' cannot have character [children],"
                        + " because the type's content type is element-only.");
        assertThat(this.rejection(broker("", "<plugins><statisticsBrokerPlugin>x</statisticsBrokerPlugin></plugins>")))
                .isEqualTo(PREFIX + "cvc-complex-type.2.1: Element 'statisticsBrokerPlugin' must have no character or"
                        + " element information item [children], because the type's content type is empty.");
    }

    @Test
    void errorsAreJoinedAndQuotedTenAtMost() {
        StringBuilder attributes = new StringBuilder();
        for (String name : List.of(
                "useVirtualTopics",
                "useMirroredQueues",
                "keepDurableSubsActive",
                "populateJMSXUserID",
                "monitorConnectionSplits",
                "cacheTempDestinations")) {
            attributes.append(' ').append(name).append("=\"no\"");
        }

        String message = this.rejection(broker(attributes.toString(), ""));
        assertThat(message.split(" and ")).hasSize(10);
    }

    @Test
    void aRootOtherThanTheCoreBrokerIsRejected() {
        assertThat(this.rejection("<beans xmlns=\"http://www.springframework.org/schema/beans\"/>"))
                .isEqualTo(PREFIX + "cvc-elt.1.a: Cannot find the declaration of element 'beans'.");
        assertThat(this.rejection("<broker/>"))
                .isEqualTo(PREFIX + "cvc-elt.1.a: Cannot find the declaration of element 'broker'.");
    }

    @Test
    void malformedXmlIsRejected() {
        assertThat(this.rejection("<broker xmlns=\"" + CORE + "\"><plugins></broker>"))
                .startsWith(PREFIX)
                .contains("plugins");
        assertThat(this.rejection("not xml at all")).startsWith(PREFIX);
    }

    @Test
    void doctypesAndExternalEntitiesAreRefused() {
        String xxe = "<?xml version=\"1.0\"?><!DOCTYPE broker [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>"
                + broker("", "&x;");
        assertThat(this.rejection(xxe)).startsWith(PREFIX).containsIgnoringCase("DOCTYPE");
    }

    @Test
    void documentsDeeperThanTheLimitAreRefused() {
        StringBuilder deep = new StringBuilder("<broker xmlns=\"" + CORE + "\">");
        for (int i = 0; i < ConfigurationLimits.ELEMENT_DEPTH_MAX + 5; i++) {
            deep.append("<a>");
        }

        for (int i = 0; i < ConfigurationLimits.ELEMENT_DEPTH_MAX + 5; i++) {
            deep.append("</a>");
        }

        deep.append("</broker>");
        assertThat(this.rejection(deep.toString())).startsWith(PREFIX).contains("64");
    }

    @Test
    void documentsLargerThanOneMebibyteAreRefused() {
        String padding = "<!--" + "x".repeat(ConfigurationLimits.DATA_BYTES_MAX) + "-->";
        String xml = broker("", padding);
        assertThat(this.rejection(xml)).isEqualTo(ConfigurationLimits.DATA_TOO_LARGE);
        assertThatThrownBy(() -> this.sanitizer.sanitize(xml.getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(ConfigurationRejected.class)
                .hasMessage(ConfigurationLimits.DATA_TOO_LARGE);
    }

    @Test
    void commentsAndEscapesSurviveTheRewrite() {
        Sanitized sanitized = this.sanitize("<!-- top -->"
                + broker("", "<!-- inner --><destinations><queue physicalName=\"a&quot;&lt;b\"/>" + "</destinations>"));
        assertThat(sanitized.xml())
                .contains("<!-- top -->")
                .contains("<!-- inner -->")
                .contains("physicalName=\"a&quot;&lt;b\"");
    }

    @Test
    void configurationNamesAreCheckedForLengthAndCharacters() {
        ConfigurationLimits.checkName("orders-1.0_~");
        assertThatThrownBy(() -> ConfigurationLimits.checkName(""))
                .isInstanceOf(ConfigurationRejected.class)
                .hasMessage(ConfigurationLimits.NAME_LENGTH_INVALID);
        assertThatThrownBy(() -> ConfigurationLimits.checkName("x".repeat(151)))
                .hasMessage(ConfigurationLimits.NAME_LENGTH_INVALID);
        assertThatThrownBy(() -> ConfigurationLimits.checkName("a b"))
                .hasMessage(ConfigurationLimits.NAME_CHARACTERS_INVALID)
                .satisfies(e ->
                        assertThat(((ConfigurationRejected) e).errorAttribute()).isEqualTo("name"));
    }

    @Test
    void theSchemaTableRefusesLinesItCannotRead() {
        assertThat(ConfigurationSchema.activeMq518().size()).isEqualTo(64);
        assertThat(ConfigurationSchema.activeMq518().names()).contains("broker", "kahaDB");
        assertThatThrownBy(() -> ConfigurationSchema.read(List.of("  @orphan string")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("has no element");
        assertThatThrownBy(() -> ConfigurationSchema.read(List.of("queue"))).hasMessage("the table has no broker");
        assertThatThrownBy(() -> ConfigurationSchema.read(List.of("broker", "  plugins * missing")))
                .hasMessage("broker/plugins names an element the table lacks: missing");
        assertThatThrownBy(() -> ConfigurationSchema.read(List.of("broker", "  plugins ? queue")))
                .hasMessage("line 2: unknown count ?");
        assertThatThrownBy(() -> ConfigurationSchema.read(List.of("broker", "  uri any queue")))
                .hasMessage("line 2: only wildcard content lists no children");
        assertThatThrownBy(() -> ConfigurationSchema.read(List.of("broker", "  @a decimal")))
                .hasMessage("unknown type decimal");
        assertThatThrownBy(() -> ConfigurationSchema.read(List.of("broker", "  @a long[1]")))
                .hasMessage("a range needs min..max: long[1]");
        assertThatThrownBy(() -> ConfigurationSchema.read(List.of("broker", "  lonely")))
                .hasMessage("line 2 is not a fact of the table: lonely");
    }

    @Test
    void attributeTypesCheckDoublesShortsAndLongs() {
        assertThat(AttributeType.parse("double", "a", "e").errors("1.5e3", "a", "e"))
                .isEmpty();
        assertThat(AttributeType.parse("double", "a", "e").errors("x", "a", "e"))
                .last()
                .isEqualTo("cvc-datatype-valid.1.2.1: 'x' is not a valid value for 'double'.");
        assertThat(AttributeType.parse("short", "a", "e").errors("40000", "a", "e"))
                .last()
                .isEqualTo("cvc-maxInclusive-valid: Value '40000' is not facet-valid with respect to maxInclusive"
                        + " '32767' for type 'short'.");
        assertThat(AttributeType.parse("long", "a", "e").errors(" 12 ", "a", "e"))
                .isEmpty();
        assertThat(AttributeType.parse("integer[1..5]:small", "a", "e").errors("0", "a", "e"))
                .first()
                .isEqualTo("cvc-attribute.3: The value '0' of attribute 'a' on element 'e' is not valid with respect"
                        + " to its type, 'small'.");
    }
}
