package io.modelwatch.core.config;

import java.time.Duration;
import java.util.Map;

/**
 * One alert channel.
 *
 * @param type {@code log}, {@code jsonl} or {@code webhook}
 * @param path the file of a {@code jsonl} channel (default {@code <data-dir>/alerts.jsonl})
 * @param url where a {@code webhook} channel POSTs each transition as JSON
 * @param timeout a webhook request's timeout (default 5s)
 * @param retries how often a failed webhook delivery is retried (default 3)
 * @param backoff the wait before the first retry, doubled for each further one (default 1s)
 * @param headers extra HTTP headers of a webhook request (such as an authorization token)
 */
public record ChannelConfig(String type, String path, String url, Duration timeout, Integer retries, Duration backoff,
                            Map<String, String> headers) {
    public ChannelConfig {
        timeout = timeout == null ? Duration.ofSeconds(5) : timeout;
        retries = retries == null ? 3 : retries;
        backoff = backoff == null ? Duration.ofSeconds(1) : backoff;
        headers = headers == null ? Map.of() : headers;
    }
}
