package org.convene.scheduler.web;

import java.util.Locale;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.LocaleResolver;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.springframework.web.servlet.i18n.CookieLocaleResolver;
import org.springframework.web.servlet.i18n.LocaleChangeInterceptor;

/**
 * The pages speak English or Simplified Chinese: the browser's language first, then the one the
 * person chose with the switch ({@code ?lang=zh-CN}), remembered in a cookie.
 */
@Configuration(proxyBeanMethods = false)
class PageLocaleConfiguration implements WebMvcConfigurer {

  static final String LANGUAGE_PARAMETER = "lang";

  /**
   * Named as the dispatcher looks it up; without a cookie it answers as the Accept-Language header
   * asks, as before.
   */
  @Bean
  LocaleResolver localeResolver() {
    CookieLocaleResolver resolver = new CookieLocaleResolver("convene-lang");
    resolver.setDefaultLocaleFunction(request -> supported(request.getLocale()));
    resolver.setCookieHttpOnly(true);
    return resolver;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    LocaleChangeInterceptor change = new LocaleChangeInterceptor();
    change.setParamName(LANGUAGE_PARAMETER);
    change.setIgnoreInvalidLocale(true);
    registry.addInterceptor(change).addPathPatterns("/", "/meetings", "/meetings/**", "/login");
  }

  /** Any Chinese is shown in Simplified Chinese, anything else in English. */
  static Locale supported(Locale requested) {
    return requested != null && "zh".equals(requested.getLanguage())
        ? Locale.SIMPLIFIED_CHINESE
        : Locale.ENGLISH;
  }
}
