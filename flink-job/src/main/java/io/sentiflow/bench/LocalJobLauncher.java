package io.sentiflow.bench;

import io.sentiflow.connect.KafkaConnection;
import io.sentiflow.job.ScoringEndpoints;
import io.sentiflow.job.ScoringJobConfig;
import java.util.concurrent.TimeUnit;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;

/**
 * Runs a benchmark job on a local Flink inside this process (the scoring job, or the naive one),
 * with the job's own Flink settings (checkpoints, state backend, parallelism) and its Kafka endpoints.
 */
final class LocalJobLauncher implements JobLauncher {

    /** Adds a job to an environment, reading and writing through the given endpoints. */
    interface Wiring {
        void wire(StreamExecutionEnvironment env, ScoringEndpoints endpoints, Configuration conf);
    }

    private final KafkaConnection connection;
    private final Wiring wiring;

    LocalJobLauncher(KafkaConnection connection, Wiring wiring) {
        this.connection = connection;
        this.wiring = wiring;
    }

    @Override
    public RunningJob start(String key, Configuration conf) throws Exception {
        ScoringJobConfig job = ScoringJobConfig.fromConfiguration(conf);
        Configuration flink = job.flinkSettings();
        flink.addAll(conf);
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironment(flink);
        env.setParallelism(job.parallelism());
        wiring.wire(env, ScoringEndpoints.kafka(connection, job), conf);
        JobClient client = env.executeAsync("sentiflow-bench-" + key);
        return new RunningJob() {
            @Override
            public boolean ended() {
                try {
                    return client.getJobStatus().get(10, TimeUnit.SECONDS).isGloballyTerminalState();
                } catch (Exception e) {
                    return true;
                }
            }

            @Override
            public void close() throws Exception {
                client.cancel().get(1, TimeUnit.MINUTES);
            }
        };
    }
}
