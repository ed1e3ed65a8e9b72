package io.sentiflow.desk;

/**
 * Records per second over the last minute, by the records' Kafka timestamps (write time), in
 * one-second buckets. Records become visible when the job's checkpoint commits them, so the last
 * checkpoint interval is missing until then. Not thread safe; {@link DeskState} guards it.
 */
final class Rates {

    static final int SECONDS = 60;

    private final long[] counts = new long[SECONDS];
    private final long[] bucketSecond = new long[SECONDS];

    void record(long timestampMillis) {
        long second = Math.floorDiv(timestampMillis, 1000);
        int slot = (int) Math.floorMod(second, SECONDS);
        if (bucketSecond[slot] != second) {
            bucketSecond[slot] = second;
            counts[slot] = 0;
        }
        counts[slot]++;
    }

    /** Records per second written in the minute before {@code nowMillis}. */
    double perSecond(long nowMillis) {
        long now = Math.floorDiv(nowMillis, 1000);
        long total = 0;
        for (int slot = 0; slot < SECONDS; slot++) {
            if (bucketSecond[slot] > now - SECONDS && bucketSecond[slot] <= now) {
                total += counts[slot];
            }
        }
        return total / (double) SECONDS;
    }
}
