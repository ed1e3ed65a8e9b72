package io.sentiflow.cli;

import io.sentiflow.store.ModelStore;
import java.nio.file.Path;
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
}
