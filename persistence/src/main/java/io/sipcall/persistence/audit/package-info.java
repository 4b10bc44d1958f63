/**
 * The audit log: who did what, when, from where. Entries are written in the same transaction as the
 * change they describe, so a change is never without its entry. Details never hold secrets or full
 * phone numbers.
 */
package io.sipcall.persistence.audit;
