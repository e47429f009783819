package dev.wharf.protocol.restxml;

import java.util.Map;
import java.util.Set;

/**
 * What a REST-XML service's model classes do not say about its wire.
 *
 * @param xmlNamespace the namespace of the service's XML bodies, such as {@code http://s3.amazonaws.com/doc/2006-03-01/}
 * @param uriPrefix a path template put before the request URI of every operation whose input has a path member of its
 *     label and whose URI lacks it, such as S3's {@code /{Bucket}}, whose SDK fills the bucket by endpoint rules; empty
 *     for none
 * @param selectingHeaders lower-case header names that tell operations of one method and path apart: an operation whose
 *     input binds such a header as required matches only with it, and one whose input does not bind it only without it
 *     (S3's {@code x-amz-copy-source} tells CopyObject from PutObject)
 * @param rootElements the root element of an operation's XML output by operation name, where the output's members make
 *     up the body (S3's ListObjectsV2 answers {@code ListBucketResult}); an operation not named answers its name
 *     followed by {@code Result}. An operation whose payload is a string or blob sends it as the raw body, as Smithy
 *     says, unless it is named here: then the payload is the text of that root element (S3's GetBucketLocation
 *     answers {@code <LocationConstraint>}, which its SDK reads as XML)
 * @param maxXmlBytes the largest XML request body that the codec reads
 */
public record RestXmlConfig(
        String xmlNamespace,
        String uriPrefix,
        Set<String> selectingHeaders,
        Map<String, String> rootElements,
        int maxXmlBytes) {

    /** The XML request bodies that S3 reads at most: 2 MiB, which holds a DeleteObjects of 1,000 keys. */
    public static final int DEFAULT_MAX_XML_BYTES = 2 * 1024 * 1024;

    public RestXmlConfig {
        if (!uriPrefix.isEmpty() && (!uriPrefix.startsWith("/") || uriPrefix.endsWith("/"))) {
            throw new IllegalArgumentException(
                    "a URI prefix starts with a slash and does not end with one: " + uriPrefix);
        }
        if (maxXmlBytes <= 0) {
            throw new IllegalArgumentException("maxXmlBytes must be positive: " + maxXmlBytes);
        }
        selectingHeaders = Set.copyOf(selectingHeaders);
        rootElements = Map.copyOf(rootElements);
    }

    /** A service with a namespace and a URI prefix only, reading XML bodies up to the default bound. */
    public RestXmlConfig(String xmlNamespace, String uriPrefix) {
        this(xmlNamespace, uriPrefix, Set.of(), Map.of(), DEFAULT_MAX_XML_BYTES);
    }

    public RestXmlConfig withSelectingHeaders(Set<String> headers) {
        return new RestXmlConfig(xmlNamespace, uriPrefix, headers, rootElements, maxXmlBytes);
    }

    public RestXmlConfig withRootElements(Map<String, String> roots) {
        return new RestXmlConfig(xmlNamespace, uriPrefix, selectingHeaders, roots, maxXmlBytes);
    }

    public RestXmlConfig withMaxXmlBytes(int bytes) {
        return new RestXmlConfig(xmlNamespace, uriPrefix, selectingHeaders, rootElements, bytes);
    }
}
