package io.sentiflow.it.reliability;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/** The commit the figures are measured on. */
public final class Commit {

    /** Set by CI or by hand when the tests do not run inside a git checkout. */
    public static final String ENV = "SENTIFLOW_COMMIT";
    public static final String PROPERTY = "sentiflow.commit";
    static final String UNKNOWN = "unknown";

    private Commit() {}

    /**
     * {@code -Dsentiflow.commit}, else {@code $SENTIFLOW_COMMIT}, else {@code git rev-parse HEAD} in
     * the source tree ({@code -Dsentiflow.home}, which failsafe sets, else the working directory),
     * else {@value #UNKNOWN}.
     */
    public static String current() {
        String explicit = System.getProperty(PROPERTY, System.getenv(ENV));
        if (explicit != null && !explicit.isBlank()) {
            return explicit.strip();
        }
        return gitHead(Path.of(System.getProperty("sentiflow.home", ".")));
    }

    /** {@code git rev-parse HEAD} in {@code tree}, else {@value #UNKNOWN}. */
    static String gitHead(Path tree) {
        try {
            Process git = new ProcessBuilder("git", "rev-parse", "HEAD")
                    .directory(tree.toFile())
                    .redirectErrorStream(true)
                    .start();
            git.getOutputStream().close();
            String out = new String(git.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            boolean done = git.waitFor(10, TimeUnit.SECONDS);
            return done && git.exitValue() == 0 && out.matches("[0-9a-f]{40}") ? out : UNKNOWN;
        } catch (IOException e) {
            // No git on this machine: the figures still count, only their commit is unknown.
            return UNKNOWN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return UNKNOWN;
        }
    }
}
