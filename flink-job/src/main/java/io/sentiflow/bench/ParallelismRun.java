package io.sentiflow.bench;

import java.util.Objects;

/**
 * The local job rows at one parallelism: (b) the scoring job, then its sustained run, and (c) the
 * naive job, on the same texts.
 */
public record ParallelismRun(int parallelism, BenchRow job, SustainedResult sustained, BenchRow naive) {

    public ParallelismRun {
        Objects.requireNonNull(job, "job");
        Objects.requireNonNull(sustained, "sustained");
        Objects.requireNonNull(naive, "naive");
    }

    /** b/c: the scoring job's throughput over the naive job's at this parallelism. */
    public double jobOverNaive() {
        return job.textsPerSecond() / naive.textsPerSecond();
    }
}
