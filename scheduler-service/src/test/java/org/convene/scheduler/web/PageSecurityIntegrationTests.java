package org.convene.scheduler.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.get;
import static org.springframework.test.web.servlet.request.MockMvcRequestBuilders.post;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.content;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.header;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.jsonPath;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.redirectedUrl;
import static org.springframework.test.web.servlet.result.MockMvcResultMatchers.status;

import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.convene.scheduler.Callers;
import org.convene.scheduler.SchedulerIntegrationTest;
import org.hamcrest.Matchers;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.mock.web.MockHttpSession;
import org.springframework.test.web.servlet.MockMvc;
import org.springframework.test.web.servlet.MvcResult;
import org.springframework.web.servlet.resource.ResourceUrlEncodingFilter;

/** The pages' own security chain, next to the API's unchanged one. */
@SchedulerIntegrationTest
class PageSecurityIntegrationTests {

  private static final Pattern CSRF = Pattern.compile("name=\"_csrf\" value=\"([^\"]+)\"");

  @Autowired MockMvc mvc;
  @Autowired ApplicationContext context;

  @Test
  void pagesSendAStrictContentSecurityPolicyAndRefuseFraming() throws Exception {
    mvc.perform(get("/login"))
        .andExpect(status().isOk())
        .andExpect(
            header()
                .string(
                    "Content-Security-Policy", PageSecurityConfiguration.CONTENT_SECURITY_POLICY))
        .andExpect(
            header()
                .string("Content-Security-Policy", Matchers.containsString("script-src 'self';")))
        .andExpect(header().string("X-Frame-Options", "DENY"));
  }

  @Test
  void pagesNeedASignInAndTheApiStillAnswersWithProblemDetails() throws Exception {
    mvc.perform(get("/meetings")).andExpect(status().isFound()).andExpect(redirectedUrl("/login"));
    mvc.perform(get("/api/meetings"))
        .andExpect(status().isUnauthorized())
        .andExpect(jsonPath("$.title").exists());
  }

  @Test
  void signingInGivesTheSessionANewIdAndAFormWithoutItsCsrfTokenIsRefused() throws Exception {
    MockHttpSession session = new MockHttpSession();
    String token = csrfToken(mvc.perform(get("/login").session(session)).andReturn());
    String before = session.getId();
    MvcResult signedIn =
        mvc.perform(
                post("/login")
                    .session(session)
                    .param("username", "office@bast.example.org")
                    .param("password", "office-secret")
                    .param("_csrf", token))
            .andExpect(status().isFound())
            .andExpect(redirectedUrl("/meetings"))
            .andReturn();
    assertThat(signedIn.getRequest().getSession().getId())
        .as("session fixation protection")
        .isNotEqualTo(before);

    mvc.perform(post("/meetings").session(session).param("title", "No token"))
        .andExpect(status().isForbidden());
    String pageToken = csrfToken(mvc.perform(get("/meetings/new").session(session)).andReturn());
    mvc.perform(
            post("/meetings")
                .session(session)
                .param("title", "With token")
                .param("_csrf", pageToken))
        .andExpect(status().isOk())
        .andExpect(content().string(Matchers.containsString("id=\"error-participants\"")));
  }

  @Test
  void theApiNeedsNoCsrfTokenAndNoSession() throws Exception {
    mvc.perform(
            post("/api/meetings")
                .with(Callers.OFFICE)
                .contentType(MediaType.APPLICATION_JSON)
                .content("{}"))
        .andExpect(status().isBadRequest())
        .andExpect(header().doesNotExist(HttpHeaders.SET_COOKIE));
  }

  @Test
  void theBrowsersLanguageChoosesTheTextsAndTheSwitchOverridesIt() throws Exception {
    mvc.perform(get("/login").header(HttpHeaders.ACCEPT_LANGUAGE, "zh-CN,zh;q=0.9"))
        .andExpect(content().string(Matchers.containsString("<h1>登录</h1>")))
        .andExpect(content().string(Matchers.containsString("lang=\"zh-CN\"")));
    mvc.perform(get("/login").header(HttpHeaders.ACCEPT_LANGUAGE, "fr-FR"))
        .andExpect(content().string(Matchers.containsString("<h1>Sign in</h1>")));
    mvc.perform(get("/login").param("lang", "zh-CN").header(HttpHeaders.ACCEPT_LANGUAGE, "en"))
        .andExpect(content().string(Matchers.containsString("<h1>登录</h1>")))
        .andExpect(
            header().string(HttpHeaders.SET_COOKIE, Matchers.containsString("convene-lang=zh-CN")));
  }

  @Test
  void theApiDocumentationDescribesOnlyTheApi() throws Exception {
    mvc.perform(get("/v3/api-docs"))
        .andExpect(status().isOk())
        .andExpect(jsonPath("$.paths['/meetings']").doesNotExist())
        .andExpect(jsonPath("$.paths['/meetings/{id}']").doesNotExist())
        .andExpect(jsonPath("$.paths['/login']").doesNotExist());
  }

  @Test
  void pageLinksAreNotRewrittenByAResourceChainAndTheStylesAndTheApiDocsUiAreStillServed()
      throws Exception {
    // With the chain's filter, every link of a page cost class-path look-ups: most of the render
    // time of a meeting page with hundreds of participants.
    assertThat(context.getBeansOfType(ResourceUrlEncodingFilter.class)).isEmpty();
    mvc.perform(get("/css/convene.css"))
        .andExpect(status().isOk())
        .andExpect(content().contentTypeCompatibleWith("text/css"));
    mvc.perform(get("/swagger-ui/index.html"))
        .andExpect(status().isOk())
        .andExpect(content().string(Matchers.containsString("swagger-ui")));
  }

  private static String csrfToken(MvcResult page) throws Exception {
    Matcher matcher = CSRF.matcher(page.getResponse().getContentAsString());
    assertThat(matcher.find()).as("the page's form carries a CSRF token").isTrue();
    return matcher.group(1);
  }
}
