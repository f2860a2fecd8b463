package io.modelwatch.core.generate;

import java.io.IOException;

/**
 * One demo model's log: its name, its request-id prefix, how it serves requests, and how it writes the
 * payload of one record.
 *
 * <p>The {@link DemoGenerator} writes the shared envelope (time, id, model, latency, error) and asks the
 * stream for the fields in between. Implementations hold only immutable tables; all randomness comes
 * from the {@link DemoRandom} passed in, so a stream is a pure function of that source.
 */
interface RecordStream {

    /** The value of the {@code model} field. */
    String model();

    /** The prefix of {@code request_id} values, e.g. {@code mt} for {@code mt-000001}. */
    String idPrefix();

    /** Latency and failure behaviour. */
    ServiceProfile profile();

    /**
     * Writes the payload fields of one record through {@link JsonLinesOut#json()}.
     *
     * @param failure the request's failure, or {@code null} when it succeeded (then the prediction is written)
     * @return the request's size relative to a typical request, a factor on its latency
     */
    double writePayload(JsonLinesOut out, DemoRandom random, boolean degraded, String failure) throws IOException;
}
