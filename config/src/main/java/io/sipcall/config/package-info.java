/**
 * Typed, immutable configuration for SIPCall: records handed down through constructors, never
 * looked up statically. {@link io.sipcall.config.ConfigLoader} reads one YAML file over the built-in
 * defaults, applies {@code SIPCALL_*} environment overrides and validates the result; every failure
 * is a {@link io.sipcall.config.ConfigException} that names the offending key.
 *
 * <p>Threading: all types here are immutable and safe to share between threads.
 */
package io.sipcall.config;
