package dev.wharf.protocol.cbor;

import com.fasterxml.jackson.dataformat.cbor.CBORGenerator;
import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;

/**
 * What the number under a CBOR timestamp counts: the one difference between the bodies of the two CBOR protocols.
 *
 * <p>Both put a timestamp under tag 1 (RFC 8949's epoch-based date). AWS CBOR 1.1, as the Java SDKs write it for
 * Kinesis, puts an integer of milliseconds there, against the RFC; Smithy RPC v2 CBOR puts seconds, as the RFC does, a
 * double with the milliseconds as its fraction or an integer.
 */
public enum CborTimestampUnit {
    /** AWS CBOR 1.1 (Kinesis): an integer of milliseconds since the epoch. */
    EPOCH_MILLISECONDS,
    /** Smithy RPC v2 CBOR (CloudWatch): seconds since the epoch, to the millisecond. */
    EPOCH_SECONDS;

    /**
     * The milliseconds of a timestamp as it arrived. Seconds are rounded to the millisecond, the protocol's resolution,
     * which also drops what a double's binary fraction adds; milliseconds are kept as sent.
     */
    BigDecimal millisOf(BigDecimal value) {
        BigDecimal millis = value.movePointRight(this == EPOCH_SECONDS ? 3 : 0);
        if (this == EPOCH_MILLISECONDS || millis.scale() <= 0) {
            return millis;
        }
        // Below 0.1 when the scale passes the digits: zero, without dividing by a power of ten as large as the scale.
        return millis.scale() > millis.precision() + 1 ? BigDecimal.ZERO : millis.setScale(0, RoundingMode.HALF_UP);
    }

    /** Writes the number of a timestamp, tag 1 already written. */
    void write(CBORGenerator out, long epochMillis) throws IOException {
        if (this == EPOCH_MILLISECONDS) {
            out.writeNumber(epochMillis);
        } else {
            // As the Java SDK writes it (toEpochMilli() / 1000.0), and reads it back (Math.round(seconds * 1000)).
            out.writeNumber(epochMillis / 1000.0);
        }
    }
}
