package dev.wharf.protocol.model;

import org.jspecify.annotations.Nullable;

/**
 * An operation of a service model.
 *
 * @param name the operation's name, such as {@code CreateQueue}
 * @param input the input structure's id, or null when it takes none
 * @param output the output structure's id, or null when it returns none
 */
public record Operation(
        String name, @Nullable String input, @Nullable String output) {}
