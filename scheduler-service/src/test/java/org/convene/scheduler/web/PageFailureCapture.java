package org.convene.scheduler.web;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.function.Supplier;
import org.convene.testing.Browser;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.TestWatcher;

/**
 * When a browser test fails, keeps what the browser showed: a screenshot and the page source under
 * target/.
 */
public final class PageFailureCapture implements TestWatcher {

  static final Path FOLDER = Path.of("target", "browser-failures");

  private final Supplier<Browser> browser;

  public PageFailureCapture(Supplier<Browser> browser) {
    this.browser = browser;
  }

  @Override
  public void testFailed(ExtensionContext context, Throwable cause) {
    Browser current = browser.get();
    if (current == null) {
      return;
    }
    String name =
        context.getRequiredTestClass().getSimpleName()
            + "-"
            + context.getRequiredTestMethod().getName();
    try {
      Files.createDirectories(FOLDER);
      current.screenshot(FOLDER.resolve(name + ".png"));
      Files.writeString(
          FOLDER.resolve(name + ".html"),
          "<!-- " + current.driver().getCurrentUrl() + " -->\n" + current.driver().getPageSource(),
          StandardCharsets.UTF_8);
      System.err.println(
          "Browser test failed: screenshot and page source in "
              + FOLDER.toAbsolutePath()
              + "/"
              + name
              + ".*");
    } catch (Exception e) {
      cause.addSuppressed(e);
    }
  }
}
