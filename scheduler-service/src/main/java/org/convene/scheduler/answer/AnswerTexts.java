package org.convene.scheduler.answer;

import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.ResourceBundle;
import org.springframework.stereotype.Component;

/**
 * The answer pages' texts in English and Simplified Chinese, from {@code answer/texts*.properties}.
 * Kept apart from the application's message source, which other pages own.
 */
@Component
class AnswerTexts {

  static final Locale CHINESE = Locale.SIMPLIFIED_CHINESE;

  private final Map<Locale, Map<String, String>> byLocale = new HashMap<>();

  AnswerTexts() {
    for (Locale locale : List.of(Locale.ENGLISH, CHINESE)) {
      ResourceBundle bundle =
          ResourceBundle.getBundle(
              "answer/texts",
              locale,
              ResourceBundle.Control.getNoFallbackControl(
                  ResourceBundle.Control.FORMAT_PROPERTIES));
      Map<String, String> texts = new HashMap<>();
      bundle.keySet().forEach(key -> texts.put(key, bundle.getString(key)));
      byLocale.put(locale, Map.copyOf(texts));
    }
  }

  /** The language the reader asked for first among those the pages speak; English otherwise. */
  static Locale choose(List<Locale> accepted) {
    for (Locale locale : accepted) {
      if ("zh".equals(locale.getLanguage())) {
        return CHINESE;
      }
      if ("en".equals(locale.getLanguage())) {
        return Locale.ENGLISH;
      }
    }
    return Locale.ENGLISH;
  }

  Map<String, String> of(Locale locale) {
    return byLocale.get(CHINESE.equals(locale) ? CHINESE : Locale.ENGLISH);
  }
}
