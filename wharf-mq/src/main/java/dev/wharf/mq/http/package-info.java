@NullMarked
package dev.wharf.mq.http;

import org.jspecify.annotations.NullMarked;
