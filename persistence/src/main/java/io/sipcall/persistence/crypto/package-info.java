/**
 * Encryption at rest: {@link io.sipcall.persistence.crypto.FieldCipher} encrypts single values
 * (phone numbers, trunk secrets) with AES-256-GCM under a key id, and
 * {@link io.sipcall.persistence.crypto.LookupHash} hashes normalised numbers with HMAC-SHA256 so
 * they can be searched without decrypting. Both are immutable and thread-safe.
 */
package io.sipcall.persistence.crypto;
