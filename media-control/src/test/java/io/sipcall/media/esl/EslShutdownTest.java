package io.sipcall.media.esl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EslShutdownTest {

    private final CountDownLatch release = new CountDownLatch(1);
    private FakeFreeSwitch server;
    private EslClient client;

    @BeforeEach
    void startServer() throws Exception {
        server = new FakeFreeSwitch();
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        client.close();
        server.close();
    }

    @Test
    void close_says_exit_leaves_no_thread_and_never_reconnects() throws Exception {
        client = new EslClient(server.config());
        Recorder recorder = Recorder.on(client);
        client.start().get(10, TimeUnit.SECONDS);
        assertThat(Threads.ofClient(server.port())).isNotEmpty();

        client.close();

        assertThat(server.session(0).received()).last().isEqualTo("exit");
        await().until(() -> server.session(0).isClosed());
        assertThat(client.state()).isEqualTo(EslState.CLOSED);
        assertThat(recorder.transitions()).endsWith("CONNECTED->CLOSED");
        await().atMost(Duration.ofSeconds(5)).until(() -> Threads.ofClient(server.port()).isEmpty());
        await().during(Duration.ofMillis(500)).until(() -> server.connectionCount() == 1);
    }

    @Test
    void close_fails_what_still_waits_even_when_freeswitch_is_stuck() throws Exception {
        server.onApi("stuck", (arguments, session) -> {
            release.await(10, TimeUnit.SECONDS);
            return "+OK too late\n";
        });
        client = new EslClient(server.config().withConnectTimeout(Duration.ofMillis(500)));
        client.start().get(10, TimeUnit.SECONDS);
        CompletableFuture<ApiResponse> job = client.bgapi("stuck");
        CompletableFuture<ApiResponse> stuck = client.api("stuck");
        await().until(() -> server.session(0).received().contains("api stuck"));

        client.close();

        assertClosed(stuck);
        assertClosed(job);
        assertClosed(client.api("status"));
        assertThatThrownBy(() -> client.start().get(1, TimeUnit.SECONDS)).cause().isInstanceOf(EslConnectionException.class);
        await().atMost(Duration.ofSeconds(5)).until(() -> Threads.ofClient(server.port()).isEmpty());
    }

    @Test
    void close_while_waiting_to_reconnect_stops_the_attempts() throws Exception {
        server.hangUpBeforeGreeting(1_000);
        client = new EslClient(server.config());
        client.start();
        await().until(() -> server.connectionCount() >= 2);

        client.close();
        client.close();

        assertThat(client.state()).isEqualTo(EslState.CLOSED);
        int attempts = server.connectionCount();
        await().during(Duration.ofMillis(700)).until(() -> server.connectionCount() == attempts);
        await().atMost(Duration.ofSeconds(5)).until(() -> Threads.ofClient(server.port()).isEmpty());
    }

    private static void assertClosed(CompletableFuture<ApiResponse> future) {
        assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(EslConnectionException.class).hasMessageContaining("closed");
    }
}
