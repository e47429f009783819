/**
 * The documents that Amazon SNS sends to its subscribers (notifications, subscription and unsubscribe confirmations,
 * Lambda events), their signatures, the key that makes them, and the per-protocol messages of
 * {@code MessageStructure=json}.
 */
@NullMarked
package dev.wharf.sns.engine.message;

import org.jspecify.annotations.NullMarked;
