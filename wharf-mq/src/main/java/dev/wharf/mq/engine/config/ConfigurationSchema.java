package dev.wharf.mq.engine.config;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import org.jspecify.annotations.Nullable;

final class ConfigurationSchema {
    static final String NAMESPACE = "http://activemq.apache.org/schema/core";
    static final String ROOT = "broker";
    private final Map<String, ConfigurationSchema.Element> elements;

    private ConfigurationSchema(Map<String, ConfigurationSchema.Element> elements) {
        this.elements = Map.copyOf(elements);
    }

    static ConfigurationSchema activeMq518() {
        return ConfigurationSchema.Holder.ACTIVEMQ_5_18;
    }

    ConfigurationSchema.@Nullable Element element(String name) {
        return this.elements.get(name);
    }

    Set<String> names() {
        return this.elements.keySet();
    }

    int size() {
        return this.elements.size();
    }

    static ConfigurationSchema read(List<String> lines) {
        Map<String, ConfigurationSchema.Element> elements = new LinkedHashMap<>();
        ConfigurationSchema.Builder current = null;
        int number = 0;

        for (String raw : lines) {
            number++;
            String line = raw.strip();
            if (!line.isEmpty() && !line.startsWith("#")) {
                if (!raw.startsWith(" ")) {
                    if (current != null) {
                        elements.put(current.name, current.build());
                    }

                    current = new ConfigurationSchema.Builder(line);
                } else {
                    if (current == null) {
                        throw new IllegalArgumentException("line " + number + " has no element: " + raw);
                    }

                    current.add(line.split("\\s+"), number);
                }
            }
        }

        if (current != null) {
            elements.put(current.name, current.build());
        }

        for (ConfigurationSchema.Element element : elements.values()) {
            for (ConfigurationSchema.Collection collection :
                    element.collections().values()) {
                for (String child : collection.children()) {
                    if (!elements.containsKey(child)) {
                        throw new IllegalArgumentException(element.name() + "/" + collection.name()
                                + " names an element the table lacks: " + child);
                    }
                }
            }
        }

        if (!elements.containsKey("broker")) {
            throw new IllegalArgumentException("the table has no broker");
        } else {
            return new ConfigurationSchema(elements);
        }
    }

    private static final class Builder {
        private final String name;
        private final Map<String, AttributeType> attributes = new LinkedHashMap<>();
        private final Map<String, ConfigurationSchema.Collection> collections = new LinkedHashMap<>();
        private final List<ConfigurationSchema.Constraint> constraints = new ArrayList<>();

        Builder(String name) {
            this.name = name;
        }

        void add(String[] words, int number) {
            String first = words[0];
            if (first.startsWith("@") && words.length == 2) {
                this.attributes.put(first.substring(1), AttributeType.parse(words[1], first.substring(1), this.name));
            } else if (first.equals("!unique") && words.length == 4) {
                this.constraints.add(new ConfigurationSchema.Constraint(false, words[1], null, words[2], words[3]));
            } else if (first.equals("!key") && words.length == 5) {
                this.constraints.add(new ConfigurationSchema.Constraint(true, words[1], words[2], words[3], words[4]));
            } else {
                if (words.length < 2 || first.startsWith("@") || first.startsWith("!")) {
                    throw new IllegalArgumentException(
                            "line " + number + " is not a fact of the table: " + String.join(" ", words));
                }

                ConfigurationSchema.Count count = count(words[1], number);
                List<String> children = List.of(words).subList(2, words.length);
                if (count == ConfigurationSchema.Count.WILDCARD != children.isEmpty()) {
                    throw new IllegalArgumentException("line " + number + ": only wildcard content lists no children");
                }

                this.collections.put(first, new ConfigurationSchema.Collection(first, count, children));
            }
        }

        private static ConfigurationSchema.Count count(String word, int number) {
            return switch (word) {
                case "*" -> ConfigurationSchema.Count.ANY_NUMBER;
                case "1" -> ConfigurationSchema.Count.AT_MOST_ONE;
                case "+" -> ConfigurationSchema.Count.AT_LEAST_ONE;
                case "any" -> ConfigurationSchema.Count.WILDCARD;
                default -> throw new IllegalArgumentException("line " + number + ": unknown count " + word);
            };
        }

        ConfigurationSchema.Element build() {
            return new ConfigurationSchema.Element(this.name, this.attributes, this.collections, this.constraints);
        }
    }

    record Collection(String name, ConfigurationSchema.Count count, List<String> children) {
        Collection {
            children = List.copyOf(children);
        }
    }

    record Constraint(boolean key, String name, @Nullable String collection, String element, String attribute) {}

    enum Count {
        ANY_NUMBER,
        AT_MOST_ONE,
        AT_LEAST_ONE,
        WILDCARD;
    }

    record Element(
            String name,
            Map<String, AttributeType> attributes,
            Map<String, ConfigurationSchema.Collection> collections,
            List<ConfigurationSchema.Constraint> constraints) {
        Element {
            attributes = Map.copyOf(attributes);
            collections = Map.copyOf(collections);
            constraints = List.copyOf(constraints);
        }

        boolean empty() {
            return this.collections.isEmpty();
        }
    }

    private static final class Holder {
        static final ConfigurationSchema ACTIVEMQ_5_18 = load("activemq-5.18.schema");

        private static ConfigurationSchema load(String resource) {
            try (InputStream in =
                            Objects.requireNonNull(ConfigurationSchema.class.getResourceAsStream(resource), resource);
                    BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8)); ) {
                return ConfigurationSchema.read(reader.lines().toList());
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
        }
    }
}
