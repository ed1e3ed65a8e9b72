package io.sentiflow.desk;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Properties;

/**
 * The desk's page, {@code desk.html} with the path of the uPlot WebJar on the class path filled in, so
 * a newer WebJar in the pom needs no edit of the page. Read once; immutable.
 */
final class DeskPage {

    private static final String UPLOT_POM = "/META-INF/maven/org.webjars.npm/uplot/pom.properties";

    private DeskPage() {}

    /** @throws IllegalStateException when the page or the uPlot WebJar is missing from the class path */
    static String html() {
        String template = read(DeskServer.PAGE + "/desk.html");
        return template.replace("{{uplot}}", uplotVersion());
    }

    private static String uplotVersion() {
        Properties pom = new Properties();
        try (InputStream in = DeskPage.class.getResourceAsStream(UPLOT_POM)) {
            if (in == null) {
                throw new IllegalStateException("the uPlot WebJar (org.webjars.npm:uplot) is not on the class path;"
                        + " the desk's charts need it");
            }
            pom.load(in);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + UPLOT_POM, e);
        }
        return pom.getProperty("version");
    }

    private static String read(String resource) {
        try (InputStream in = DeskPage.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new IllegalStateException(resource + " is not on the class path");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resource, e);
        }
    }
}
