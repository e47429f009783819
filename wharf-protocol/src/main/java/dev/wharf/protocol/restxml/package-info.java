/**
 * The REST-XML protocol (S3's): requests matched to operations by method, path and query, members bound to labels,
 * headers and query parameters, and XML or streaming bodies, all driven by the service model's HTTP bindings.
 */
@NullMarked
package dev.wharf.protocol.restxml;

import org.jspecify.annotations.NullMarked;
