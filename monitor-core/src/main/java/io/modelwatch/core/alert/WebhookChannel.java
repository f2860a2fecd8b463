package io.modelwatch.core.alert;

import static java.util.Objects.requireNonNull;

import io.modelwatch.core.config.ChannelConfig;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.HttpTimeoutException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@code webhook} channel: POSTs each transition as JSON ({@link AlertJson}, Content-Type
 * {@code application/json}, plus the configured headers) to a URL.
 *
 * <p>{@link #deliver} only queues: a daemon thread sends, one transition at a time in order, so
 * evaluation never waits for the network. A request that times out, fails to connect or gets
 * HTTP 5xx, 408 or 429 is retried up to {@code retries} times, waiting {@code backoff}, then
 * twice that, four times, ... before each retry; another status (such as 400 or 404) is not
 * retried, since sending the same body again cannot help. Any 2xx is success. A transition that
 * is not delivered — it failed every attempt, the queue was full, or the channel was closed — is
 * logged and recorded with {@link AlertRecorder#deliveryFailed}; nothing is dropped silently.
 * {@link #close()} lets the thread finish what is queued for at most the drain bound, then stops
 * it and records what is left. Thread-safe.
 */
public final class WebhookChannel implements AlertChannel {
    /** Waits between attempts; tests inject one that records the waits instead of sleeping. */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration d) throws InterruptedException;
    }

    /** Transitions queued at most before further ones are dropped (and recorded as failed). */
    public static final int DEFAULT_CAPACITY = 1000;
    /** How long {@link #close()} lets queued transitions go out. */
    public static final Duration DEFAULT_DRAIN = Duration.ofSeconds(10);

    private static final Logger LOG = LoggerFactory.getLogger(WebhookChannel.class);
    private static final AlertTransition STOP = new AlertTransition("", null, "", null, "", null, "", "", null, null,
            null, null);

    private final URI uri;
    private final String name;
    private final Duration timeout;
    private final int retries;
    private final Duration backoff;
    private final Map<String, String> headers;
    private final AlertRecorder recorder;
    private final HttpClient client;
    private final Sleeper sleeper;
    private final int capacity;
    private final Duration drain;
    private final BlockingQueue<AlertTransition> queue = new LinkedBlockingQueue<>();
    private final Object lock = new Object();
    private final Thread worker;
    private boolean closed; // guarded by lock

    /** Returns a channel with the JDK HTTP client, real waits, a queue of {@value #DEFAULT_CAPACITY} and a 10 s drain. */
    public WebhookChannel(ChannelConfig config, AlertRecorder recorder) {
        this(config, recorder, HttpClient.newBuilder().connectTimeout(config.timeout()).build(),
                d -> Thread.sleep(d.toMillis()), DEFAULT_CAPACITY, DEFAULT_DRAIN);
    }

    /**
     * Returns a channel and starts its thread.
     *
     * @param config a validated {@code webhook} channel (url, timeout, retries, backoff, headers)
     * @param recorder where undelivered transitions are recorded
     * @param client the HTTP client
     * @param sleeper how the thread waits between attempts
     * @param capacity transitions queued at most
     * @param drain how long {@link #close()} waits for the queue to empty
     */
    public WebhookChannel(ChannelConfig config, AlertRecorder recorder, HttpClient client, Sleeper sleeper, int capacity,
                          Duration drain) {
        requireNonNull(config, "config is null");
        this.uri = URI.create(requireNonNull(config.url(), "url is null"));
        this.name = "webhook " + describe(uri);
        this.timeout = config.timeout();
        this.retries = config.retries();
        this.backoff = config.backoff();
        this.headers = Map.copyOf(config.headers());
        this.recorder = requireNonNull(recorder, "recorder is null");
        this.client = requireNonNull(client, "client is null");
        this.sleeper = requireNonNull(sleeper, "sleeper is null");
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1");
        }
        this.capacity = capacity;
        this.drain = requireNonNull(drain, "drain is null");
        this.worker = new Thread(this::run, "modelwatch-webhook " + uri.getHost());
        worker.setDaemon(true);
        worker.start();
    }

    /** Returns the URL without credentials or query, which may hold secrets. */
    private static String describe(URI u) {
        return u.getScheme() + "://" + u.getHost() + (u.getPort() < 0 ? "" : ":" + u.getPort())
                + (u.getRawPath() == null ? "" : u.getRawPath());
    }

    @Override
    public String name() {
        return name;
    }

    /** Queues the transition and returns at once; when the queue is full or the channel closed it is recorded as failed. */
    @Override
    public void deliver(AlertTransition t) {
        requireNonNull(t, "t is null");
        String refused;
        synchronized (lock) {
            if (closed) {
                refused = "the channel is closed";
            } else if (queue.size() >= capacity) {
                refused = "the queue is full (" + capacity + " transitions waiting); dropped";
            } else {
                queue.add(t);
                return;
            }
        }
        failed(t, refused);
    }

    private void run() {
        try {
            while (true) {
                AlertTransition t = queue.take();
                if (t == STOP) {
                    return;
                }
                send(t);
            }
        } catch (InterruptedException e) {
            // close() ran out of time; it records what is left
        }
    }

    private void send(AlertTransition t) throws InterruptedException {
        String detail;
        int attempt = 0;
        try {
            HttpRequest.Builder b = HttpRequest.newBuilder(uri).timeout(timeout)
                    .POST(HttpRequest.BodyPublishers.ofString(AlertJson.toJson(t), StandardCharsets.UTF_8));
            headers.forEach(b::header);
            HttpRequest request = b.setHeader("Content-Type", "application/json").build();
            while (true) {
                if (attempt > 0) {
                    sleeper.sleep(backoff(attempt - 1));
                }
                attempt++;
                boolean retry;
                try {
                    int status = client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
                    if (status >= 200 && status < 300) {
                        return;
                    }
                    detail = "HTTP " + status;
                    retry = status >= 500 || status == 408 || status == 429;
                } catch (HttpTimeoutException e) {
                    detail = "no response within " + timeout.toMillis() + " ms";
                    retry = true;
                } catch (IOException e) {
                    detail = e.toString();
                    retry = true;
                }
                if (!retry || attempt > retries) {
                    break;
                }
            }
        } catch (InterruptedException e) {
            failed(t, "the channel closed while it was being sent (attempt " + Math.max(attempt, 1) + ")");
            throw e;
        } catch (RuntimeException e) {
            detail = e.toString(); // a request the client refuses: retrying cannot help
        }
        failed(t, detail + (attempt > 1 ? " after " + attempt + " attempts" : " (1 attempt)"));
    }

    /** Returns the wait before retry {@code n} (0-based): backoff × 2^n. */
    Duration backoff(int n) {
        return backoff.multipliedBy(1L << Math.min(n, 20));
    }

    private void failed(AlertTransition t, String detail) {
        LOG.warn("{}: could not deliver the {} transition of alert \"{}\" ({} {}): {}", name, t.to(), t.rule(),
                t.monitor(), t.metric(), detail);
        try {
            recorder.deliveryFailed(t, name, detail);
        } catch (RuntimeException e) {
            LOG.warn("{}: recording a failed delivery failed too: {}", name, e.toString());
        }
    }

    /** Waits at most the drain bound for queued transitions to go out, then stops; what is left is recorded as failed. */
    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
            queue.add(STOP);
        }
        Instant deadline = Instant.now().plus(drain);
        boolean interrupted = false;
        try {
            worker.join(Math.max(1, drain.toMillis()));
            if (worker.isAlive()) {
                worker.interrupt();
                worker.join(Math.max(1, Duration.between(Instant.now(), deadline.plusSeconds(1)).toMillis()));
            }
        } catch (InterruptedException e) {
            interrupted = true;
            worker.interrupt();
        }
        List<AlertTransition> left = new ArrayList<>();
        queue.drainTo(left);
        for (AlertTransition t : left) {
            if (t != STOP) {
                failed(t, "not sent within " + drain.toMillis() + " ms of closing");
            }
        }
        if (interrupted) {
            Thread.currentThread().interrupt();
        }
    }
}
