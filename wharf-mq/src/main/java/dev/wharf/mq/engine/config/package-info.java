@NullMarked
package dev.wharf.mq.engine.config;

import org.jspecify.annotations.NullMarked;
