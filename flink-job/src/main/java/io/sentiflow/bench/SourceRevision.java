package io.sentiflow.bench;

import java.io.IOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * The commit a benchmark ran from, and whether the tree had changes on top of it (then the figures
 * are not that commit's). Read with {@code git}; "unknown" outside a work tree or without git.
 */
public record SourceRevision(String commit, boolean dirty) {

    /**
     * @param generated the report file this run rewrites: its own earlier version does not make the
     *     tree dirty, or every second run would say so
     */
    public static SourceRevision of(Path home, Path generated) {
        String commit = git(home, List.of("rev-parse", "HEAD"));
        if (commit.isEmpty()) {
            return new SourceRevision("unknown", false);
        }
        List<String> status = new ArrayList<>(List.of("status", "--porcelain", "--", "."));
        Path absoluteHome = home.toAbsolutePath().normalize();
        Path file = generated.toAbsolutePath().normalize();
        if (file.startsWith(absoluteHome)) {
            status.add(":(exclude)" + absoluteHome.relativize(file));
        }
        return new SourceRevision(commit, !git(home, status).isEmpty());
    }

    @Override
    public String toString() {
        return dirty ? commit + " (dirty: uncommitted changes)" : commit;
    }

    /** The command's trimmed output; empty when it fails. */
    private static String git(Path home, List<String> args) {
        List<String> command = new ArrayList<>(List.of("git", "-C", home.toString()));
        command.addAll(args);
        try {
            Process process = new ProcessBuilder(command).redirectError(Redirect.DISCARD).start();
            process.getOutputStream().close();
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
            boolean exited = process.waitFor(30, TimeUnit.SECONDS);
            return exited && process.exitValue() == 0 ? out : "";
        } catch (IOException e) {
            return ""; // no git: the revision is unknown, and the report says so
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return "";
        }
    }
}
