package io.sentiflow.job;

import org.apache.flink.configuration.Configuration;

/**
 * Turns a job's program arguments into a {@link Configuration}: {@code --key value} pairs and
 * {@code key=value} words, so {@code flink run job.jar --sentiflow.job.parallelism 2} and
 * {@code -D}-style pairs set the same keys.
 */
public final class JobArguments {

    private JobArguments() {}

    public static Configuration parse(String... args) {
        Configuration conf = new Configuration();
        for (int i = 0; i < args.length; i++) {
            String arg = args[i];
            if (arg.startsWith("--")) {
                String key = arg.substring(2);
                int eq = key.indexOf('=');
                if (eq > 0) {
                    conf.setString(key.substring(0, eq), key.substring(eq + 1));
                } else if (i + 1 < args.length && !args[i + 1].startsWith("--")) {
                    conf.setString(key, args[++i]);
                } else {
                    conf.setString(key, "true");
                }
            } else if (arg.indexOf('=') > 0) {
                conf.setString(arg.substring(0, arg.indexOf('=')), arg.substring(arg.indexOf('=') + 1));
            } else {
                throw new IllegalArgumentException("unexpected argument '" + arg
                        + "': expected --key value or key=value");
            }
        }
        return conf;
    }
}
