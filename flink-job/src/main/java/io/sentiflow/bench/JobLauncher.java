package io.sentiflow.bench;

import org.apache.flink.configuration.Configuration;

/** Starts a benchmark job with a configuration from {@link BenchTopics#conf()}. */
interface JobLauncher {

    /** @param key the row id, in the job's name */
    RunningJob start(String key, Configuration conf) throws Exception;
}
