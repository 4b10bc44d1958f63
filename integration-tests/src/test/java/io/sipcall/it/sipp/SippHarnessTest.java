package io.sipcall.it.sipp;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.sipcall.it.sipp.ScenarioPairsTest.Outcome;
import io.sipcall.it.sipp.Sipp.Transport;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.CleanupMode;
import org.junit.jupiter.api.io.TempDir;

/** The harness itself: readiness, failure reports, timeouts, templates and the command line. */
class SippHarnessTest {

    @TempDir(cleanup = CleanupMode.ON_SUCCESS)
    Path runs;

    @Test
    void mismatched_pair_fails_with_the_errors_log_in_the_assertion() {
        Outcome outcome = ScenarioPairsTest.call(Transport.UDP,
                Sipp.scenario("uas-answer.xml").workDir(runs),
                Sipp.scenario("uac-expect-status.xml").templateParam("status", "486").workDir(runs));

        SippResult caller = outcome.caller().assertFailed();
        assertThat(caller.exitCode()).isEqualTo(SippResult.EXIT_SOME_CALL_FAILED);
        assertThat(caller.failedCalls()).hasValue(1);
        assertThat(caller.errors()).contains("Aborting call on unexpected message", "received 'SIP/2.0 200 OK");
        assertThatThrownBy(caller::assertSucceeded)
                .isInstanceOf(AssertionError.class)
                .hasMessageContaining("uac-expect-status.xml")
                .hasMessageContaining("exit code 1 (at least one call failed)")
                .hasMessageContaining("--- errors log ---")
                .hasMessageContaining("Aborting call on unexpected message")
                .hasMessageContaining("--- final scenario screen ---")
                .hasMessageContaining("INVITE ---------->");
    }

    @Test
    void failed_header_check_fails_the_callee() {
        Outcome outcome = ScenarioPairsTest.call(Transport.UDP,
                Sipp.scenario("uas-check-max-forwards.xml").templateParam("max_forwards", "69").workDir(runs),
                Sipp.scenario("uac-basic.xml").workDir(runs));

        outcome.callee().assertFailed();
        assertThatThrownBy(outcome.callee()::assertSucceeded)
                .hasMessageContaining("Failed regexp match")
                .hasMessageContaining("^ *69 *$");
    }

    @Test
    void caller_fails_when_nobody_answers() {
        int silentPort = FreePorts.udpAndTcp();

        SippResult caller = Sipp.scenario("uac-basic.xml").workDir(runs)
                .remote("127.0.0.1", silentPort)
                .recvTimeout(Duration.ofMillis(300))
                .run(Duration.ofSeconds(10));

        caller.assertFailed();
        assertThat(caller.killed()).isFalse();
        assertThat(caller.failedCalls()).hasValue(1);
        assertThat(caller.errors()).contains("receive timeout");
    }

    @Test
    void callee_without_a_call_fails_at_the_global_timeout() {
        SippResult callee = Sipp.scenario("uas-answer.xml").workDir(runs)
                .globalTimeout(Duration.ofSeconds(1))
                .run(Duration.ofSeconds(10));

        assertThat(callee.exitCode()).isEqualTo(SippResult.EXIT_FATAL_ERROR);
        assertThatThrownBy(callee::assertSucceeded).hasMessageContaining("timed out after");
    }

    @Test
    void await_exit_kills_a_run_that_overstays_and_never_reports_it_as_success() {
        try (SippProcess callee = Sipp.scenario("uas-answer.xml").workDir(runs).start()) {
            SippResult result = callee.awaitExit(Duration.ofMillis(100));

            assertThat(callee.isAlive()).isFalse();
            assertThat(result.timedOut()).isTrue();
            assertThat(result.killed()).isTrue();
            assertThatThrownBy(result::assertSucceeded).hasMessageContaining("did not exit in time and was killed");
            assertThatThrownBy(result::assertFailed).hasMessageContaining("did not exit in time");
        }
    }

    @Test
    void start_returns_once_a_tcp_callee_listens() throws IOException {
        try (SippProcess callee = Sipp.scenario("uas-answer.xml").workDir(runs).transport(Transport.TCP).start();
             Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(callee.localIp(), callee.localPort()), 1000);

            assertThat(socket.isConnected()).isTrue();
            assertThat(callee.isAlive()).isTrue();
        }
    }

    @Test
    void start_fails_fast_when_a_given_port_is_taken() throws IOException {
        try (SippProcess first = Sipp.scenario("uas-answer.xml").workDir(runs).start()) {
            Sipp second = Sipp.scenario("uas-answer.xml").workDir(runs).localPort(first.localPort());

            assertThatThrownBy(second::start)
                    .isInstanceOf(IllegalStateException.class)
                    .hasMessageContaining("could not bind 127.0.0.1:" + first.localPort())
                    .hasMessageContaining("254");
        }
    }

    @Test
    void several_calls_with_statistics_are_all_counted() {
        Outcome outcome = ScenarioPairsTest.call(Transport.UDP,
                Sipp.scenario("uas-answer.xml").workDir(runs).calls(3),
                Sipp.scenario("uac-basic.xml").workDir(runs).calls(3).rate(20, Duration.ofSeconds(1)).callLimit(2)
                        .statistics(Duration.ofSeconds(1)).traceMessages(false).maxRecvLoops(500).maxSchedLoops(500));

        outcome.assertBothSucceeded();
        assertThat(outcome.caller().successfulCalls()).hasValue(3);
        assertThat(outcome.callee().successfulCalls()).hasValue(3);
        assertThat(outcome.caller().statisticsFile()).hasValueSatisfying(csv ->
                assertThat(csv).content().contains("SuccessfulCall(C)"));
        assertThat(outcome.caller().messagesLog()).isEmpty();
    }

    @Test
    void command_line_carries_every_option() {
        Path scenario = Path.of("/tmp/x/uac-basic.xml");

        String command = String.join(" ", Sipp.scenario("uac-basic.xml")
                .transport(Transport.TCP).localIp("127.0.0.2").mediaPort(16000).remote("127.0.0.3", 5070)
                .calls(10).rate(2.5, Duration.ofMillis(500)).callLimit(4).pause(Duration.ofMillis(250))
                .service("4930123456").key("reason", "Busy Here").set("who", "me")
                .recvTimeout(Duration.ofSeconds(3)).globalTimeout(Duration.ofMillis(1500))
                .statistics(Duration.ofSeconds(2)).maxRecvLoops(7).maxSchedLoops(8).noRetransmissions()
                .extraArgs("-base_cseq", "10")
                .command(scenario, 5099));

        assertThat(command).isEqualTo("sipp 127.0.0.3:5070 -sf /tmp/x/uac-basic.xml -t t1 -i 127.0.0.2 -p 5099 -mp 16000"
                + " -m 10 -r 2.5 -rp 500 -l 4 -d 250 -s 4930123456 -key reason Busy Here -set who me"
                + " -recv_timeout 3000 -timeout 2s -timeout_error -nostdin -trace_err -error_file errors.log"
                + " -trace_screen -screen_file screen.log -trace_msg -message_file messages.log"
                + " -trace_stat -stf stats.csv -fd 2s -max_recv_loops 7 -max_sched_loops 8 -nr -base_cseq 10");
    }

    @Test
    void role_comes_from_the_scenario() {
        assertThat(Sipp.scenario("uac-basic.xml").role()).isEqualTo(Sipp.Role.CLIENT);
        assertThat(Sipp.scenario("uas-answer.xml").role()).isEqualTo(Sipp.Role.SERVER);
    }

    @Test
    void client_without_a_remote_is_refused() {
        assertThatThrownBy(() -> Sipp.scenario("uac-basic.xml").start())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("remote(host, port)");
    }

    @Test
    void template_parameters_fill_the_scenario_copy() throws IOException {
        try (SippProcess callee = Sipp.scenario("uas-reject.xml").workDir(runs)
                .templateParam("status", "486").templateParam("reason", "Busy Here").start()) {
            String copy = Files.readString(callee.workDir().resolve("uas-reject.xml"));

            assertThat(copy).contains("SIP/2.0 486 Busy Here").doesNotContain("{{");
        }
    }

    @Test
    void missing_or_unused_template_parameters_are_refused() {
        assertThatThrownBy(() -> Sipp.scenario("uas-reject.xml").templateParam("status", "486").renderScenario())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("missing [reason]");
        assertThatThrownBy(() -> Sipp.scenario("uac-basic.xml").templateParam("status", "486").renderScenario())
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("not used by the scenario [status]");
        assertThatThrownBy(() -> Sipp.scenario("uas-reject.xml").templateParam("reason", "<Busy>"))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void unknown_scenario_is_refused() {
        assertThatThrownBy(() -> Sipp.scenario("no-such.xml"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("/sipp/no-such.xml");
    }
}
