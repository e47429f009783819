/** Amazon SNS's semantics: topics, subscriptions, filter policies, and durable delivery to every protocol. */
@NullMarked
package dev.wharf.sns.engine;

import org.jspecify.annotations.NullMarked;
