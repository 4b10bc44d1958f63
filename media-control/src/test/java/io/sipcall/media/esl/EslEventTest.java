package io.sipcall.media.esl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

class EslEventTest {

    private static final int BURST = 10_000;

    private FakeFreeSwitch server;
    private EslClient client;

    @BeforeEach
    void startServer() throws Exception {
        server = new FakeFreeSwitch();
    }

    @AfterEach
    void stop() throws Exception {
        if (client != null) {
            client.close();
        }
        server.close();
    }

    @ParameterizedTest
    @EnumSource(EventFormat.class)
    void a_burst_of_ten_thousand_events_arrives_complete_and_in_order(EventFormat format) throws Exception {
        // A queue far smaller than the burst: the reader must wait for room, never drop.
        Recorder recorder = connect(server.config().withEventFormat(format).withEventQueueCapacity(64), "CHANNEL_STATE");
        List<FakeEvent> burst = IntStream.rangeClosed(1, BURST).mapToObj(i -> FakeEvent.named("CHANNEL_STATE", i)
                .header("Unique-ID", "call-" + i)
                .header("Channel-Name", "sofia/internal/+4930123@example.com")).toList();

        server.session(0).sendEvents(burst);

        await().atMost(Duration.ofSeconds(60)).until(() -> recorder.events("CHANNEL_STATE").size() == BURST);
        List<EslEvent> received = recorder.events("CHANNEL_STATE");
        assertThat(received).map(event -> Integer.parseInt(event.header("Event-Sequence").orElseThrow()))
                .isEqualTo(IntStream.rangeClosed(1, BURST).boxed().toList());
        assertThat(received.get(BURST - 1).header("Channel-Name")).contains("sofia/internal/+4930123@example.com");
        assertThat(client.api("status").get(10, TimeUnit.SECONDS).body()).isEqualTo(FakeFreeSwitch.STATUS);
    }

    @ParameterizedTest
    @EnumSource(EventFormat.class)
    void header_values_and_an_inner_body_arrive_decoded(EventFormat format) throws Exception {
        Recorder recorder = connect(server.config().withEventFormat(format), "MESSAGE");
        String body = "Hello Zoë,\n\nsee you at 10:30 & bring the +49 number.\n";

        server.session(0).sendEvent(FakeEvent.named("MESSAGE", 1)
                .header("from_user", "Zoë Müller <sip:+4930123@example.com;user=phone>")
                .header("subject", "50% off: \"quoted\" [brackets] {braces} |pipes| `ticks` #hash")
                .body(body));

        await().until(() -> recorder.events("MESSAGE").size() == 1);
        EslEvent event = recorder.events("MESSAGE").get(0);
        assertThat(event.header("from_user")).contains("Zoë Müller <sip:+4930123@example.com;user=phone>");
        assertThat(event.header("subject")).contains("50% off: \"quoted\" [brackets] {braces} |pipes| `ticks` #hash");
        assertThat(event.header("Event-Date-GMT")).contains("Thu, 01 Jan 2026 11:00:00 GMT");
        assertThat(event.body()).isEqualTo(body);
    }

    @Test
    void a_failing_listener_does_not_stop_the_others_nor_later_events() throws Exception {
        client = new EslClient(server.config());
        client.addEventListener(event -> {
            throw new IllegalStateException("a broken listener");
        });
        List<String> seen = new CopyOnWriteArrayList<>();
        client.addEventListener(event -> seen.add(event.header("Unique-ID").orElse("")));
        client.subscribe("CHANNEL_ANSWER");
        client.start().get(10, TimeUnit.SECONDS);
        await().until(() -> server.session(0).subscribedTo("CHANNEL_ANSWER"));

        server.session(0).sendEvents(List.of(FakeEvent.named("CHANNEL_ANSWER", 1).header("Unique-ID", "a"),
                FakeEvent.named("CHANNEL_ANSWER", 2).header("Unique-ID", "b")));

        await().until(() -> seen.size() == 2);
        assertThat(seen).containsExactly("a", "b");
    }

    @Test
    void filters_narrow_the_events_but_heartbeats_and_job_results_still_arrive() throws Exception {
        Recorder recorder = connect(server.config(), "CHANNEL_ANSWER");

        client.filter("Unique-ID", "ours").get(10, TimeUnit.SECONDS);
        FakeEslSession session = server.session(0);
        session.sendEvent(FakeEvent.named("CHANNEL_ANSWER", 1).header("Unique-ID", "theirs"));
        session.sendEvent(FakeEvent.named("CHANNEL_ANSWER", 2).header("Unique-ID", "ours"));
        session.sendEvent(FakeEvent.heartbeat(3));
        ApiResponse job = client.bgapi("status").get(10, TimeUnit.SECONDS);

        assertThat(session.received()).containsSubsequence("filter Event-Name HEARTBEAT", "filter Event-Name BACKGROUND_JOB",
                "filter Unique-ID ours");
        await().until(() -> recorder.events("HEARTBEAT").size() == 1);
        assertThat(recorder.events("CHANNEL_ANSWER")).map(event -> event.header("Unique-ID").orElseThrow()).containsExactly("ours");
        assertThat(job.body()).isEqualTo(FakeFreeSwitch.STATUS);
    }

    private Recorder connect(EslConfig config, String eventName) throws Exception {
        client = new EslClient(config);
        Recorder recorder = Recorder.on(client);
        client.subscribe(eventName);
        client.start().get(10, TimeUnit.SECONDS);
        await().until(() -> server.session(0).subscribedTo(eventName));
        return recorder;
    }
}
