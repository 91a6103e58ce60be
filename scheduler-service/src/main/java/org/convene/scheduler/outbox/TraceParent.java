package org.convene.scheduler.outbox;

import io.micrometer.tracing.TraceContext;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.HashMap;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * The current trace as a W3C {@code traceparent} value, stored with an outbox event: the relay
 * sends the event later on a thread of its own, outside the request's trace, so the context has to
 * travel in the row.
 */
@Component
class TraceParent {

  /** The header name of W3C Trace Context, also the Kafka header the relay writes. */
  static final String HEADER = "traceparent";

  private final Tracer tracer;
  private final Propagator propagator;

  TraceParent(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
    this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
    this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
  }

  /** The current trace's traceparent, or null outside a trace. */
  String current() {
    TraceContext context = tracer.currentTraceContext().context();
    if (context == null) {
      return null;
    }
    Map<String, String> carrier = new HashMap<>();
    propagator.inject(context, carrier, Map::put);
    return carrier.get(HEADER);
  }
}
