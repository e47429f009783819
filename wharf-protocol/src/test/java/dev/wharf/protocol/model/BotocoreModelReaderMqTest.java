package dev.wharf.protocol.model;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/**
 * Holds {@link BotocoreModelReader} against Amazon MQ's botocore model ({@code restjson/mq-2017-11-27.json}, botocore's
 * {@code data/mq/2017-11-27/service-2.json.gz} gunzipped).
 */
class BotocoreModelReaderMqTest {

    private static final ServiceModel MQ =
            BotocoreModelReader.load(BotocoreModelReaderMqTest.class.getClassLoader(), "restjson/mq-2017-11-27.json");

    private static Operation operation(String name) {
        Operation operation = MQ.operation(name);
        if (operation == null) {
            throw new AssertionError("no operation " + name);
        }
        return operation;
    }

    private static Member member(Shape shape, String name) {
        Member member = shape.members().get(name);
        if (member == null) {
            throw new AssertionError("no member " + name + " in " + shape.id());
        }
        return member;
    }

    @Test
    void readsTheServiceAndItsOperations() {
        assertThat(MQ.serviceId()).isEqualTo("com.amazonaws.mq#mq");
        assertThat(MQ.signingName()).isEqualTo("mq");
        Operation create = operation("CreateBroker");
        assertThat(create.http()).isEqualTo(new HttpTrait("POST", "/v1/brokers", null, 200));
        assertThat(create.input()).isEqualTo("com.amazonaws.mq#CreateBrokerRequest");
        assertThat(operation("CreateUser").http())
                .isEqualTo(new HttpTrait("POST", "/v1/brokers/{broker-id}/users/{username}", null, 200));
    }

    @Test
    void readsLocationsJsonNamesAndRequired() {
        Shape describe = MQ.shape("com.amazonaws.mq#DescribeBrokerRequest");
        Member brokerId = member(describe, "BrokerId");
        assertThat(brokerId.location()).isEqualTo(HttpLocation.PATH);
        assertThat(brokerId.locationName()).isEqualTo("broker-id");
        assertThat(brokerId.required()).isTrue();
        assertThat(MQ.shape(brokerId.target()).type()).isEqualTo(ShapeType.STRING);

        Member maxResults = member(MQ.shape("com.amazonaws.mq#ListBrokersRequest"), "MaxResults");
        assertThat(maxResults.location()).isEqualTo(HttpLocation.QUERY);
        assertThat(maxResults.locationName()).isEqualTo("maxResults");
        assertThat(MQ.shape(maxResults.target()).type()).isEqualTo(ShapeType.INTEGER);

        Member tagKeys = member(MQ.shape("com.amazonaws.mq#DeleteTagsRequest"), "TagKeys");
        assertThat(tagKeys.location()).isEqualTo(HttpLocation.QUERY);
        assertThat(MQ.shape(tagKeys.target()).type()).isEqualTo(ShapeType.LIST);

        Member brokerName = member(MQ.shape("com.amazonaws.mq#CreateBrokerRequest"), "BrokerName");
        assertThat(brokerName.location()).isEqualTo(HttpLocation.PAYLOAD);
        assertThat(brokerName.locationName()).isEqualTo("brokerName");
        assertThat(MQ.shape("com.amazonaws.mq#EngineType").type()).isEqualTo(ShapeType.ENUM);
    }
}
