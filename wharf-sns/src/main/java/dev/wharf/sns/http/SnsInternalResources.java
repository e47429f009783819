package dev.wharf.sns.http;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.wharf.common.AwsException;
import dev.wharf.protocol.InternalRequest;
import dev.wharf.protocol.WireResponse;
import dev.wharf.protocol.sigv4.StaticCredentialStore;
import dev.wharf.sns.api.SentMessage;
import dev.wharf.sns.engine.SentMessageJson;
import dev.wharf.sns.engine.SnsEngine;
import java.util.List;
import java.util.Map;
import org.jspecify.annotations.Nullable;

/**
 * Serves the SMS and push notifications that SNS sent, and takes phone numbers' opt-outs, at LocalStack's paths and in
 * LocalStack's JSON shapes, so that tests written for LocalStack read them unchanged:
 *
 * <ul>
 *   <li>{@code GET /_aws/sns/sms-messages} with optional {@code accountId}, {@code region} and {@code phoneNumber}:
 *       {@code {"sms_messages": {"<number>": [message...]}, "region": "<region>"}}; {@code DELETE} the same path
 *       forgets them (204);
 *   <li>{@code GET /_aws/sns/platform-endpoint-messages} with optional {@code accountId}, {@code region} and {@code
 *       endpointArn} (which then names the account and region): {@code {"platform_endpoint_messages": {"<arn>":
 *       [message...]}, "region": "<region>"}}; {@code DELETE} forgets them (204);
 *   <li>{@code POST /_aws/sns/phone-opt-outs} with {@code {"phoneNumber": "...", "accountId": "..."}}: opts the number
 *       out, as its owner's STOP reply would (200).
 * </ul>
 *
 * <p>The account defaults to {@code 000000000000} and the region to the server's, its only one; another region has
 * no messages. Each message is in {@link SentMessageJson}'s shape.
 */
final class SnsInternalResources {

    static final String SMS_MESSAGES = "/_aws/sns/sms-messages";
    static final String PLATFORM_ENDPOINT_MESSAGES = "/_aws/sns/platform-endpoint-messages";
    static final String PHONE_OPT_OUTS = "/_aws/sns/phone-opt-outs";

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    private static final java.util.regex.Pattern E164 = java.util.regex.Pattern.compile("\\+?[1-9][0-9]{1,14}");

    private final SnsEngine engine;

    SnsInternalResources(SnsEngine engine) {
        this.engine = engine;
    }

    @Nullable
    WireResponse serve(InternalRequest request) {
        return switch (request.path()) {
            case SMS_MESSAGES -> messages(request, true);
            case PLATFORM_ENDPOINT_MESSAGES -> messages(request, false);
            case PHONE_OPT_OUTS -> request.method().equals("POST") ? optOut(request) : methodNotAllowed("POST");
            default -> null;
        };
    }

    private WireResponse messages(InternalRequest request, boolean sms) {
        String filter = request.parameter(sms ? "phoneNumber" : "endpointArn");
        String accountId = request.parameter("accountId");
        String region = request.parameter("region");
        if (!sms && filter != null) {
            String[] arn = filter.split(":", 6);
            accountId = arn.length == 6 ? arn[4] : accountId;
            region = arn.length == 6 ? arn[3] : region;
        }
        String account = accountId == null ? StaticCredentialStore.DEFAULT_ACCOUNT_ID : accountId;
        String shownRegion = region == null ? engine.region() : region;
        boolean here = shownRegion.equals(engine.region());
        return switch (request.method()) {
            case "GET" -> json(200, listing(sms, account, filter, shownRegion, here));
            case "DELETE" -> {
                if (here && sms) {
                    engine.clearSmsMessages(account, filter);
                } else if (here) {
                    engine.clearPlatformEndpointMessages(account, filter);
                }
                yield new WireResponse(204, "application/json", Map.of(), new byte[0]);
            }
            default -> methodNotAllowed("GET, DELETE");
        };
    }

    private ObjectNode listing(boolean sms, String account, @Nullable String filter, String region, boolean here) {
        List<SentMessage> sent = !here
                ? List.of()
                : sms ? engine.smsMessages(account, filter) : engine.platformEndpointMessages(account, filter);
        ObjectNode body = JSON.createObjectNode();
        ObjectNode byTarget = body.putObject(sms ? "sms_messages" : "platform_endpoint_messages");
        if (filter != null) {
            // The filter's own entry, even when empty, as LocalStack answers it.
            byTarget.putArray(sms ? phoneKey(filter) : filter);
        }
        for (SentMessage message : sent) {
            JsonNode list = byTarget.get(message.target());
            ArrayNode messages = list instanceof ArrayNode array ? array : byTarget.putArray(message.target());
            messages.add(sms ? SentMessageJson.sms(message) : SentMessageJson.push(message));
        }
        body.put("region", region);
        return body;
    }

    /**
     * A phone number as the SMS outbox keys it, with its plus: a query string's unescaped {@code +} arrives as a space.
     */
    private static String phoneKey(String filter) {
        String trimmed = filter.trim();
        return E164.matcher(trimmed).matches() && !trimmed.startsWith("+") ? "+" + trimmed : trimmed;
    }

    private WireResponse optOut(InternalRequest request) {
        JsonNode body;
        try {
            body = JSON.readTree(request.body());
        } catch (java.io.IOException e) {
            body = null;
        }
        if (body == null || !body.isObject() || !body.path("phoneNumber").isTextual()) {
            return error(400, "The body must be a JSON object with a phoneNumber");
        }
        JsonNode account = body.path("accountId");
        try {
            engine.optOutPhoneNumber(
                    account.isTextual() ? account.asText() : StaticCredentialStore.DEFAULT_ACCOUNT_ID,
                    body.path("phoneNumber").asText());
        } catch (AwsException e) {
            return error(400, java.util.Objects.requireNonNullElse(e.getMessage(), ""));
        }
        return new WireResponse(200, "application/json", Map.of(), new byte[0]);
    }

    private static WireResponse methodNotAllowed(String allowed) {
        WireResponse refused = error(405, "Method Not Allowed");
        return new WireResponse(405, refused.contentType(), Map.of("Allow", allowed), refused.body());
    }

    private static WireResponse error(int status, String message) {
        ObjectNode body = JSON.createObjectNode().put("error", message);
        return json(status, body);
    }

    private static WireResponse json(int status, JsonNode body) {
        try {
            return new WireResponse(status, "application/json", Map.of(), JSON.writeValueAsBytes(body));
        } catch (JacksonException e) {
            throw new IllegalStateException("a tree always encodes", e);
        }
    }
}
