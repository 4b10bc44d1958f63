package io.sipcall.media.esl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import io.sipcall.config.Secret;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EslConnectTest {

    private FakeFreeSwitch server;
    private EslClient client;

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    @Test
    void the_client_authenticates_subscribes_and_reports_connected() throws Exception {
        server = new FakeFreeSwitch();
        client = new EslClient(server.config());
        Recorder recorder = Recorder.on(client);

        client.start().get(10, TimeUnit.SECONDS);

        assertThat(client.state()).isEqualTo(EslState.CONNECTED);
        await().until(() -> server.session(0).received().size() == 2);
        assertThat(server.session(0).received()).containsExactly("auth ClueCon", "event plain HEARTBEAT BACKGROUND_JOB");
        await().until(() -> recorder.transitions().size() == 2);
        assertThat(recorder.transitions()).containsExactly("NEW->CONNECTING", "CONNECTING->CONNECTED");
    }

    @Test
    void a_wrong_password_fails_the_client_and_is_never_retried_nor_logged() throws Exception {
        server = new FakeFreeSwitch();
        String wrong = "wrong-secret-42";
        try (LogCapture logs = new LogCapture()) {
            client = new EslClient(server.config().withPassword(new Secret(wrong)));

            CompletableFuture<Void> started = client.start();

            assertThatThrownBy(() -> started.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                    .cause().isInstanceOf(EslAuthenticationException.class)
                    .hasMessageContaining("-ERR invalid").hasMessageNotContaining(wrong);
            assertThat(client.state()).isEqualTo(EslState.FAILED);
            await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(() -> server.connectionCount() == 1);
            await().until(() -> Threads.ofClient(server.port()).isEmpty());
            assertThat(logs.lines()).isNotEmpty().noneMatch(line -> line.contains(wrong));
        }
    }

    @Test
    void a_rude_rejection_fails_the_client_and_is_never_retried() throws Exception {
        server = new FakeFreeSwitch();
        server.rejectByAcl();
        client = new EslClient(server.config());
        Recorder recorder = Recorder.on(client);

        CompletableFuture<Void> started = client.start();

        assertThatThrownBy(() -> started.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(EslRejectedException.class).hasMessageContaining("Access Denied, go away.");
        await().during(Duration.ofMillis(600)).atMost(Duration.ofSeconds(5)).until(() -> server.connectionCount() == 1);
        assertThat(recorder.transitions()).containsExactly("NEW->CONNECTING", "CONNECTING->FAILED");
        assertThat(recorder.causes()).singleElement().isInstanceOf(EslRejectedException.class);
    }

    @Test
    void the_password_never_reaches_the_logs_even_at_trace_level() throws Exception {
        server = new FakeFreeSwitch("s3cret-Pa55");
        try (LogCapture logs = new LogCapture()) {
            client = new EslClient(server.config());
            client.start().get(10, TimeUnit.SECONDS);
            client.api("status").get(10, TimeUnit.SECONDS);
            client.close();

            assertThat(logs.lines()).anyMatch(line -> line.contains("api status")).noneMatch(line -> line.contains("s3cret-Pa55"));
            assertThat(server.config().toString()).doesNotContain("s3cret-Pa55");
        }
    }

    @Test
    void failed_connection_attempts_are_retried_with_growing_delays() throws Exception {
        server = new FakeFreeSwitch();
        server.hangUpBeforeGreeting(4);
        client = new EslClient(server.config().withReconnectDelays(Duration.ofMillis(50), Duration.ofSeconds(2), 0.2));

        client.start().get(20, TimeUnit.SECONDS);

        assertThat(server.connectionCount()).isEqualTo(5);
        var accepted = server.acceptedAtNanos();
        for (int gap = 0; gap < 4; gap++) {
            long minimum = Math.round(50 * Math.pow(2, gap) * 0.8);
            assertThat(TimeUnit.NANOSECONDS.toMillis(accepted.get(gap + 1) - accepted.get(gap)))
                    .as("delay before attempt %d", gap + 2).isGreaterThanOrEqualTo(minimum);
        }
    }
}
