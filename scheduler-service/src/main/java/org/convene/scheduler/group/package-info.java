/**
 * Groups of people invited together: managing their members, inviting them to meetings with a role,
 * and carrying membership changes into the future meetings that invite them.
 */
package org.convene.scheduler.group;
