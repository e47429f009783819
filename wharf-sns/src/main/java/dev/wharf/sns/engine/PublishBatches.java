package dev.wharf.sns.engine;

import dev.wharf.common.AwsException;
import dev.wharf.sns.api.BatchResultErrorEntry;
import dev.wharf.sns.api.PublishBatchRequestEntry;
import dev.wharf.sns.api.PublishBatchResponse;
import dev.wharf.sns.api.PublishBatchResultEntry;
import dev.wharf.sns.api.SnsContext;
import dev.wharf.sns.api.SnsError;
import dev.wharf.sns.api.SnsLimits;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * PublishBatch: the whole batch's rules (entry count, distinct ids, total size), then each entry published on its own,
 * so that one entry's mistake fails that entry only, as AWS reports it.
 */
final class PublishBatches {

    private static final Pattern ENTRY_ID = Pattern.compile("[A-Za-z0-9_-]{1,80}");

    private PublishBatches() {}

    static PublishBatchResponse publish(
            Topic topic, List<PublishBatchRequestEntry> entries, Publisher publisher, SnsContext context) {
        checkBatch(entries);
        List<PublishBatchResultEntry> successful = new ArrayList<>();
        List<BatchResultErrorEntry> failed = new ArrayList<>();
        for (PublishBatchRequestEntry entry : entries) {
            try {
                Publisher.Outgoing outgoing = Publisher.check(
                        topic,
                        entry.subject(),
                        entry.message(),
                        entry.messageStructure(),
                        entry.messageAttributes(),
                        entry.messageGroupId(),
                        entry.messageDeduplicationId());
                Publisher.Accepted accepted = publisher.publish(topic, outgoing, context.endpoint());
                successful.add(
                        new PublishBatchResultEntry(entry.id(), accepted.messageId(), accepted.sequenceNumber()));
            } catch (AwsException e) {
                failed.add(new BatchResultErrorEntry(
                        entry.id(),
                        e.code().queryCode(),
                        e.getMessage(),
                        e.code().senderFault()));
            }
        }
        return new PublishBatchResponse(successful, failed);
    }

    private static void checkBatch(List<PublishBatchRequestEntry> entries) {
        if (entries.isEmpty()) {
            throw SnsError.EmptyBatchRequest.with("The batch request doesn't contain any entries.");
        }
        if (entries.size() > SnsLimits.BATCH_ENTRIES_MAX) {
            throw SnsError.TooManyEntriesInBatchRequest.with(
                    "The batch request contains more entries than permissible.");
        }
        Set<String> ids = new HashSet<>();
        long total = 0;
        for (PublishBatchRequestEntry entry : entries) {
            String id = entry.id();
            if (id == null || !ENTRY_ID.matcher(id).matches()) {
                throw SnsError.InvalidBatchEntryId.with(
                        "The Id of a batch entry in a batch request doesn't abide by" + " the specification.");
            }
            if (!ids.add(id)) {
                throw SnsError.BatchEntryIdsNotDistinct.with(
                        "Two or more batch entries in the request have the same" + " Id.");
            }
            if (entry.message() != null) {
                total += PublishRules.size(
                        entry.message(),
                        entry.subject(),
                        entry.messageAttributes() == null ? java.util.Map.of() : entry.messageAttributes());
            }
        }
        Publisher.requireBatchSize(total);
    }
}
