/**
 * The Javalin HTTP API, live events, metrics and health. Filled by the HTTP API change; empty until then.
 */
package io.sipcall.http;
