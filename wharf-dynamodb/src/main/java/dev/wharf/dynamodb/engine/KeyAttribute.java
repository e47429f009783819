package dev.wharf.dynamodb.engine;

import dev.wharf.dynamodb.engine.value.Type;

/** A key attribute of a table or an index: its name and its type, S, N or B. */
record KeyAttribute(String name, Type type) {}
