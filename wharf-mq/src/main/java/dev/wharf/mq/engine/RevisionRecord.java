package dev.wharf.mq.engine;

import java.util.ArrayList;
import java.util.List;
import org.jspecify.annotations.Nullable;

final class RevisionRecord {
    public int revision;
    public long createdMillis;
    public String description = "";
    public String data = "";
    public List<RevisionRecord.Warning> warnings = new ArrayList<>();

    static final class Warning {
        public @Nullable String attributeName;
        public String elementName = "";
        public String reason = "";
    }
}
