package io.sentiflow.bench;

import java.util.List;

/**
 * Whether a group's lag grew over a sustained run. Offsets are committed at checkpoints, so even a
 * job that keeps up draws a sawtooth from 0 to about rate x checkpoint interval; a job that falls
 * behind adds a rising line to it. The trend is the least-squares slope of the samples times the
 * run's length; it counts as growing when that exceeds {@code allowance} records. With samples every
 * 2 s over 60 s the sawtooth alone moves the fitted line by at most 7% of its height (20 s: 18%), so
 * an allowance of a quarter of the height tells the two apart and catches a job about 4% short of
 * the rate over a minute of 10 s checkpoints.
 *
 * @param samples in time order
 * @param allowance how much the fitted line may rise over the run without counting as growth
 */
public record LagTrend(List<Sample> samples, double allowance) {

    /** The lag at {@code seconds} after the sustained run began. */
    public record Sample(double seconds, long lag) {}

    public LagTrend {
        samples = List.copyOf(samples);
        if (samples.isEmpty()) {
            throw new IllegalArgumentException("a lag trend needs at least one sample");
        }
    }

    /** A quarter of the sawtooth's height (rate x the checkpoint interval, at least one second's records). */
    public static double allowance(double ratePerSecond, double checkpointSeconds) {
        return ratePerSecond * Math.max(1, checkpointSeconds) / 4;
    }

    public long endLag() {
        return samples.get(samples.size() - 1).lag();
    }

    /** Least-squares slope of lag over time, records per second; 0 with fewer than two distinct times. */
    public double slopePerSecond() {
        int n = samples.size();
        double meanT = samples.stream().mapToDouble(Sample::seconds).average().orElse(0);
        double meanLag = samples.stream().mapToDouble(Sample::lag).average().orElse(0);
        double covariance = 0;
        double variance = 0;
        for (Sample sample : samples) {
            covariance += (sample.seconds() - meanT) * (sample.lag() - meanLag);
            variance += (sample.seconds() - meanT) * (sample.seconds() - meanT);
        }
        return n < 2 || variance == 0 ? 0 : covariance / variance;
    }

    /** How far the fitted line rose from the first sample's time to the last's. */
    public double growth() {
        return slopePerSecond() * (samples.get(samples.size() - 1).seconds() - samples.get(0).seconds());
    }

    public boolean growing() {
        return growth() > allowance;
    }
}
