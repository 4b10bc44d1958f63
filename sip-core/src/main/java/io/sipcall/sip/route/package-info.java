/**
 * Route policies shipped with SIPCall. {@link io.sipcall.sip.route.DefaultRoutePolicy} is the default
 * (E.164 with libphonenumber, least cost by rate);
 * {@link io.sipcall.sip.route.DirectoryRoutePolicy} is the same over a directory whose trunks and rates
 * change at run time; {@link io.sipcall.sip.route.TollFraudGuard} is wrapped
 * around whatever policy runs. {@link io.sipcall.sip.route.ConfiguredRoutePolicy} routes the dialled
 * string as it is, by longest prefix, for setups whose numbers are not phone numbers.
 *
 * <p>Threading: policies are immutable (the directory-following one swaps immutable tables) and called
 * concurrently by many calls.
 */
package io.sipcall.sip.route;
