/**
 * The gateway side's front door: who may call and register. {@link io.sipcall.sip.gateway.GatewayAuthenticator}
 * decides per request (digest against HA1 credentials, or a trusted peer asserting the user), with
 * sources that keep failing blocked for a while; {@link io.sipcall.sip.gateway.Registrar} keeps the
 * users' registered contacts.
 *
 * <p>Threading: both are thread-safe and called on the stack's threads; they never block.
 */
package io.sipcall.sip.gateway;
