/**
 * Faults injected into a notifier that runs as its own process (killed, its database stopped, its
 * SMTP relay down), with messages counted at the SMTP server: nothing may be lost, and no more may
 * arrive twice than there were SMTP connections open at the fault.
 */
package org.convene.infra.faults;
