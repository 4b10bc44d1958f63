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

class EslCommandTest {

    private static final Duration LONG = Duration.ofSeconds(10);

    private final CountDownLatch release = new CountDownLatch(1);
    private FakeFreeSwitch server;
    private EslClient client;
    private Recorder recorder;

    @BeforeEach
    void connect() throws Exception {
        server = new FakeFreeSwitch();
        client = new EslClient(server.config().withCommandTimeout(Duration.ofMillis(300)));
        recorder = Recorder.on(client);
        client.start().get(10, TimeUnit.SECONDS);
    }

    @AfterEach
    void stop() throws Exception {
        release.countDown();
        client.close();
        server.close();
    }

    @Test
    void api_completes_with_the_body_of_the_api_response() throws Exception {
        ApiResponse response = client.api("status", LONG).get(10, TimeUnit.SECONDS);

        assertThat(response.body()).isEqualTo(FakeFreeSwitch.STATUS);
        assertThat(response.isError()).isFalse();
        assertThat(server.session(0).received()).contains("api status");
    }

    @Test
    void an_err_response_is_recognised_as_an_error() throws Exception {
        ApiResponse response = client.api("nosuch with arguments", LONG).get(10, TimeUnit.SECONDS);

        assertThat(response.isError()).isTrue();
        assertThat(response.text()).isEqualTo("-ERR nosuch Command not found!");
        assertThatThrownBy(response::orThrow).isInstanceOf(EslCommandException.class).hasMessage("-ERR nosuch Command not found!");
    }

    @Test
    void bgapi_completes_with_the_background_job_that_carries_its_job_uuid() throws Exception {
        String foreignJob = "0a1b2c3d-0000-4000-8000-000000000000";
        server.onApi("originate", (arguments, session) -> {
            session.sendEvent(FakeEvent.backgroundJob(foreignJob, "status", "", "+OK someone else's job\n"));
            return "+OK 7f4de4bc-17d7-11dd-b7a0-db4edd065621\n";
        });

        ApiResponse result = client.bgapi("originate sofia/gateway/trunk/4930123 &park()", LONG).get(10, TimeUnit.SECONDS);

        assertThat(result.text()).isEqualTo("+OK 7f4de4bc-17d7-11dd-b7a0-db4edd065621");
        String sent = server.session(0).received().stream().filter(c -> c.startsWith("bgapi")).findFirst().orElseThrow();
        assertThat(sent).startsWith("bgapi originate sofia/gateway/trunk/4930123 &park()\nJob-UUID: ");
        await().until(() -> recorder.events("BACKGROUND_JOB").size() == 2);
        assertThat(recorder.events("BACKGROUND_JOB")).map(event -> event.header("Job-UUID").orElseThrow())
                .containsExactly(foreignJob, sent.substring(sent.indexOf("Job-UUID: ") + 10));
    }

    @Test
    void a_slow_reply_times_out_and_the_next_command_still_gets_its_own_reply() throws Exception {
        server.onApi("slow", (arguments, session) -> {
            release.await(10, TimeUnit.SECONDS);
            return "+OK the slow one\n";
        });

        CompletableFuture<ApiResponse> slow = client.api("slow");
        assertThatThrownBy(() -> slow.get(10, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
                .cause().isInstanceOf(EslTimeoutException.class).hasMessageContaining("'api slow'");
        CompletableFuture<ApiResponse> next = client.api("status", LONG);
        release.countDown();

        assertThat(next.get(10, TimeUnit.SECONDS).body()).isEqualTo(FakeFreeSwitch.STATUS);
        assertThat(client.api("nosuch", LONG).get(10, TimeUnit.SECONDS).text()).isEqualTo("-ERR nosuch Command not found!");
        assertThat(client.state()).isEqualTo(EslState.CONNECTED);
        assertThat(server.connectionCount()).isEqualTo(1);
    }

    @Test
    void send_command_completes_with_the_command_reply() throws Exception {
        CommandReply unknown = client.sendCommand("nosuchcommand").get(10, TimeUnit.SECONDS);
        CommandReply noEvents = client.sendCommand("noevents").get(10, TimeUnit.SECONDS);

        assertThat(unknown.isOk()).isFalse();
        assertThat(unknown.replyText()).isEqualTo("-ERR command not found");
        assertThat(noEvents.replyText()).isEqualTo("+OK no longer listening for events");
        assertThat(noEvents.headers()).containsEntry("Content-Type", "command/reply");
    }

    @Test
    void commands_that_would_break_the_framing_are_refused_before_sending() {
        assertThatThrownBy(() -> client.api("status\n\nexit")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.bgapi("status\nJob-UUID: forged")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.sendCommand("noevents\n\nexit")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.filter("Unique-ID", "abc\nexit")).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> client.subscribe("CHANNEL_ANSWER HEARTBEAT")).isInstanceOf(IllegalArgumentException.class);

        await().during(Duration.ofMillis(200)).until(() -> server.session(0).received().size() == 2);
        assertThat(server.session(0).received()).containsExactly("auth ClueCon", "event plain HEARTBEAT BACKGROUND_JOB");
    }

    @Test
    void commands_fail_at_once_while_not_connected() {
        EslClient idle = new EslClient(server.config());
        try {
            CompletableFuture<ApiResponse> response = idle.api("status");

            assertThat(response).isCompletedExceptionally();
            assertThatThrownBy(response::join).cause().isInstanceOf(EslConnectionException.class)
                    .hasMessageContaining("not connected (NEW)");
        } finally {
            idle.close();
        }
    }
}
