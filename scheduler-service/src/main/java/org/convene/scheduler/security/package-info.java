/**
 * Who may do what: organisers manage the meetings they organise, ops read everything and see the
 * actuator; HTTP Basic against configured users locally, JWT bearer tokens in production.
 */
package org.convene.scheduler.security;
