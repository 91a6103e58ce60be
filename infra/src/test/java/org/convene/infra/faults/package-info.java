/**
 * Faults injected into a notifier that runs as its own process (killed, its database stopped, its
 * SMTP relay down, its broker restarted), with messages counted at the SMTP server: nothing may be
 * lost, and no more may arrive twice than there were SMTP connections open at the fault. The {@code
 * *IntegrationTests} run in the build; {@link org.convene.infra.faults.SoakRun}, the same faults at
 * random under steady load for an hour, is run by hand ({@code infra/bench/run-soak.sh}).
 */
package org.convene.infra.faults;
