package dev.wharf.protocol.model;

import org.jspecify.annotations.Nullable;

/**
 * A member of a structure, or the key, value or member of a collection.
 *
 * @param name the member name, as JSON protocols write it
 * @param target the id of the shape the member holds
 * @param xmlName the name the Query and XML protocols use instead, or null
 * @param flattened whether a list or map member is written without a wrapper in the Query and XML protocols
 * @param required whether the member is marked required
 * @param location where the member travels in an HTTP message; {@link HttpLocation#PAYLOAD} for the RPC protocols
 * @param locationName the header, header prefix, query parameter or label name of a member bound outside the payload;
 *     for a body member read by {@link BotocoreModelReader}, its JSON name on the wire (REST-JSON's {@code jsonName});
 *     or null for a payload member
 * @param timestampFormat the timestamp format that the model sets on the member, or null for the protocol's default
 * @param payload whether the member is the whole body of its message ({@code httpPayload})
 * @param streaming whether the member is a blob that streams ({@code @streaming}), such as S3's object body
 * @param xmlAttribute whether the XML protocol writes the member as an attribute of its structure's element
 */
public record Member(
        String name,
        String target,
        @Nullable String xmlName,
        boolean flattened,
        boolean required,
        HttpLocation location,
        @Nullable String locationName,
        @Nullable TimestampFormat timestampFormat,
        boolean payload,
        boolean streaming,
        boolean xmlAttribute) {

    /** A member of a protocol without HTTP bindings: it travels in the body. */
    public Member(String name, String target, @Nullable String xmlName, boolean flattened, boolean required) {
        this(name, target, xmlName, flattened, required, HttpLocation.PAYLOAD, null, null, false, false, false);
    }

    /** The name under which the Query protocol reads and writes this member. */
    public String queryName() {
        return xmlName == null ? name : xmlName;
    }
}
