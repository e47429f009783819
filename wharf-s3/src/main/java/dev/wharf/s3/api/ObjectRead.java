package dev.wharf.s3.api;

import java.io.InputStream;
import org.jspecify.annotations.Nullable;

/**
 * What GetObject and HeadObject answer.
 *
 * @param output the headers
 * @param status 200, or 206 for a range or a part
 * @param body the bytes to send, which the caller reads once and closes; null for HEAD
 * @param length the number of bytes of the body
 */
public record ObjectRead(
        ObjectShapes.GetObjectOutput output,
        int status,
        @Nullable InputStream body,
        long length) {}
