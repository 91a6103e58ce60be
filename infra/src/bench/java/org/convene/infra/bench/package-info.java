/**
 * Benchmarks that print figures, run by hand (see {@code infra/bench/}), never by Surefire or
 * Failsafe: the class names do not end in {@code Tests}.
 */
package org.convene.infra.bench;
