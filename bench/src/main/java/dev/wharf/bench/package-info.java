/** The benchmark instrument: load generators, scenarios, the ceiling server and the server probes. */
@NullMarked
package dev.wharf.bench;

import org.jspecify.annotations.NullMarked;
