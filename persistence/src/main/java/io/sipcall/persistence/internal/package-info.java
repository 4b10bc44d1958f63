/** Helpers public only because more than one persistence package uses them; not an API. */
package io.sipcall.persistence.internal;
