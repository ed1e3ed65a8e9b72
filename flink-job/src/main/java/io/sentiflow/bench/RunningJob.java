package io.sentiflow.bench;

/**
 * A benchmark job that was started, in this process or on a cluster. {@link #close()} cancels it
 * and returns once it is cancelled, which aborts its open transactions.
 */
interface RunningJob extends AutoCloseable {

    /** Whether the job reached a terminal state (failed, cancelled, finished); true when that cannot be asked. */
    boolean ended();

    @Override
    void close() throws Exception;
}
