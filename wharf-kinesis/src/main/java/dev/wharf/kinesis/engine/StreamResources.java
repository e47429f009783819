package dev.wharf.kinesis.engine;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.wharf.common.MemberConstraints;
import dev.wharf.kinesis.api.DeleteResourcePolicyRequest;
import dev.wharf.kinesis.api.DeleteResourcePolicyResponse;
import dev.wharf.kinesis.api.GetResourcePolicyRequest;
import dev.wharf.kinesis.api.GetResourcePolicyResponse;
import dev.wharf.kinesis.api.KinesisContext;
import dev.wharf.kinesis.api.KinesisError;
import dev.wharf.kinesis.api.KinesisLimits;
import dev.wharf.kinesis.api.ListTagsForResourceRequest;
import dev.wharf.kinesis.api.ListTagsForResourceResponse;
import dev.wharf.kinesis.api.PutResourcePolicyRequest;
import dev.wharf.kinesis.api.PutResourcePolicyResponse;
import dev.wharf.kinesis.api.TagResourceRequest;
import dev.wharf.kinesis.api.TagResourceResponse;
import dev.wharf.kinesis.api.UntagResourceRequest;
import dev.wharf.kinesis.api.UntagResourceResponse;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.function.BiFunction;
import java.util.regex.Pattern;
import org.jspecify.annotations.Nullable;

/**
 * The actions on a stream or a consumer named by its ARN: tags (TagResource, UntagResource, ListTagsForResource) and
 * resource policies (PutResourcePolicy, GetResourcePolicy, DeleteResourcePolicy). Thread-safe; each change runs under
 * its stream's lock and is durable before it returns.
 *
 * <p>Tags are checked and worded as AddTagsToStream's, with at most {@link KinesisLimits#TAGS_MAX} per resource. A
 * policy is stored as the call gave it, once it is a JSON object with a Version and a Statement of at most {@link
 * KinesisLimits#POLICY_BYTES_MAX} bytes; Wharf does not enforce policies yet.
 */
final class StreamResources {

    /** The model's pattern for ResourceARN: a stream's or a consumer's. */
    static final Pattern RESOURCE_ARN = Pattern.compile("arn:aws.*:kinesis:.*:\\d{12}:.*stream/\\S+");

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private final StreamRegistry streams;
    private final StreamConsumers consumers;

    StreamResources(StreamRegistry streams, StreamConsumers consumers) {
        this.streams = streams;
        this.consumers = consumers;
    }

    TagResourceResponse tag(KinesisContext context, TagResourceRequest request) {
        Map<String, String> tags = request.tags();
        MemberConstraints constraints = MemberConstraints.check().notNull("tags", tags);
        if (tags != null && tags.size() > 200) {
            constraints.range("tags", tags.size(), 1, 200);
        }
        constraints.validate(KinesisError.Validation);
        return onResource(context, request.resourceARN(), (stream, consumer) -> {
            if (consumer == null) {
                StreamChanges.putTags(
                        stream.tags, Objects.requireNonNull(tags), "stream", stream.name, stream.accountId);
                streams.save(stream);
            } else {
                Map<String, String> merged = new LinkedHashMap<>(consumer.tags());
                StreamChanges.putTags(
                        merged, Objects.requireNonNull(tags), "consumer", consumer.name(), stream.accountId);
                streams.saveConsumer(stream, consumer.name(), consumer.withTags(merged));
            }
            return new TagResourceResponse();
        });
    }

    UntagResourceResponse untag(KinesisContext context, UntagResourceRequest request) {
        var keys = request.tagKeys();
        MemberConstraints constraints = MemberConstraints.check().notNull("tagKeys", keys);
        if (keys != null && keys.size() > 50) {
            constraints.range("tagKeys", keys.size(), 1, 50);
        }
        constraints.validate(KinesisError.Validation);
        return onResource(context, request.resourceARN(), (stream, consumer) -> {
            if (consumer == null) {
                Objects.requireNonNull(keys).forEach(stream.tags::remove);
                streams.save(stream);
            } else {
                Map<String, String> kept = new LinkedHashMap<>(consumer.tags());
                Objects.requireNonNull(keys).forEach(kept::remove);
                streams.saveConsumer(stream, consumer.name(), consumer.withTags(kept));
            }
            return new UntagResourceResponse();
        });
    }

    ListTagsForResourceResponse listTags(KinesisContext context, ListTagsForResourceRequest request) {
        return onResource(context, request.resourceARN(), (stream, consumer) -> {
            Map<String, String> tags = consumer == null ? stream.tags : consumer.tags();
            return new ListTagsForResourceResponse(
                    StreamChanges.tags(tags, null, KinesisLimits.TAGS_MAX, new boolean[1]));
        });
    }

    PutResourcePolicyResponse putPolicy(KinesisContext context, PutResourcePolicyRequest request) {
        MemberConstraints.check().notNull("policy", request.policy()).validate(KinesisError.Validation);
        String policy = Objects.requireNonNull(request.policy());
        requirePolicy(policy);
        return onResource(context, request.resourceARN(), (stream, consumer) -> {
            requireReady(stream, consumer);
            if (consumer == null) {
                stream.policy = policy;
                streams.save(stream);
            } else {
                streams.saveConsumer(stream, consumer.name(), consumer.withPolicy(policy));
            }
            return new PutResourcePolicyResponse();
        });
    }

    GetResourcePolicyResponse getPolicy(KinesisContext context, GetResourcePolicyRequest request) {
        return onResource(context, request.resourceARN(), (stream, consumer) -> {
            String policy = consumer == null ? stream.policy : consumer.policy();
            // AWS answers an empty policy document for a resource without one.
            return new GetResourcePolicyResponse(policy == null ? "{}" : policy);
        });
    }

    DeleteResourcePolicyResponse deletePolicy(KinesisContext context, DeleteResourcePolicyRequest request) {
        String arn = request.resourceARN();
        return onResource(context, arn, (stream, consumer) -> {
            String policy = consumer == null ? stream.policy : consumer.policy();
            if (policy == null) {
                throw KinesisError.ResourceNotFound.with("No resource policy found for resource ARN " + arn + ".");
            }
            requireReady(stream, consumer);
            if (consumer == null) {
                stream.policy = null;
                streams.save(stream);
            } else {
                streams.saveConsumer(stream, consumer.name(), consumer.withPolicy(null));
            }
            return new DeleteResourcePolicyResponse();
        });
    }

    /**
     * Runs an action under the lock of the stream that a ResourceARN names, with the consumer it names or null for the
     * stream itself.
     */
    private <T> T onResource(
            KinesisContext context,
            @Nullable String resourceArn,
            BiFunction<Stream, @Nullable StreamConsumer, T> action) {
        MemberConstraints.check()
                .notNull("resourceARN", resourceArn)
                .length("resourceARN", resourceArn, 1, 2048, false)
                .pattern("resourceARN", resourceArn, RESOURCE_ARN, false)
                .validate(KinesisError.Validation);
        String arn = Objects.requireNonNull(resourceArn);
        if (StreamConsumers.CONSUMER_ARN.matcher(arn).matches()) {
            StreamConsumers.Found found = consumers.byArn(context, arn);
            Stream stream = found.stream();
            stream.lock.lock();
            try {
                StreamConsumer consumer = stream.consumers.get(found.consumer().name());
                if (consumer == null || !consumer.arn().equals(arn)) {
                    throw StreamConsumers.notFound(arn, context.accountId());
                }
                return action.apply(stream, consumer);
            } finally {
                stream.lock.unlock();
            }
        }
        Stream stream = stream(context, arn);
        stream.lock.lock();
        try {
            return action.apply(stream, null);
        } finally {
            stream.lock.unlock();
        }
    }

    /** The live stream a stream ARN names, in the caller's account and region. */
    private Stream stream(KinesisContext context, String arn) {
        String[] parts = arn.split(":", 6);
        String resource = parts[5];
        String name = resource.startsWith("stream/") ? resource.substring("stream/".length()) : resource;
        Stream stream = resource.startsWith("stream/")
                        && parts[3].equals(context.region())
                        && parts[4].equals(context.accountId())
                ? streams.named(context.accountId(), name)
                : null;
        if (stream == null) {
            throw StreamRegistry.notFound(name, parts[4]);
        }
        return stream;
    }

    /** Lock must be held: a policy changes only on a stream being neither created nor deleted, or an ACTIVE consumer. */
    private void requireReady(Stream stream, @Nullable StreamConsumer consumer) {
        StreamConsumers.requireReadable(stream);
        if (consumer != null && consumer.status(streams.clock.millis()) != StreamConsumer.Status.ACTIVE) {
            throw StreamConsumers.notActive(stream, consumer);
        }
    }

    /**
     * Refuses a policy that is too large, or is not a JSON object with a Version and a Statement.
     *
     * @throws dev.wharf.common.AwsException {@code LimitExceededException} or {@code InvalidArgumentException}
     */
    static void requirePolicy(String policy) {
        if (policy.getBytes(StandardCharsets.UTF_8).length > KinesisLimits.POLICY_BYTES_MAX) {
            throw KinesisError.LimitExceeded.with(
                    "Cannot exceed quota for PolicySize: " + KinesisLimits.POLICY_BYTES_MAX);
        }
        JsonNode document;
        try {
            document = JSON.readTree(policy);
        } catch (JacksonException e) {
            document = null;
        }
        if (document == null || !document.isObject()) {
            throw KinesisError.InvalidArgument.with("Policy is not a valid JSON policy document.");
        }
        if (!document.has("Version") || !document.has("Statement")) {
            throw KinesisError.InvalidArgument.with("Policy document must contain a Version and a Statement.");
        }
    }
}
