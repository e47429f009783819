/** The Wharf server: the Netty transport, routing, signature checks, configuration and the launcher. */
@NullMarked
package dev.wharf.server;

import org.jspecify.annotations.NullMarked;
