package dev.wharf.firehose.engine;

/**
 * A stream's buffering hints as its destination gives them: the size and the interval at which its buffer is
 * delivered, whichever comes first, with AWS's defaults where the destination gives none.
 */
final class Buffering {

    private Buffering() {}

    /** The buffer's size hint in bytes. */
    static long sizeBytes(FirehoseRecords.StoredStream stream) {
        FirehoseRecords.OtherDestination other = stream.other();
        if (other != null && other.httpEndpoint() != null) {
            return HttpEndpointDestinations.sizeBytes(other.httpEndpoint());
        }
        if (other != null && other.splunk() != null) {
            return SplunkDestinations.sizeBytes(other.splunk());
        }
        if (SearchDestinations.of(other) != null) {
            return SearchDestinations.sizeBytes(java.util.Objects.requireNonNull(SearchDestinations.of(other)));
        }
        return S3Destinations.sizeBytes(stream.destination());
    }

    /** The buffer's interval hint in milliseconds. */
    static long intervalMillis(FirehoseRecords.StoredStream stream) {
        FirehoseRecords.OtherDestination other = stream.other();
        if (other != null && other.httpEndpoint() != null) {
            return HttpEndpointDestinations.intervalMillis(other.httpEndpoint());
        }
        if (other != null && other.splunk() != null) {
            return SplunkDestinations.intervalMillis(other.splunk());
        }
        if (SearchDestinations.of(other) != null) {
            return SearchDestinations.intervalMillis(java.util.Objects.requireNonNull(SearchDestinations.of(other)));
        }
        return S3Destinations.intervalMillis(stream.destination());
    }
}
