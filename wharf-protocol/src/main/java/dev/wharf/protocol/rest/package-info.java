/**
 * What the REST protocols share: compiled request URI templates, the members bound to labels, headers and query
 * parameters, and the text of their scalars.
 */
@NullMarked
package dev.wharf.protocol.rest;

import org.jspecify.annotations.NullMarked;
