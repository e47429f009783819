/** Types that every Wharf module shares: ARNs, accounts, regions and the AWS error base. */
@NullMarked
package dev.wharf.common;

import org.jspecify.annotations.NullMarked;
