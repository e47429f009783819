package dev.wharf.firehose.engine;

import dev.wharf.firehose.api.AmazonOpenSearchServerlessDestinationConfiguration;
import dev.wharf.firehose.api.AmazonopensearchserviceDestinationConfiguration;
import dev.wharf.firehose.api.CreateDeliveryStreamRequest;
import dev.wharf.firehose.api.DeliveryStreamEncryptionConfigurationInput;
import dev.wharf.firehose.api.ElasticsearchDestinationConfiguration;
import dev.wharf.firehose.api.ExtendedS3DestinationConfiguration;
import dev.wharf.firehose.api.HttpEndpointDestinationConfiguration;
import dev.wharf.firehose.api.IcebergDestinationConfiguration;
import dev.wharf.firehose.api.KinesisStreamSourceConfiguration;
import dev.wharf.firehose.api.RedshiftDestinationConfiguration;
import dev.wharf.firehose.api.S3DestinationConfiguration;
import dev.wharf.firehose.api.SnowflakeDestinationConfiguration;
import dev.wharf.firehose.api.SplunkDestinationConfiguration;
import dev.wharf.firehose.api.Tag;
import java.util.List;
import org.jspecify.annotations.Nullable;

/** Builds a CreateDeliveryStream request member by member, so that a test names only the members it is about. */
final class CreateRequestBuilder {

    private final @Nullable String name;
    private @Nullable String type;
    private @Nullable KinesisStreamSourceConfiguration kinesisSource;
    private @Nullable DeliveryStreamEncryptionConfigurationInput encryption;
    private @Nullable S3DestinationConfiguration s3;
    private @Nullable ExtendedS3DestinationConfiguration extended;
    private @Nullable RedshiftDestinationConfiguration redshift;
    private @Nullable ElasticsearchDestinationConfiguration elasticsearch;
    private @Nullable AmazonopensearchserviceDestinationConfiguration opensearch;
    private @Nullable SplunkDestinationConfiguration splunk;
    private @Nullable HttpEndpointDestinationConfiguration httpEndpoint;
    private @Nullable List<Tag> tags;
    private @Nullable AmazonOpenSearchServerlessDestinationConfiguration serverless;
    private @Nullable SnowflakeDestinationConfiguration snowflake;
    private @Nullable IcebergDestinationConfiguration iceberg;

    private CreateRequestBuilder(@Nullable String name) {
        this.name = name;
    }

    /** A request for a stream of this name, with no destination yet. */
    static CreateRequestBuilder named(@Nullable String name) {
        return new CreateRequestBuilder(name);
    }

    CreateRequestBuilder type(@Nullable String value) {
        this.type = value;
        return this;
    }

    CreateRequestBuilder kinesisSource(KinesisStreamSourceConfiguration value) {
        this.kinesisSource = value;
        return this;
    }

    CreateRequestBuilder encryption(DeliveryStreamEncryptionConfigurationInput value) {
        this.encryption = value;
        return this;
    }

    CreateRequestBuilder s3(S3DestinationConfiguration value) {
        this.s3 = value;
        return this;
    }

    CreateRequestBuilder extended(ExtendedS3DestinationConfiguration value) {
        this.extended = value;
        return this;
    }

    CreateRequestBuilder redshift(RedshiftDestinationConfiguration value) {
        this.redshift = value;
        return this;
    }

    CreateRequestBuilder elasticsearch(ElasticsearchDestinationConfiguration value) {
        this.elasticsearch = value;
        return this;
    }

    CreateRequestBuilder opensearch(AmazonopensearchserviceDestinationConfiguration value) {
        this.opensearch = value;
        return this;
    }

    CreateRequestBuilder splunk(SplunkDestinationConfiguration value) {
        this.splunk = value;
        return this;
    }

    CreateRequestBuilder httpEndpoint(HttpEndpointDestinationConfiguration value) {
        this.httpEndpoint = value;
        return this;
    }

    CreateRequestBuilder tags(List<Tag> value) {
        this.tags = value;
        return this;
    }

    CreateRequestBuilder serverless(AmazonOpenSearchServerlessDestinationConfiguration value) {
        this.serverless = value;
        return this;
    }

    CreateRequestBuilder snowflake(SnowflakeDestinationConfiguration value) {
        this.snowflake = value;
        return this;
    }

    CreateRequestBuilder iceberg(IcebergDestinationConfiguration value) {
        this.iceberg = value;
        return this;
    }

    CreateDeliveryStreamRequest build() {
        return new CreateDeliveryStreamRequest(
                name,
                type,
                null,
                kinesisSource,
                encryption,
                s3,
                extended,
                redshift,
                elasticsearch,
                opensearch,
                splunk,
                httpEndpoint,
                tags,
                serverless,
                null,
                snowflake,
                iceberg,
                null);
    }
}
