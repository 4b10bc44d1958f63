package io.sipcall.it.b2bua;

import static org.assertj.core.api.Assertions.assertThat;

import io.sipcall.it.B2buaUnderTest;
import io.sipcall.it.sipp.SipMessage.Direction;
import io.sipcall.it.sipp.Sipp;
import io.sipcall.it.sipp.SippProcess;
import io.sipcall.it.sipp.SippResult;
import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** A clean shutdown ends calls in progress with BYE on both legs, and waits for them to end. */
class ShutdownTest {

    private static final Duration RUN = Duration.ofSeconds(30);

    @ParameterizedTest
    @EnumSource(Sipp.Transport.class)
    void an_answered_call_is_hung_up_on_both_legs_when_the_b2bua_stops(Sipp.Transport transport)
            throws InterruptedException {
        B2buaUnderTest b2bua = B2buaUnderTest.start();
        try (SippProcess trunk = b2bua.callee("uas-answer.xml", transport).start();
                SippProcess caller = b2bua.caller("uac-callee-hangup.xml", transport,
                        B2buaUnderTest.numberVia(transport)).start()) {
            b2bua.events().awaitAnswered(1, Duration.ofSeconds(10));

            b2bua.close();

            SippResult callerSide = caller.awaitExit(RUN).assertSucceeded();
            SippResult trunkSide = trunk.awaitExit(RUN).assertSucceeded();
            assertThat(callerSide.messages().requests(Direction.RECEIVED, "BYE")).hasSize(1);
            assertThat(trunkSide.messages().requests(Direction.RECEIVED, "BYE")).hasSize(1);
        }
        assertThat(b2bua.events().awaitOnlyCall(Duration.ofSeconds(1))).endsWith("answered", "ended SHUTDOWN");
    }
}
