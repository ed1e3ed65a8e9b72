package io.sentiflow.it.desk;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where the browser test puts its picture of the desk: {@code desk/desk.png} in the build dir always,
 * and the README's {@code docs/desk.png} in the source tree only when {@code -Dsentiflow.screenshot.write=true},
 * so ordinary CI runs leave the working tree clean.
 */
final class DeskScreenshot {

    static final String WRITE_DOCS_PROPERTY = "sentiflow.screenshot.write";
    static final String FILE = "desk.png";

    private DeskScreenshot() {}

    static void save(byte[] png) {
        try {
            Path dir = Files.createDirectories(buildDir().resolve("desk"));
            Files.write(dir.resolve(FILE), png);
            if (Boolean.getBoolean(WRITE_DOCS_PROPERTY)) {
                // The build dir is integration-tests/target: the repository root is two folders up.
                Files.write(buildDir().getParent().getParent().resolve("docs").resolve(FILE), png);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot save the desk's screenshot", e);
        }
    }

    /** The folder holding {@code test-classes}: {@code target} or the {@code -Dsentiflow.build.dir} in use. */
    private static Path buildDir() {
        try {
            return Path.of(DeskScreenshot.class.getProtectionDomain().getCodeSource().getLocation().toURI())
                    .toAbsolutePath().getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException("cannot locate the test classes of " + DeskScreenshot.class, e);
        }
    }
}
