@NullMarked
package dev.wharf.mq.engine.broker;

import org.jspecify.annotations.NullMarked;
