package io.sipcall.media.esl;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

class SubscriptionsTest {

    @Test
    void heartbeat_and_background_job_are_always_subscribed() {
        assertThat(new Subscriptions(EventFormat.PLAIN).commands()).containsExactly("event plain HEARTBEAT BACKGROUND_JOB");
    }

    @Test
    void custom_subclasses_are_written_after_every_plain_event_name() {
        Subscriptions subscriptions = new Subscriptions(EventFormat.JSON);

        subscriptions.subscribe(List.of("CUSTOM", "sofia::register"));
        String command = subscriptions.subscribe(List.of("CHANNEL_ANSWER", "CHANNEL_ANSWER"));

        assertThat(command).isEqualTo("event json HEARTBEAT BACKGROUND_JOB CHANNEL_ANSWER CUSTOM sofia::register");
    }

    @Test
    void the_first_filter_comes_with_filters_that_keep_heartbeat_and_background_job_flowing() {
        Subscriptions subscriptions = new Subscriptions(EventFormat.PLAIN);

        List<String> first = subscriptions.filter("Unique-ID", "abc");
        List<String> second = subscriptions.filter("Unique-ID", "def");

        assertThat(first).containsExactly("filter Event-Name HEARTBEAT", "filter Event-Name BACKGROUND_JOB", "filter Unique-ID abc");
        assertThat(second).containsExactly("filter Unique-ID def");
        assertThat(subscriptions.commands()).containsExactly("event plain HEARTBEAT BACKGROUND_JOB",
                "filter Event-Name HEARTBEAT", "filter Event-Name BACKGROUND_JOB", "filter Unique-ID abc", "filter Unique-ID def");
    }
}
