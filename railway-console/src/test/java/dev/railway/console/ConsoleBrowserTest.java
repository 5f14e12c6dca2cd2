package dev.railway.console;

import static org.assertj.core.api.Assertions.assertThat;

import dev.railway.examples.orders.OrderCreation;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * The console end to end in Debian's headless Chromium, driven by Selenium through Debian's
 * chromedriver (no browser or driver is downloaded): sign in with a JWT, the order diagram with its
 * counts, an instance found by its order id with its timeline, a possible failure on the attention
 * page, the support review answered through the generated form (a contract violation next to its
 * field first, then success), and a customer refused the operator pages. Every page is checked with
 * axe-core (run in the same browser) and photographed under {@code target/console-screenshots/}. CI
 * installs chromium and chromium-driver and must run this test; elsewhere a missing browser skips
 * it loudly.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ConsoleBrowserTest {
  private static final Path SHOTS = Path.of("target/console-screenshots");
  private static final Duration WAIT = Duration.ofSeconds(30);

  @TempDir static Path dir;
  @TempDir static Path profile;

  private static OrdersWorld world;
  private static WebDriver browser;
  private static UUID doubtful;
  private static UUID paid;

  @BeforeAll
  static void start() throws Exception {
    Path chromium = Path.of("/usr/bin/chromium");
    Path driver = Path.of("/usr/bin/chromedriver");
    if (!Files.isExecutable(chromium) || !Files.isExecutable(driver)) {
      String message =
          "ConsoleBrowserTest: needs Debian's chromium and chromium-driver"
              + " (/usr/bin/chromium, /usr/bin/chromedriver); apt-get install chromium chromium-driver";
      if (System.getenv("CI") != null) {
        throw new IllegalStateException(message + " (CI must run this test)");
      }
      System.err.println("SKIPPED " + message);
      Assumptions.abort(message);
    }
    world = new OrdersWorld(dir);
    paid = world.place("alice");
    world.pay(paid);
    doubtful = world.place("doubtful");
    world.pay(doubtful);
    world.place("bob"); // waits for its payment
    Files.createDirectories(SHOTS);
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromium.toFile());
    options.addArguments(
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--no-first-run",
        "--window-size=1400,1800",
        "--user-data-dir=" + profile);
    ChromeDriverService service =
        new ChromeDriverService.Builder().usingDriverExecutable(driver.toFile()).build();
    browser = new ChromeDriver(service, options);
    browser.manage().timeouts().pageLoadTimeout(WAIT).scriptTimeout(WAIT);
  }

  @AfterAll
  static void stop() {
    if (browser != null) {
      browser.quit();
    }
    if (world != null) {
      world.close();
    }
  }

  @Test
  @Order(1)
  void signInWithAJwtAndTheKeyboard() throws Exception {
    browser.get(world.base() + "/");
    assertThat(browser.getCurrentUrl()).contains("/console/signin");
    checked("signin");
    // Keyboard: the first Tab reaches the skip link, then the token field, then the button.
    WebElement body = browser.findElement(By.tagName("body"));
    body.sendKeys(Keys.TAB);
    assertThat(active().getAttribute("class")).isEqualTo("skip");
    active().sendKeys(Keys.TAB);
    assertThat(active().getAttribute("id")).isEqualTo("token");
    active().sendKeys(world.token("olivia", "operator", OrderCreation.SUPPORT_ROLE));
    active().sendKeys(Keys.TAB);
    assertThat(active().getAttribute("id")).isEqualTo("signin");
    active().sendKeys(Keys.ENTER);
    // Back where the person was going: the console's front page.
    waitFor(d -> d.getCurrentUrl().endsWith("/console/"));
    assertThat(browser.findElement(By.tagName("header")).getText()).contains("olivia");
    browser.get(world.base() + "/console/inbox");
    assertThat(browser.findElement(By.tagName("main")).getText())
        .contains(OrderCreation.CUSTOMER_SUPPORT_REVIEW);
    checked("inbox");
  }

  @Test
  @Order(2)
  void theOrdersDiagramShowsLiveCounts() throws Exception {
    browser.get(world.base() + "/console/");
    checked("workflows");
    browser.findElement(By.linkText(world.orders.id())).click();
    waitFor(d -> "rendered".equals(d.findElement(By.id("diagram")).getAttribute("data-diagram")));
    String svg = browser.findElement(By.id("diagram")).getAttribute("innerHTML");
    assertThat(svg).contains("<svg").contains(OrderCreation.CUSTOMER_SUPPORT_REVIEW);
    // bob waits for payment, the doubtful order in support review: one each, now.
    assertThat(svg).contains("● 1 now");
    assertThat(countOf(OrderCreation.RECEIVE_PAYMENT)).isEqualTo("1");
    assertThat(countOf(OrderCreation.CUSTOMER_SUPPORT_REVIEW)).isEqualTo("1");
    // Two orders were paid in the window; one went down the possible-failure edge.
    assertThat(svg)
        .contains("PaymentReceived (2)")
        .contains("possible failure: FulfilmentUncertain (1)");
    checked("workflow-orders");
    // A task's box lists its instances.
    browser
        .findElement(By.cssSelector("g[data-task='" + OrderCreation.CUSTOMER_SUPPORT_REVIEW + "']"))
        .click();
    waitFor(d -> d.getCurrentUrl().contains("/console/instances"));
    assertThat(browser.findElements(By.cssSelector("#instances tbody tr"))).hasSize(1);
  }

  @Test
  @Order(3)
  void findAnInstanceByOrderIdAndSeeItsTimeline() throws Exception {
    browser.get(world.base() + "/console/instances");
    WebElement trigger = browser.findElement(By.id("f-trigger"));
    trigger.sendKeys(doubtful.toString());
    browser.findElement(By.id("search")).click();
    waitFor(d -> d.getCurrentUrl().contains("trigger="));
    List<WebElement> rows = browser.findElements(By.cssSelector("#instances tbody tr a"));
    assertThat(rows).hasSize(1);
    checked("instances");
    rows.get(0).click();
    waitFor(d -> d.getCurrentUrl().contains("/console/instances/"));
    String timeline = browser.findElement(By.id("timeline")).getText();
    assertThat(timeline).contains("TriggerAccepted").contains(doubtful.toString());
    assertThat(timeline).contains("AttemptStarted").contains("Decided");
    assertThat(timeline).contains("POSSIBLE_FAILURE");
    assertThat(browser.findElement(By.id("path")).getText())
        .contains(OrderCreation.PAYMENT_SUCCESSFUL)
        .contains("possible failure")
        .contains("now here");
    assertThat(browser.getPageSource()).contains("Trigger: OrderPlaced");
    checked("instance");
  }

  @Test
  @Order(4)
  void thePossibleFailureIsOnTheAttentionPage() throws Exception {
    browser.get(world.base() + "/console/attention");
    String doubts = browser.findElement(By.id("doubt-list")).getText();
    assertThat(doubts).contains("Possible failure").contains(OrderCreation.PAYMENT_SUCCESSFUL);
    checked("attention");
  }

  @Test
  @Order(5)
  void answerTheSupportReviewThroughTheForm() throws Exception {
    browser.get(world.base() + "/console/attention");
    browser.findElement(By.cssSelector("#doubt-list a[href^='/console/todos/']")).click();
    waitFor(d -> d.getCurrentUrl().contains("/console/todos/"));
    assertThat(browser.findElement(By.id("read-model")).getText()).contains(doubtful.toString());
    checked("todo");
    new Select(browser.findElement(By.id("field-resolution"))).selectByValue("SHIPPED");
    browser.findElement(By.id("decide")).click();
    WebElement error = waitFor(d -> d.findElement(By.id("field-warehouseReference-error")));
    assertThat(error.getText()).contains("is required when the resolution is SHIPPED");
    assertThat(browser.findElement(By.id("field-warehouseReference")).getAttribute("aria-invalid"))
        .isEqualTo("true");
    checked("todo-violation");
    assertThat(world.store.openTaskCounts(world.orders.id()))
        .containsEntry(OrderCreation.CUSTOMER_SUPPORT_REVIEW, 1L);
    browser.findElement(By.id("field-warehouseReference")).sendKeys("WH-checked");
    browser.findElement(By.id("decide")).click();
    WebElement decided = waitFor(d -> d.findElement(By.id("decided")));
    assertThat(decided.getText()).contains("OrderConfirmed").contains("olivia");
    checked("todo-decided");
    assertThat(world.store.openTaskCounts(world.orders.id()))
        .doesNotContainKey(OrderCreation.CUSTOMER_SUPPORT_REVIEW);
    // The same ToDo again: explained in words.
    browser.navigate().back();
    browser.navigate().refresh();
    assertThat(browser.findElement(By.tagName("main")).getText()).contains("Already decided");
  }

  @Test
  @Order(6)
  void aCustomerIsRefusedTheOperatorPages() throws Exception {
    browser.findElement(By.cssSelector(".signout button")).click();
    waitFor(d -> d.getCurrentUrl().contains("/console/signin"));
    browser.findElement(By.id("token")).sendKeys(world.token("bob"));
    browser.findElement(By.id("signin")).click();
    waitFor(d -> d.getCurrentUrl().contains("/console/inbox"));
    for (String page : List.of("/console/", "/console/instances", "/console/attention")) {
      browser.get(world.base() + page);
      assertThat(browser.findElement(By.tagName("h1")).getText()).isEqualTo("Operators only");
      assertThat(browser.getPageSource()).doesNotContain(doubtful.toString());
    }
    checked("refused");
    // bob's own ToDo (his payment is the provider's to answer, not his): not shown to him.
    browser.get(world.base() + "/console/inbox");
    assertThat(browser.findElement(By.tagName("main")).getText()).contains("Nothing waits for you");
  }

  private static String countOf(String task) {
    return browser.findElement(By.cssSelector("td.count[data-task='" + task + "']")).getText();
  }

  private static WebElement active() {
    return browser.switchTo().activeElement();
  }

  private static <T> T waitFor(java.util.function.Function<WebDriver, T> condition) {
    return new WebDriverWait(browser, WAIT).until(condition::apply);
  }

  /** Screenshot, then axe-core (WCAG 2 A and AA rules) in the same page: no violations. */
  private static void checked(String name) throws Exception {
    byte[] png = ((TakesScreenshot) browser).getScreenshotAs(OutputType.BYTES);
    Files.write(SHOTS.resolve(name + ".png"), png);
    assertThat(png.length).as("screenshot of " + name).isGreaterThan(5_000);
    JavascriptExecutor js = (JavascriptExecutor) browser;
    js.executeScript(Axe.script());
    @SuppressWarnings("unchecked")
    Map<String, Object> result =
        (Map<String, Object>)
            js.executeAsyncScript(
                "const done = arguments[arguments.length - 1];"
                    + "axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa',"
                    + " 'wcag21a', 'wcag21aa']}}).then(r => done({violations: r.violations.map(v =>"
                    + " v.id + ': ' + v.help + ' at ' + v.nodes.map(n => n.target.join(' ')).join(',"
                    + " ')), passes: r.passes.length}), e => done({error: String(e)}));");
    assertThat(result.get("error")).as("axe on " + name).isNull();
    Files.writeString(SHOTS.resolve(name + ".axe.txt"), result.toString(), StandardCharsets.UTF_8);
    assertThat((List<?>) result.get("violations")).as("axe violations on " + name).isEmpty();
    assertThat(((Number) result.get("passes")).intValue()).as("axe rules passed").isPositive();
  }

  /**
   * axe-core's browser script, vendored from npm (MPL-2.0) with its licence under test resources.
   */
  static final class Axe {
    private static String script;

    static synchronized String script() throws Exception {
      if (script == null) {
        try (var in = ConsoleBrowserTest.class.getResourceAsStream("/axe-core-4.14.1/axe.min.js")) {
          script = new String(in.readAllBytes(), StandardCharsets.UTF_8);
        }
      }
      return script;
    }
  }
}
