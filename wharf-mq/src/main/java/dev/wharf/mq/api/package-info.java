@NullMarked
package dev.wharf.mq.api;

import org.jspecify.annotations.NullMarked;
