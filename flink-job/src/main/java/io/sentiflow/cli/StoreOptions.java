package io.sentiflow.cli;

import io.sentiflow.scoring.ScoringOptions;
import io.sentiflow.store.ModelStore;
import java.nio.file.Path;
import org.apache.flink.configuration.Configuration;
import picocli.CommandLine.Option;

/**
 * The {@code --store} flag shared by the model commands: a directory or file system URI, by default
 * {@code var/models} under the Sentiflow home ({@code -Dsentiflow.home}, set by the launcher) or the
 * working directory.
 */
public final class StoreOptions {

    @Option(names = "--store", paramLabel = "DIR",
            description = "Model store directory or URI (default: var/models under the Sentiflow home).")
    private String store;

    public String location() {
        return store != null ? store : home().resolve("var").resolve("models").toString();
    }

    public ModelStore open() {
        return ModelStore.open(location());
    }

    /** The Sentiflow home: {@code -Dsentiflow.home}, else the working directory. */
    static Path home() {
        String home = System.getProperty("sentiflow.home");
        return (home == null || home.isBlank() ? Path.of("") : Path.of(home)).toAbsolutePath();
    }

    /**
     * Sets {@code sentiflow.model.store} for a job a command runs locally: {@code flag} if given, else
     * the key as configured, else var/models under the Sentiflow home (not the working directory).
     */
    static void configureJobStore(Configuration conf, Path flag) {
        if (flag != null) {
            conf.set(ScoringOptions.MODEL_STORE, flag.toAbsolutePath().toString());
        } else if (!conf.contains(ScoringOptions.MODEL_STORE)) {
            conf.set(ScoringOptions.MODEL_STORE, new StoreOptions().location());
        }
    }

    /**
     * Refuses a job's store without a promoted version before Flink starts: the job's operators would
     * only find out once running, and restart until stopped.
     */
    static void requirePromotedVersion(Configuration conf) {
        String location = conf.get(ScoringOptions.MODEL_STORE);
        if (ModelStore.open(location).promotedVersion().isEmpty()) {
            throw new IllegalStateException("model store " + location + " has no promoted version: train one"
                    + " (sentiflow train) or promote one (sentiflow models promote V)");
        }
    }

    /** A folder under var/ of the Sentiflow home, as a URI (checkpoints of local runs live there). */
    static String localUri(String folder) {
        return home().resolve("var").resolve(folder).toUri().toString();
    }
}
