/**
 * A harness for end-to-end tests with SIPp 3.6.1 on both sides of the B2BUA: a SIPp UAC (the
 * caller, gateway side) calls the B2BUA, which calls a SIPp UAS (the trunk/callee).
 *
 * <p>{@link io.sipcall.it.sipp.Sipp} configures and starts one SIPp process on a scenario from
 * {@code src/test/resources/sipp/} (each file's header comment gives its flow and what it needs);
 * {@link io.sipcall.it.sipp.SippProcess} is the running process and
 * {@link io.sipcall.it.sipp.SippResult} how it ended; {@link io.sipcall.it.sipp.SipMessages} parses
 * the messages SIPp traced; {@link io.sipcall.it.sipp.FreePorts} hands out ports free for UDP and TCP.
 * Scenarios under {@code sipp/selftest/} exist only to validate the others directly, UAC against UAS
 * with nothing in between. {@code sipp/README.md} lists the pairs and the SIPp 3.6.1 quirks they
 * work around (one matters for B2BUA configurations: a SIPp UAS fails its call on any out-of-dialog
 * request, so trunk OPTIONS keep-alives must be off).
 *
 * <p>Typical use, a UAS started first so it listens before the call:
 * <pre>{@code
 * try (SippProcess callee = Sipp.scenario("uas-answer.xml").transport(UDP).start()) {
 *     // route the B2BUA to 127.0.0.1:callee.localPort(), then:
 *     SippResult caller = Sipp.scenario("uac-basic.xml").remote("127.0.0.1", b2buaPort)
 *             .service("4930123456").pause(Duration.ofMillis(200)).run(Duration.ofSeconds(20));
 *     caller.assertSucceeded();
 *     callee.awaitExit(Duration.ofSeconds(5)).assertSucceeded();
 * }
 * }</pre>
 *
 * <p>Linux only: readiness is read from {@code /proc}. Threading: a {@code Sipp} builder belongs to
 * one thread; {@code SippProcess}, {@code SippResult}, {@code SipMessages} and {@code FreePorts} are
 * safe to share.
 */
package io.sipcall.it.sipp;
