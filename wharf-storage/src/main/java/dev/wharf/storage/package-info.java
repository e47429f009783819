/**
 * The storage SPI: what a backend must keep durable, and the contract each backend passes.
 *
 * <p>Engines own semantics and in-memory indexes; a store owns bytes and their durability. Records are opaque to the
 * store, so a new service or a new record version needs no change here.
 */
@NullMarked
package dev.wharf.storage;

import org.jspecify.annotations.NullMarked;
