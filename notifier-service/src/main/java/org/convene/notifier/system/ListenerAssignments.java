package org.convene.notifier.system;

import java.util.Collection;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.common.TopicPartition;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.health.contributor.Health;
import org.springframework.boot.health.contributor.HealthIndicator;
import org.springframework.boot.health.contributor.Status;
import org.springframework.kafka.config.KafkaListenerEndpointRegistry;
import org.springframework.kafka.listener.ConsumerAwareRebalanceListener;
import org.springframework.kafka.listener.MessageListenerContainer;

/**
 * Whether every listener container has joined its consumer group and been given its share of the
 * partitions: until then the notifier reads no event, so it is not ready, however well the rest of
 * it started. A member given no partition (more instances than partitions) counts as assigned: it
 * stands by, as the group decided.
 *
 * <p>Part of the readiness group and, like every indicator, of the overall health, which is what
 * the local stack waits for.
 */
final class ListenerAssignments implements ConsumerAwareRebalanceListener, HealthIndicator {

  private final ObjectProvider<KafkaListenerEndpointRegistry> registry;
  private final Map<String, Boolean> assignedGroups = new ConcurrentHashMap<>();

  ListenerAssignments(ObjectProvider<KafkaListenerEndpointRegistry> registry) {
    this.registry = registry;
  }

  @Override
  public void onPartitionsAssigned(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    assignedGroups.put(consumer.groupMetadata().groupId(), true);
  }

  @Override
  public void onPartitionsLost(Consumer<?, ?> consumer, Collection<TopicPartition> partitions) {
    // Lost, not handed over: this member was dropped from the group and must join it again.
    assignedGroups.put(consumer.groupMetadata().groupId(), false);
  }

  @Override
  public Health health() {
    Set<String> waiting =
        registry.getObject().getListenerContainers().stream()
            .filter(
                container ->
                    !container.isRunning()
                        || !assignedGroups.getOrDefault(container.getGroupId(), false))
            .map(MessageListenerContainer::getGroupId)
            .collect(Collectors.toCollection(TreeSet::new));
    return waiting.isEmpty()
        ? Health.up().build()
        : Health.status(Status.OUT_OF_SERVICE).withDetail("waitingForPartitions", waiting).build();
  }
}
