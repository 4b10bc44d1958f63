/**
 * Route policies shipped with SIPCall. {@link io.sipcall.sip.route.ConfiguredRoutePolicy} is the
 * default: the routing table from configuration, longest prefix first.
 *
 * <p>Threading: policies are immutable and called concurrently by many calls.
 */
package io.sipcall.sip.route;
