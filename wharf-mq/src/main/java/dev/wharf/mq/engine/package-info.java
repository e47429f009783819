@NullMarked
package dev.wharf.mq.engine;

import org.jspecify.annotations.NullMarked;
