package dev.wharf.storage;

/** How durable an acknowledged write is. */
public enum DurabilityMode {
    /** The write-ahead log is fsynced before the write is acknowledged; concurrent writers share one fsync. */
    SYNC,
    /** The write reaches the operating system before it is acknowledged: it survives a process crash, not power loss. */
    RELAXED,
    /** Nothing reaches disk: for tests. */
    MEMORY;

    /** The lower-case name that configuration files and the command line use. */
    public String configName() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }

    public static DurabilityMode fromConfigName(String name) {
        for (DurabilityMode mode : values()) {
            if (mode.configName().equals(name)) {
                return mode;
            }
        }
        throw new IllegalArgumentException("unknown storage mode '" + name + "': expected sync, relaxed or memory");
    }
}
