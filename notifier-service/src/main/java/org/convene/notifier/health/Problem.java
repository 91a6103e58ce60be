package org.convene.notifier.health;

import com.fasterxml.jackson.annotation.JsonValue;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import org.springframework.context.MessageSourceResolvable;

/**
 * One figure beyond its threshold, as a sentence: a message key of the console's bundles with its
 * arguments, so that the page says it in the viewer's language, and the English sentence that the
 * JSON carries for scripts and alerts.
 *
 * @param code the message key, {@code health.problem.*}
 * @param arguments the counts and names the sentence needs
 * @param text the sentence in English
 */
record Problem(String code, List<Object> arguments, String text)
    implements MessageSourceResolvable {

  Problem {
    arguments = Collections.unmodifiableList(new ArrayList<>(arguments));
  }

  @Override
  public String[] getCodes() {
    return new String[] {code};
  }

  @Override
  public Object[] getArguments() {
    return arguments.toArray();
  }

  @Override
  public String getDefaultMessage() {
    return text;
  }

  @JsonValue
  @Override
  public String text() {
    return text;
  }
}
