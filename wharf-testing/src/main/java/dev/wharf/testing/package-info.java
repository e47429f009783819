/** A JUnit 5 extension that runs a real Wharf server on a free port for a test class, and SDK client factories. */
@NullMarked
package dev.wharf.testing;

import org.jspecify.annotations.NullMarked;
