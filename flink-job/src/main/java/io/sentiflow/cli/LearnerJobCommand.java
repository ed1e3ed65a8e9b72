package io.sentiflow.cli;

import io.sentiflow.job.PrometheusEndpoint;
import io.sentiflow.learner.LearnerCheckpoints;
import io.sentiflow.learner.LearnerEndpoints;
import io.sentiflow.learner.LearnerJob;
import io.sentiflow.learner.LearnerJobConfig;
import io.sentiflow.learner.LearnerJobOptions;
import io.sentiflow.learner.LearnerOptions;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.PipelineOptionsInternal;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.StateRecoveryOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sentiflow learner}: runs the {@link LearnerJob} on a local Flink in this process, with the
 * web UI on port 8082 (8081 is the scoring job's). It resumes from its latest checkpoint, which holds
 * the labels not learned from yet and the replay buffer; {@code --fresh} starts empty. Runs until
 * interrupted.
 */
@Command(
        name = "learner",
        description = "Run the learner job (feedback.labels -> new model versions on model.updates) on a local"
                + " Flink; web UI on http://localhost:8082. Resumes from its latest checkpoint.")
public final class LearnerJobCommand implements Callable<Integer> {

    /** Checkpoints of local runs stay next to the broker and model store data. */
    @Spec private CommandSpec spec;
    @Mixin private ConnectionOptions connection;

    @Option(names = "--store", paramLabel = "DIR",
            description = "Model store root (default: the sentiflow.model.store key, var/models).")
    private Path store;

    @Option(names = "--metrics-port", paramLabel = "PORT", defaultValue = "9250",
            description = "Port of Flink's Prometheus reporter (default: ${DEFAULT-VALUE}, beside score's 9249;"
                    + " 0 picks a free one).")
    private int metricsPort = 9250;

    @Option(names = "--fresh", description = "Start with empty state instead of the latest checkpoint.")
    private boolean fresh;

    @Option(names = "-D", paramLabel = "KEY=VALUE",
            description = "Any Flink or sentiflow.* key, e.g. -D sentiflow.learner.trigger-count=100"
                    + " -D rest.port=0.")
    private Map<String, String> properties = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        Configuration conf = configuration();
        StoreOptions.requirePromotedVersion(conf);
        LearnerJobConfig job = LearnerJobConfig.fromConfiguration(conf);
        LearnerJob learner = new LearnerJob(LearnerEndpoints.kafka(connection.connection(), job), conf);
        Configuration flink = job.flinkSettings();
        flink.addAll(conf);
        flink.set(PipelineOptionsInternal.PIPELINE_FIXED_JOB_ID, LearnerCheckpoints.LOCAL_JOB_ID.toHexString());
        if (!flink.contains(RestOptions.PORT)) {
            flink.set(RestOptions.PORT, 8082);
        }
        PrometheusEndpoint metrics = PrometheusEndpoint.onPort(metricsPort, "--metrics-port");
        metrics.addTo(flink);
        PrintWriter out = spec.commandLine().getOut();
        Optional<Path> checkpoint = fresh ? Optional.empty() : LearnerCheckpoints.latest(job.checkpointDir());
        checkpoint.ifPresent(path -> flink.set(StateRecoveryOptions.SAVEPOINT_PATH, path.toUri().toString()));
        out.printf("Learning from %s -> %s on Flink (web UI on port %s, Prometheus metrics on %s), %s; Ctrl-C stops%n",
                job.topics().feedback(), job.topics().updates(), flink.get(RestOptions.PORT), metrics.address(),
                checkpoint.map(path -> "resuming from " + path).orElse("starting with empty state"));
        out.flush();
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(flink);
        learner.run(env);
        return CommandLine.ExitCode.OK;
    }

    /** The -D keys, then the flags on top, since a flag is the more specific request. */
    Configuration configuration() {
        Configuration conf = Configuration.fromMap(properties);
        StoreOptions.configureJobStore(conf, store);
        if (!conf.contains(LearnerJobOptions.CHECKPOINT_DIR)) {
            conf.set(LearnerJobOptions.CHECKPOINT_DIR, StoreOptions.localUri("learner-checkpoints"));
        }
        if (!conf.contains(LearnerOptions.EMBEDDING_CACHE)) {
            // The cache `train` fills: the learner's replay and regression texts are already encoded there.
            conf.set(LearnerOptions.EMBEDDING_CACHE, StoreOptions.home().resolve("var").resolve("embedding-cache").toString());
        }
        return conf;
    }
}
