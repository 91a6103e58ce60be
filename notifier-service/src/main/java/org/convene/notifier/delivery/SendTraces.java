package org.convene.notifier.delivery;

import io.micrometer.tracing.Span;
import io.micrometer.tracing.Tracer;
import io.micrometer.tracing.propagation.Propagator;
import java.util.Map;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/**
 * Sends each message in the trace of the API request that caused its event: a span of that trace
 * (the traceparent stored with the event) is current while the message is written, sent and its
 * outcome logged, so the trace id is in those log lines and, with OTLP export on, the send shows in
 * the request's trace. The dispatcher works long after the listener's own span ended, on a thread
 * of its own, so the trace has to be picked up from the ledger.
 */
@Component
class SendTraces {

  private static final String TRACE_PARENT = "traceparent";

  private final Tracer tracer;
  private final Propagator propagator;

  SendTraces(ObjectProvider<Tracer> tracer, ObjectProvider<Propagator> propagator) {
    this.tracer = tracer.getIfAvailable(() -> Tracer.NOOP);
    this.propagator = propagator.getIfAvailable(() -> Propagator.NOOP);
  }

  /** A span of the trace {@code traceParent} names, current until closed; nothing without one. */
  Scope continueTrace(String traceParent) {
    if (traceParent == null) {
      return () -> {};
    }
    Span span =
        propagator
            .extract(Map.of(TRACE_PARENT, traceParent), Map::get)
            .name("convene.notifier.send")
            .kind(Span.Kind.CLIENT)
            .start();
    Tracer.SpanInScope inScope = tracer.withSpan(span);
    return () -> {
      inScope.close();
      span.end();
    };
  }

  /** The span's time as current span; closing ends it. */
  interface Scope extends AutoCloseable {
    @Override
    void close();
  }
}
