package io.sentiflow.desk;

import io.sentiflow.schema.WindowStatistics;

/**
 * One judged window of a key, as the desk charts it (times in epoch milliseconds). Immutable.
 *
 * @param state CALM, ELEVATED or FIRING, the key's state after the window
 */
public record WindowPoint(long windowStart, long windowEnd, long count, double share, double baseline, double z,
        String state) {

    static WindowPoint of(WindowStatistics statistics) {
        return new WindowPoint(statistics.getWindowStart().toEpochMilli(), statistics.getWindowEnd().toEpochMilli(),
                statistics.getCount(), statistics.getNegativeShare(), statistics.getBaselineShare(),
                statistics.getZScore(), statistics.getState().name());
    }
}
