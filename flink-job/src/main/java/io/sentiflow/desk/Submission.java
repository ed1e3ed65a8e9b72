package io.sentiflow.desk;

/** What became of an analyst's label or verdict. */
public sealed interface Submission {

    /** A sentence for the page. */
    String message();

    /** Written to Kafka and acknowledged. */
    record Sent(String message, String id) implements Submission {}

    /** Malformed: refused with the reason, and never sent. */
    record Refused(String message) implements Submission {}

    /** Well-formed, but Kafka did not take it (unreachable, or it did not confirm in time). */
    record NotSent(String message) implements Submission {}
}
