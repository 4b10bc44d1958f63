/**
 * A test kit for route policies: build a call, run it through any
 * {@link io.sipcall.sip.port.RoutePolicy} (optionally behind the toll-fraud guard), and assert on the
 * decision in telephony terms, without a network, a SIP stack or YAML.
 *
 * <pre>{@code
 * import static io.sipcall.sip.route.testkit.RoutePolicyTestKit.*;
 *
 * call("030 1234567").from(user("alice").country("DE").callerId("+4930999"))
 *         .through(policy)
 *         .assertRoutedTo("telnyx").withNumber("+49301234567").withCallerId("+4930999");
 * call("030").from(user("alice").country("DE"))
 *         .through(policy)
 *         .assertRejected(484).withReasonContaining("too short");
 * }</pre>
 *
 * <p>It ships in the sip-core jar so that a deployment's own policies can be tested with it. It
 * depends on no test framework: failed assertions throw {@link java.lang.AssertionError}, which
 * JUnit, TestNG and Spock all report as failures. Everything here is immutable apart from
 * {@link io.sipcall.sip.route.testkit.TestClock} and the ledger of a
 * {@link io.sipcall.sip.route.testkit.GuardedPolicy}.
 */
package io.sipcall.sip.route.testkit;
