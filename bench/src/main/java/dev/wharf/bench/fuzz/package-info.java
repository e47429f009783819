/**
 * The network fuzzer: malformed and hostile requests of every protocol Wharf speaks, sent to a real server on
 * loopback, with every answer checked against the rules a client relies on.
 */
@NullMarked
package dev.wharf.bench.fuzz;

import org.jspecify.annotations.NullMarked;
