package io.sentiflow.connect;

import java.util.Arrays;
import java.util.Objects;

/**
 * One Kafka record exactly as it was read: its coordinates and its undecoded key and value.
 *
 * <p>Decoding happens later, in the validator, so a record whose bytes cannot be decoded still
 * reaches the dead-letter topic unchanged and with the coordinates that locate it. A public record,
 * so Flink serializes it as a POJO. The arrays are not copied: the source hands over fresh arrays
 * and nobody mutates them.
 *
 * @param topic the topic the record was read from
 * @param partition its partition
 * @param offset its offset in that partition
 * @param timestamp the Kafka record timestamp, epoch milliseconds
 * @param key the key bytes, or {@code null} for a record without a key
 * @param value the value bytes, or {@code null} for a tombstone
 */
public record RawRecord(
        String topic, int partition, long offset, long timestamp, byte[] key, byte[] value) {

    public RawRecord {
        Objects.requireNonNull(topic, "topic");
    }

    /** The size the record occupies on the wire (key plus value), for the size limit. */
    public int sizeInBytes() {
        return (key == null ? 0 : key.length) + (value == null ? 0 : value.length);
    }

    /** {@code topic-partition@offset}, for messages. */
    public String coordinates() {
        return topic + "-" + partition + "@" + offset;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof RawRecord other
                && topic.equals(other.topic)
                && partition == other.partition
                && offset == other.offset
                && timestamp == other.timestamp
                && Arrays.equals(key, other.key)
                && Arrays.equals(value, other.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, offset);
    }

    @Override
    public String toString() {
        return "RawRecord[" + coordinates() + ", " + sizeInBytes() + " bytes]";
    }
}
