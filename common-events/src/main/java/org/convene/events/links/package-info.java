/**
 * The format of the signed answer links that invitations carry: the scheduler verifies them, the
 * service that writes the invitations mints them, so both share this one pure-Java definition.
 */
package org.convene.events.links;
