package io.sentiflow.cli;

import io.sentiflow.job.ScoringEndpoints;
import io.sentiflow.job.ScoringJob;
import io.sentiflow.job.ScoringJobConfig;
import io.sentiflow.job.ScoringJobOptions;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import org.apache.flink.api.common.JobExecutionResult;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/**
 * {@code sentiflow score}: runs the {@link ScoringJob} on a local Flink in this process, with the
 * web UI on port 8081 (metrics, checkpoints, back pressure). Unbounded until interrupted; with
 * {@code --bounded} it scores the records present at start and exits 0.
 */
@Command(
        name = "score",
        description = "Score news.raw into news.scored (with DLQ, hot swap and alerts) on a local Flink;"
                + " web UI on http://localhost:8081.")
public final class ScoreCommand implements Callable<Integer> {


    @Spec private CommandSpec spec;
    @Mixin private ConnectionOptions connection;

    @Option(names = "--store", paramLabel = "DIR",
            description = "Model store root (default: the sentiflow.model.store key, var/models).")
    private Path store;

    @Option(names = "--parallelism", paramLabel = "P",
            description = "Parallelism of every operator (default: one instance per core, each with one ONNX"
                    + " thread: 1.36 times one instance with two threads on two cores, docs/PERFORMANCE.md).")
    private Integer parallelism;

    @Option(names = "--ui-port", paramLabel = "PORT", defaultValue = "8081",
            description = "Port of Flink's web UI (default: ${DEFAULT-VALUE}; 0 picks a free one).")
    private int uiPort = 8081;

    @Option(names = "--bounded",
            description = "Stop after the records present at start, then exit 0 (tests, replays).")
    private boolean bounded;

    @Option(names = "-D", paramLabel = "KEY=VALUE",
            description = "Any Flink or sentiflow.* configuration key, e.g. -D rest.port=0"
                    + " -D sentiflow.scoring.batch-size=64.")
    private Map<String, String> properties = new LinkedHashMap<>();

    @Override
    public Integer call() throws Exception {
        Configuration conf = configuration();
        StoreOptions.requirePromotedVersion(conf);
        ScoringJobConfig job = ScoringJobConfig.fromConfiguration(conf);
        Configuration flink = job.flinkSettings();
        flink.addAll(conf);
        if (!flink.contains(RestOptions.PORT)) {
            flink.set(RestOptions.PORT, uiPort);
        }
        StreamExecutionEnvironment env = StreamExecutionEnvironment.createLocalEnvironmentWithWebUI(flink);
        spec.commandLine().getOut().printf("Scoring %s -> %s on Flink (web UI on port %s)%s%n",
                job.topics().raw(), job.topics().scored(), flink.get(RestOptions.PORT),
                job.bounded() ? ", bounded to the records present now" : "; Ctrl-C stops");
        JobExecutionResult result =
                ScoringJob.run(env, ScoringEndpoints.kafka(connection.connection(), job), conf);
        spec.commandLine().getOut().printf("Scoring job finished after %d ms%n",
                result.getNetRuntime());
        return CommandLine.ExitCode.OK;
    }

    /** The -D keys, then the flags on top, since a flag is the more specific request. */
    Configuration configuration() {
        Configuration conf = Configuration.fromMap(properties);
        StoreOptions.configureJobStore(conf, store);
        if (parallelism != null) {
            conf.set(ScoringJobOptions.PARALLELISM, parallelism);
        } else if (!conf.contains(ScoringJobOptions.PARALLELISM)) {
            conf.set(ScoringJobOptions.PARALLELISM, Runtime.getRuntime().availableProcessors());
        }
        if (bounded) {
            conf.set(ScoringJobOptions.BOUNDED, true);
        }
        if (!conf.contains(ScoringJobOptions.CHECKPOINT_DIR)) {
            // Checkpoints of local runs stay next to the broker and model store data.
            conf.set(ScoringJobOptions.CHECKPOINT_DIR, StoreOptions.localUri("checkpoints"));
        }
        return conf;
    }
}
