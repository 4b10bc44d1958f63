package io.sipcall.media.esl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class EslReconnectTest {

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
        if (client != null) {
            client.close();
        }
        server.close();
    }

    @Test
    void a_connection_dropped_mid_reply_fails_everything_pending_then_reconnects_and_subscribes_again() throws Exception {
        server.onApi("sleepy", (arguments, session) -> {
            release.await(10, TimeUnit.SECONDS);
            return "+OK finally\n";
        });
        server.onApi("crash", (arguments, session) -> {
            throw new FakeFreeSwitch.HangUp(EslWire.utf8("Content-Type: api/response\nContent-Length: 40\n\n+OK half a re"));
        });
        client = new EslClient(server.config());
        Recorder recorder = Recorder.on(client);
        client.subscribe("CHANNEL_ANSWER", "CUSTOM", "sofia::register");
        client.filter("Unique-ID", "abc");
        client.start().get(10, TimeUnit.SECONDS);

        CompletableFuture<ApiResponse> job = client.bgapi("sleepy");
        CompletableFuture<ApiResponse> crash = client.api("crash");

        assertFailsWithConnectionLost(crash);
        assertFailsWithConnectionLost(job);
        await().until(() -> client.state() == EslState.CONNECTED && server.connectionCount() == 2);
        await().until(() -> server.session(1).received().size() == 5);
        assertThat(server.session(1).received()).containsExactly("auth ClueCon",
                "event plain HEARTBEAT BACKGROUND_JOB CHANNEL_ANSWER CUSTOM sofia::register",
                "filter Event-Name HEARTBEAT", "filter Event-Name BACKGROUND_JOB", "filter Unique-ID abc");
        assertThat(recorder.transitions()).containsSubsequence("CONNECTING->CONNECTED", "CONNECTED->DISCONNECTED",
                "DISCONNECTED->CONNECTING", "CONNECTING->CONNECTED");
        assertThat(client.api("status").get(10, TimeUnit.SECONDS).body()).isEqualTo(FakeFreeSwitch.STATUS);
    }

    @Test
    void heartbeats_keep_the_connection_and_their_loss_makes_the_client_reconnect() throws Exception {
        client = new EslClient(server.config().withHeartbeatWindow(Duration.ofMillis(1500)));
        Recorder recorder = Recorder.on(client);
        client.start().get(10, TimeUnit.SECONDS);
        await().until(() -> server.session(0).subscribedTo("HEARTBEAT"));

        server.sendHeartbeatsEvery(Duration.ofMillis(100));
        // Heartbeats every 100 ms against a 1.5 s window: a loaded machine has ample slack.
        await().during(Duration.ofMillis(2000)).atMost(Duration.ofSeconds(6))
                .until(() -> server.connectionCount() == 1 && client.state() == EslState.CONNECTED);
        server.stopHeartbeats();

        await().atMost(Duration.ofSeconds(10)).until(() -> server.connectionCount() >= 2);
        assertThat(recorder.events("HEARTBEAT")).isNotEmpty();
        assertThat(recorder.causes()).first(InstanceOfAssertFactories.THROWABLE).isInstanceOf(EslConnectionException.class)
                .hasMessageContaining("not even a HEARTBEAT");
    }

    @Test
    void a_disconnect_notice_fails_pending_commands_with_its_text_and_the_client_reconnects() throws Exception {
        server.onApi("fsctl", (arguments, session) -> {
            throw new FakeFreeSwitch.HangUp(EslWire.disconnectNotice("The system is being shut down.\n"));
        });
        client = new EslClient(server.config());
        client.start().get(10, TimeUnit.SECONDS);

        CompletableFuture<ApiResponse> shutdown = client.api("fsctl shutdown");

        assertThatThrownBy(() -> shutdown.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(EslConnectionException.class)
                .hasMessageContaining("FreeSWITCH disconnected: The system is being shut down.");
        await().until(() -> client.state() == EslState.CONNECTED && server.connectionCount() == 2);
    }

    private static void assertFailsWithConnectionLost(CompletableFuture<ApiResponse> future) {
        assertThatThrownBy(() -> future.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(EslConnectionException.class).hasMessageContaining("connection lost");
    }
}
