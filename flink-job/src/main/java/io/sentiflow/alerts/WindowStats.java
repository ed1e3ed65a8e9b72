package io.sentiflow.alerts;

import io.sentiflow.schema.KeyKind;

/**
 * One key's closed window: distinct texts, negative texts, the most negative texts, the model
 * versions. Arrays rather than lists so Flink serializes it as a POJO, without Kryo.
 *
 * @param keyKind topic or entity
 * @param key the topic name or entity
 * @param windowStart inclusive start, epoch milliseconds
 * @param windowEnd exclusive end, epoch milliseconds
 * @param count distinct texts
 * @param negatives distinct negative texts
 * @param evidence most negative texts first
 * @param modelVersions sorted model versions that scored the texts
 */
public record WindowStats(
        KeyKind keyKind,
        String key,
        long windowStart,
        long windowEnd,
        int count,
        int negatives,
        EvidenceItem[] evidence,
        String[] modelVersions) {

    /** Negative share, 0 for an empty window. */
    public double share() {
        return count == 0 ? 0.0 : negatives / (double) count;
    }

    public static WindowStats of(String stateKey, long windowStart, long windowEnd, WindowTally tally) {
        int colon = stateKey.indexOf(':');
        return new WindowStats(KeyKind.valueOf(stateKey.substring(0, colon)), stateKey.substring(colon + 1),
                windowStart, windowEnd, tally.count(), tally.negatives(), tally.evidence(), tally.modelVersions());
    }
}
