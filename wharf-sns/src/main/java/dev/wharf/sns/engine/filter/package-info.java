/**
 * Amazon SNS subscription filter policies: the policy language's parser and validator, with AWS's error texts, and the
 * matcher that decides which messages a subscription receives, by their attributes or by their JSON body.
 */
@NullMarked
package dev.wharf.sns.engine.filter;

import org.jspecify.annotations.NullMarked;
