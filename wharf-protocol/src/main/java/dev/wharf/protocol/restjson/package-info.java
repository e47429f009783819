/** The REST-JSON protocol, driven by the model's HTTP bindings: Amazon MQ's. */
@NullMarked
package dev.wharf.protocol.restjson;

import org.jspecify.annotations.NullMarked;
