package io.modelwatch.core.alert;

import static io.modelwatch.core.alert.AlertChannelsTest.transition;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import io.modelwatch.core.config.ChannelConfig;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.http.HttpClient;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The webhook channel against a local HTTP server: the request, retries with exponential
 * backoff (waits recorded, not slept), failures recorded, timeouts, and that delivering never
 * waits for the network.
 */
class WebhookChannelTest {
    /** One request the server received. */
    private record Request(String method, String contentType, String authorization, String body) {
    }

    private HttpServer server;
    private ExecutorService executor;
    private final BlockingQueue<Request> requests = new LinkedBlockingQueue<>();
    /** Statuses to answer, in turn; the last one repeats. */
    private volatile List<Integer> statuses = List.of(200);
    private final AtomicInteger answered = new AtomicInteger();
    /** While not counted down, the server holds every request without answering. */
    private volatile CountDownLatch hold = new CountDownLatch(0);
    private final CountDownLatch released = new CountDownLatch(1);
    private final List<Duration> waits = new CopyOnWriteArrayList<>();
    private final BlockingQueue<String> failures = new LinkedBlockingQueue<>();
    private final AlertRecorder recorder = new AlertRecorder() {
        @Override
        public void transition(AlertTransition t) {
        }

        @Override
        public void deliveryFailed(AlertTransition t, String channel, String detail) {
            failures.add(t.rule() + " | " + channel + " | " + detail);
        }
    };
    private final List<WebhookChannel> channels = new ArrayList<>();
    private String url;

    @BeforeEach
    void start() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        executor = Executors.newCachedThreadPool();
        server.setExecutor(executor);
        server.createContext("/hook", this::handle);
        server.start();
        url = "http://127.0.0.1:" + server.getAddress().getPort() + "/hook";
    }

    private void handle(HttpExchange ex) throws IOException {
        try (ex) {
            String body = new String(ex.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            requests.add(new Request(ex.getRequestMethod(), ex.getRequestHeaders().getFirst("Content-Type"),
                    ex.getRequestHeaders().getFirst("Authorization"), body));
            try {
                hold.await(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            List<Integer> s = statuses;
            int status = s.get(Math.min(answered.getAndIncrement(), s.size() - 1));
            ex.sendResponseHeaders(status, -1);
        }
    }

    @AfterEach
    void stop() {
        hold.countDown();
        channels.forEach(WebhookChannel::close);
        server.stop(0);
        executor.shutdownNow();
    }

    private WebhookChannel channel(Duration timeout, int retries, Duration backoff, int capacity, Duration drain) {
        ChannelConfig config = new ChannelConfig("webhook", null, url, timeout, retries, backoff,
                Map.of("Authorization", "Bearer t0ken"));
        WebhookChannel c = new WebhookChannel(config, recorder, HttpClient.newHttpClient(), waits::add, capacity, drain);
        channels.add(c);
        return c;
    }

    private WebhookChannel channel(int retries, Duration backoff) {
        return channel(Duration.ofSeconds(5), retries, backoff, 100, Duration.ofSeconds(10));
    }

    private Request next() throws InterruptedException {
        Request r = requests.poll(10, TimeUnit.SECONDS);
        assertThat(r).as("a request within 10 s").isNotNull();
        return r;
    }

    private static AlertTransition fired(String rule) {
        return transition(rule, "pending", "firing", Map.of("score", 20.0));
    }

    @Test
    void postsTheTransitionAsJsonWithTheConfiguredHeaders() throws InterruptedException {
        WebhookChannel c = channel(3, Duration.ofSeconds(1));
        AlertTransition t = fired("low-bleu");

        c.deliver(t);

        assertThat(next()).isEqualTo(new Request("POST", "application/json", "Bearer t0ken", AlertJson.toJson(t)));
        c.close();
        assertThat(failures).isEmpty();
        assertThat(waits).isEmpty();
        assertThat(c.name()).isEqualTo("webhook " + url);
    }

    @Test
    void retriesServerErrorsWithExponentialBackoff() throws InterruptedException {
        statuses = List.of(500, 500, 200);
        WebhookChannel c = channel(3, Duration.ofSeconds(1));

        c.deliver(fired("low-bleu"));
        next();
        next();
        next();
        c.close(); // waits for the worker, which has had its answer

        assertThat(waits).containsExactly(Duration.ofSeconds(1), Duration.ofSeconds(2));
        assertThat(failures).isEmpty();
        assertThat(requests).isEmpty();
    }

    @Test
    void aDeliveryThatFailsEveryAttemptIsRecorded() throws InterruptedException {
        statuses = List.of(503);
        WebhookChannel c = channel(2, Duration.ofMillis(100));

        c.deliver(fired("low-bleu"));

        assertThat(failures.poll(10, TimeUnit.SECONDS)).isEqualTo("low-bleu | webhook " + url
                + " | HTTP 503 after 3 attempts");
        assertThat(requests).hasSize(3);
        assertThat(waits).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
    }

    @Test
    void aClientErrorIsNotRetried() throws InterruptedException {
        statuses = List.of(404);
        WebhookChannel c = channel(3, Duration.ofSeconds(1));

        c.deliver(fired("low-bleu"));

        assertThat(failures.poll(10, TimeUnit.SECONDS)).endsWith(" | HTTP 404 (1 attempt)");
        assertThat(requests).hasSize(1);
        assertThat(waits).isEmpty();
    }

    @Test
    void aRequestWithoutAnAnswerInTimeFails() throws InterruptedException {
        hold = new CountDownLatch(1);
        WebhookChannel c = channel(Duration.ofMillis(200), 1, Duration.ofMillis(50), 100, Duration.ofSeconds(10));

        c.deliver(fired("low-bleu"));

        assertThat(failures.poll(10, TimeUnit.SECONDS)).isEqualTo("low-bleu | webhook " + url
                + " | no response within 200 ms after 2 attempts");
        assertThat(waits).containsExactly(Duration.ofMillis(50));
    }

    @Test
    void deliverReturnsAtOnceWhileTheServerIsSlow() throws InterruptedException {
        hold = new CountDownLatch(1);
        WebhookChannel c = channel(Duration.ofSeconds(30), 0, Duration.ZERO, 100, Duration.ofSeconds(10));

        // With the server holding every request for up to 10 s, a blocking deliver could not finish in time.
        assertTimeoutPreemptively(Duration.ofSeconds(2), () -> {
            c.deliver(fired("a"));
            c.deliver(fired("b"));
            c.deliver(fired("c"));
        });
        assertThat(next().body()).contains("\"rule\":\"a\"");
        hold.countDown();
        assertThat(next().body()).contains("\"rule\":\"b\"");
        assertThat(next().body()).contains("\"rule\":\"c\"");
        c.close();
        assertThat(failures).isEmpty();
    }

    @Test
    void aFullQueueDropsAndRecordsTheTransition() throws InterruptedException {
        hold = new CountDownLatch(1);
        WebhookChannel c = channel(Duration.ofSeconds(30), 0, Duration.ZERO, 1, Duration.ofSeconds(10));

        c.deliver(fired("in-flight"));
        next(); // the worker holds it: the queue is empty again
        c.deliver(fired("queued"));
        c.deliver(fired("dropped"));

        assertThat(failures).containsExactly("dropped | webhook " + url
                + " | the queue is full (1 transitions waiting); dropped");
        hold.countDown();
        assertThat(next().body()).contains("\"rule\":\"queued\"");
    }

    @Test
    void closeWaitsAtMostItsBoundAndRecordsWhatWasNotSent() throws InterruptedException {
        hold = new CountDownLatch(1);
        WebhookChannel c = channel(Duration.ofSeconds(30), 0, Duration.ZERO, 100, Duration.ofMillis(300));
        c.deliver(fired("in-flight"));
        next();
        c.deliver(fired("queued"));

        assertTimeoutPreemptively(Duration.ofSeconds(5), c::close);
        c.deliver(fired("late"));

        assertThat(failures).containsExactly(
                "in-flight | webhook " + url + " | the channel closed while it was being sent (attempt 1)",
                "queued | webhook " + url + " | not sent within 300 ms of closing",
                "late | webhook " + url + " | the channel is closed");
    }

    @Test
    void closeSendsWhatIsQueuedFirst() throws InterruptedException {
        WebhookChannel c = channel(3, Duration.ofSeconds(1));
        for (int i = 0; i < 5; i++) {
            c.deliver(fired("r" + i));
        }

        c.close();

        assertThat(requests).hasSize(5);
        assertThat(failures).isEmpty();
    }
}
