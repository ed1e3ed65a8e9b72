package io.sentiflow.deploy.cluster;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/** Writes a cluster's {@code conf/config.yaml} and {@code conf/log4j.properties}. Stateless. */
final class FlinkConfFiles {

    static final String CONFIG = "config.yaml";
    static final String LOG4J = "log4j.properties";

    /** The module openings Flink's own config.yaml passes to every process on Java 17. */
    static final List<String> JVM_OPTIONS = List.of(
            "--add-exports=java.base/sun.net.util=ALL-UNNAMED",
            "--add-exports=java.rmi/sun.rmi.registry=ALL-UNNAMED",
            "--add-exports=java.security.jgss/sun.security.krb5=ALL-UNNAMED",
            "--add-opens=java.base/java.lang=ALL-UNNAMED",
            "--add-opens=java.base/java.net=ALL-UNNAMED",
            "--add-opens=java.base/java.io=ALL-UNNAMED",
            "--add-opens=java.base/java.nio=ALL-UNNAMED",
            "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
            "--add-opens=java.base/java.lang.reflect=ALL-UNNAMED",
            "--add-opens=java.base/java.text=ALL-UNNAMED",
            "--add-opens=java.base/java.time=ALL-UNNAMED",
            "--add-opens=java.base/java.util=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.atomic=ALL-UNNAMED",
            "--add-opens=java.base/java.util.concurrent.locks=ALL-UNNAMED",
            "-Djava.awt.headless=true");

    private static final String LOG4J_PROPERTIES = """
            rootLogger.level = INFO
            rootLogger.appenderRef.file.ref = MainAppender
            appender.main.name = MainAppender
            appender.main.type = File
            appender.main.append = true
            appender.main.fileName = ${sys:log.file}
            appender.main.layout.type = PatternLayout
            appender.main.layout.pattern = %d{HH:mm:ss,SSS} %-5p %-60c %x - %m%n
            """;

    private FlinkConfFiles() {}

    static void write(FlinkClusterConfig config) {
        try {
            Files.createDirectories(config.confDir());
            Files.createDirectories(config.logDir());
            Files.createDirectories(config.workDir().resolve("uploads"));
            Files.createDirectories(config.workDir().resolve("tmp"));
            Files.writeString(config.confDir().resolve(CONFIG), yaml(config.flinkConfiguration()));
            Files.writeString(config.confDir().resolve(LOG4J), LOG4J_PROPERTIES);
        } catch (IOException e) {
            throw new ClusterException("cannot write Flink configuration to " + config.confDir(), e);
        }
    }

    /** Flat {@code key: value} lines: Flink 2's config.yaml reads dotted keys as nested ones. */
    static String yaml(Map<String, String> entries) {
        StringBuilder yaml = new StringBuilder();
        entries.forEach((key, value) -> yaml.append(key).append(": ").append(value).append('\n'));
        return yaml.toString();
    }
}
