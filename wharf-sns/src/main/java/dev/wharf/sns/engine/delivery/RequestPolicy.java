package dev.wharf.sns.engine.delivery;

import java.util.Locale;
import java.util.Set;

/**
 * A request policy: the {@code Content-Type} header of the notifications Amazon SNS posts to an HTTP/S endpoint.
 *
 * @param headerContentType the header's value, as the policy gives it
 */
public record RequestPolicy(String headerContentType) {

    /** AWS's default: {@code text/plain; charset=UTF-8}. */
    public static final RequestPolicy HTTP_DEFAULT = new RequestPolicy("text/plain; charset=UTF-8");

    /** The media types AWS lets {@code headerContentType} name. */
    public static final Set<String> SUPPORTED_MEDIA_TYPES = Set.of(
            "application/atom+xml",
            "application/json",
            "application/octet-stream",
            "application/soap+xml",
            "application/x-www-form-urlencoded",
            "application/xhtml+xml",
            "application/xml",
            "text/css",
            "text/csv",
            "text/html",
            "text/plain",
            "text/xml");

    /**
     * Whether {@code headerContentType} names a supported media type. Parameters after a {@code ;} (such as the
     * {@code charset=UTF-8} of AWS's own default) are kept as given and not checked, and the media type is compared
     * without regard to case, as HTTP compares it.
     */
    public static boolean supports(String headerContentType) {
        int semicolon = headerContentType.indexOf(';');
        String mediaType = semicolon < 0 ? headerContentType : headerContentType.substring(0, semicolon);
        return SUPPORTED_MEDIA_TYPES.contains(mediaType.strip().toLowerCase(Locale.ROOT));
    }
}
