package dev.ludus.console;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.logging.Level;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import dev.ludus.testing.TestLudus;
import org.openqa.selenium.By;
import org.openqa.selenium.Dimension;
import org.openqa.selenium.OutputType;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebDriverException;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;
import org.openqa.selenium.chromium.ChromiumDriverLogLevel;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.logging.LoggingPreferences;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.Select;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * A headless Chromium for one test, pointed at one server: {@code open("/console")} loads
 * {@code <baseUrl>/console}. Every wait is explicit (a {@link WebDriverWait} of up to {@link #WAIT}),
 * never a sleep. Fresh profile (cookies, storage) in a temporary directory, removed by {@link #close()};
 * the page is {@value #WIDTH} x {@value #HEIGHT} CSS pixels at scale 1, and so is every screenshot.
 *
 * <p>Given to each test by {@link BrowserTests}, which starts it and closes it. Not thread-safe.
 */
public final class Browser implements AutoCloseable {

    /** How long any wait of this class waits before it fails the test. */
    public static final Duration WAIT = Duration.ofSeconds(10);
    public static final int WIDTH = 1280;
    public static final int HEIGHT = 900;

    private static final Pattern SCREENSHOT_NAME = Pattern.compile("[a-z0-9][a-z0-9-]*");

    private final String baseUrl;
    private final Path profile;
    private final ChromeDriverService service;
    private final ChromeDriver driver;
    private final BrowserConsole console;

    private Browser(String baseUrl, Path profile, ChromeDriverService service, ChromeDriver driver) {
        this.baseUrl = baseUrl;
        this.profile = profile;
        this.service = service;
        this.driver = driver;
        this.console = new BrowserConsole(driver);
    }

    /** Starts ChromeDriver and a headless Chromium of {@code install} for {@code baseUrl}, {@code http://host:port}. */
    static Browser start(ChromiumInstall install, String baseUrl) {
        if (!baseUrl.startsWith("http://") && !baseUrl.startsWith("https://")) {
            throw new IllegalArgumentException("a base URL starts with http:// or https://, not " + baseUrl);
        }
        // Selenium Manager runs only when no driver path is given (it is, below); should it ever run, it
        // passes the SE_* system properties on as its environment, and SE_OFFLINE keeps it from the network.
        System.setProperty("SE_OFFLINE", "true");
        System.setProperty("SE_AVOID_STATS", "true");
        Path profile = temporaryDirectory();
        ChromeDriverService service = new ChromeDriverService.Builder()
                .usingDriverExecutable(install.chromedriver().toFile())
                .usingAnyFreePort()
                .withLogLevel(ChromiumDriverLogLevel.WARNING)
                .withLogOutput(System.err)
                .build();
        try {
            ChromeDriver driver = new ChromeDriver(service, options(install, profile));
            try {
                fitViewport(driver);
                return new Browser(stripSlash(baseUrl), profile, service, driver);
            } catch (RuntimeException e) {
                driver.quit();
                throw e;
            }
        } catch (RuntimeException e) {
            service.stop();
            deleteQuietly(profile);
            throw e;
        }
    }

    private static ChromeOptions options(ChromiumInstall install, Path profile) {
        ChromeOptions options = new ChromeOptions();
        options.setBinary(install.chromium().toFile());
        options.addArguments("--headless=new", "--disable-dev-shm-usage",
                "--window-size=" + WIDTH + "," + HEIGHT, "--force-device-scale-factor=1", "--hide-scrollbars",
                "--user-data-dir=" + profile, "--lang=en-US", "--log-level=3",
                // no traffic but the test's own: no updates, sync, first-run pages or background fetches
                "--no-first-run", "--no-default-browser-check", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--disable-extensions", "--disable-pings",
                "--disable-features=Translate,OptimizationHints,MediaRouter");
        if (runningAsRoot()) {
            options.addArguments("--no-sandbox");    // Chromium's sandbox refuses to start as root
        }
        options.setExperimentalOption("prefs", Map.of("intl.accept_languages", "en-US"));
        LoggingPreferences logging = new LoggingPreferences();
        logging.enable(LogType.BROWSER, Level.ALL);
        options.setCapability(ChromeOptions.LOGGING_PREFS, logging);
        return options;
    }

    /** Grows the window by its frame, so that the page itself (and a screenshot) is WIDTH x HEIGHT. */
    private static void fitViewport(ChromeDriver driver) {
        @SuppressWarnings("unchecked")
        List<Long> inner = (List<Long>) driver.executeScript("return [window.innerWidth, window.innerHeight];");
        Dimension outer = driver.manage().window().getSize();
        int frameWidth = outer.getWidth() - inner.get(0).intValue();
        int frameHeight = outer.getHeight() - inner.get(1).intValue();
        driver.manage().window().setSize(new Dimension(WIDTH + frameWidth, HEIGHT + frameHeight));
    }

    /**
     * Lays the page out as a phone of {@code width} x {@code height} CSS pixels would (touch, mobile
     * viewport) until the browser closes; screenshots are that size from then on. Reload to re-lay a page.
     */
    public void emulatePhone(int width, int height) {
        driver.executeCdpCommand("Emulation.setDeviceMetricsOverride", Map.of("width", width, "height", height,
                "deviceScaleFactor", 1, "mobile", true));
    }

    /** How many CSS pixels the page is wider than the window (0 when nothing runs off the side). */
    public long horizontalOverflow() {
        Object overflow = driver.executeScript(
                "return Math.max(0, document.documentElement.scrollWidth - window.innerWidth);");
        return ((Number) overflow).longValue();
    }

    /** Signs in with the test server's operator key on the sign-in page, and waits for the signed-in page. */
    public void signInWithOperatorKey() {
        open("/console/sign-in");
        click(By.cssSelector("details.operator-key summary"));
        fill("operator_key", TestLudus.ADMIN_KEY);
        clickButton("Sign in with the key");
        waitFor(By.id("signed-in-as"));
    }

    /** The server this browser is pointed at, e.g. {@code http://127.0.0.1:41234}. */
    public String baseUrl() {
        return baseUrl;
    }

    /** Loads {@code path} (with its query, if any) of the server and waits for the page to load. */
    public void open(String path) {
        if (!path.startsWith("/")) {
            throw new IllegalArgumentException("a path starts with /, not " + path);
        }
        driver.get(baseUrl + path);
    }

    /** The address of the page shown. */
    public String currentUrl() {
        return driver.getCurrentUrl();
    }

    /** The path of the page shown, without query: {@code /console/users}. */
    public String path() {
        return URI.create(driver.getCurrentUrl()).getPath();
    }

    public String title() {
        return driver.getTitle();
    }

    /** Waits for an element to be visible, and answers it. */
    public WebElement waitFor(By by) {
        return waitUntil(by + " visible", ExpectedConditions.visibilityOfElementLocated(by));
    }

    /** {@link #waitFor(By)} with a CSS selector. */
    public WebElement waitFor(String cssSelector) {
        return waitFor(By.cssSelector(cssSelector));
    }

    /** Waits for the page's visible text to contain {@code text}. */
    public void waitForText(String text) {
        waitUntil("'" + text + "' on the page",
                ExpectedConditions.textToBePresentInElementLocated(By.tagName("body"), text));
    }

    /** Waits for the visible text of the element at {@code by} to contain {@code text}, and answers the element. */
    public WebElement waitForText(By by, String text) {
        waitUntil("'" + text + "' in " + by, ExpectedConditions.textToBePresentInElementLocated(by, text));
        return driver.findElement(by);
    }

    /** Waits until no element at {@code by} is visible (gone, or hidden). */
    public void waitUntilGone(By by) {
        waitUntil(by + " gone", ExpectedConditions.invisibilityOfElementLocated(by));
    }

    /**
     * Waits until {@code condition} answers something other than null or false, and answers that; on
     * time-out fails with {@code description}, the address and the text of the page.
     */
    public <T> T waitUntil(String description, Function<? super WebDriver, T> condition) {
        return new WebDriverWait(driver, WAIT)
                .ignoring(StaleElementReferenceException.class)    // the page changed under the check: check again
                .withMessage(() -> "waited " + WAIT.toSeconds() + " s for " + description + " at "
                        + driver.getCurrentUrl() + "; the page reads:\n" + visibleText())
                .until(condition);
    }

    /** The visible form control named {@code name} (there must be exactly one). */
    public WebElement field(String name) {
        return waitUntil("one visible field named '" + name + "'",
                ignored -> single(By.name(name), "field named '" + name + "'"));
    }

    /** Types {@code value} into the field named {@code name}, replacing what it held. */
    public void fill(String name, String value) {
        WebElement field = field(name);
        field.clear();
        field.sendKeys(value);
    }

    /** Picks the option showing {@code visibleText} in the {@code <select>} named {@code name}. */
    public void select(String name, String visibleText) {
        new Select(field(name)).selectByVisibleText(visibleText);
    }

    /** Ticks or clears the checkbox (or radio button) named {@code name} with {@code value}. */
    public void check(String name, String value, boolean checked) {
        By by = By.cssSelector("input[name=" + cssString(name) + "][value=" + cssString(value) + "]");
        WebElement box = waitUntil("one visible " + by, ignored -> single(by, "input " + by));
        if (box.isSelected() != checked) {
            box.click();
        }
    }

    /**
     * Clicks the visible, enabled button whose text (or, for {@code <input type=submit>}, value) is
     * {@code text}, spaces normalised; fails if several are visible.
     */
    public void clickButton(String text) {
        String literal = xpathString(text);
        By by = By.xpath("//button[normalize-space(.)=" + literal + "]"
                + " | //input[(@type='submit' or @type='button') and normalize-space(@value)=" + literal + "]");
        WebElement button = waitUntil("a button '" + text + "'", ignored -> {
            WebElement found = single(by, "button '" + text + "'");
            return found != null && found.isEnabled() ? found : null;
        });
        button.click();
    }

    /** Clicks the visible link whose text is {@code text}. */
    public void clickLink(String text) {
        waitUntil("a link '" + text + "'", ExpectedConditions.elementToBeClickable(By.linkText(text))).click();
    }

    /** Clicks the element at {@code by} once it is visible and enabled. */
    public void click(By by) {
        waitUntil(by + " clickable", ExpectedConditions.elementToBeClickable(by)).click();
    }

    /** The visible text of the element at {@code by}, once it is visible. */
    public String text(By by) {
        return waitFor(by).getText();
    }

    /** {@link #text(By)} with a CSS selector. */
    public String text(String cssSelector) {
        return text(By.cssSelector(cssSelector));
    }

    /** The HTML of the page as the browser holds it now (after scripts changed it). */
    public String pageSource() {
        return driver.getPageSource();
    }

    /** The page's console log: errors, CSP violations, and their checks. */
    public BrowserConsole console() {
        return console;
    }

    /** The driver itself, for what this class does not offer. */
    public ChromeDriver driver() {
        return driver;
    }

    /**
     * Saves what the window shows as {@code <name>.png} ({@code [a-z0-9-]+}) for the documentation:
     * into {@code docs/console/} of the repository when the build runs with {@code -Dludus.screenshots=docs},
     * else into {@code server/target/screenshots/}, so that an ordinary build leaves the checkout as it was.
     */
    public Path screenshot(String name) {
        if (!SCREENSHOT_NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("a screenshot's name is [a-z0-9-]+, not '" + name + "'");
        }
        Path root = Places.repositoryRoot();
        Path directory = documenting() ? root.resolve("docs/console") : root.resolve("server/target/screenshots");
        return screenshotTo(directory.resolve(name + ".png"));
    }

    /** True when this build takes the screenshots of docs/console.md ({@code -Dludus.screenshots=docs}). */
    public static boolean documenting() {
        return "docs".equals(System.getProperty(Places.SCREENSHOTS_PROPERTY));
    }

    /** Saves what the window shows as a PNG at {@code file}, creating its directory. */
    public Path screenshotTo(Path file) {
        byte[] png = driver.getScreenshotAs(OutputType.BYTES);
        try {
            Files.createDirectories(file.toAbsolutePath().getParent());
            return Files.write(file, png);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the screenshot " + file, e);
        }
    }

    /** Ends the browser and its driver and removes the profile; goes on past a failure of one. */
    @Override
    public void close() {
        try {
            driver.quit();
        } catch (WebDriverException e) {
            System.err.println("browser: quitting Chromium failed (" + e.getMessage() + "); stopping its driver");
        } finally {
            service.stop();
            deleteQuietly(profile);
        }
    }

    private WebElement single(By by, String what) {
        List<WebElement> visible = driver.findElements(by).stream().filter(WebElement::isDisplayed).toList();
        if (visible.size() > 1) {
            throw new AssertionError(visible.size() + " of " + what + " are visible at " + driver.getCurrentUrl()
                    + "; say which one with a By");
        }
        return visible.isEmpty() ? null : visible.getFirst();
    }

    private String visibleText() {
        try {
            String text = driver.findElement(By.tagName("body")).getText();
            return text.length() > 2000 ? text.substring(0, 2000) + " ..." : text;
        } catch (WebDriverException e) {
            return "(unreadable: " + e.getMessage() + ")";
        }
    }

    static String xpathString(String text) {
        if (!text.contains("'")) {
            return "'" + text + "'";
        }
        if (!text.contains("\"")) {
            return "\"" + text + "\"";
        }
        return "concat('" + text.replace("'", "', \"'\", '") + "')";
    }

    private static String cssString(String text) {
        return "\"" + text.replace("\\", "\\\\").replace("\"", "\\\"") + "\"";
    }

    private static String stripSlash(String url) {
        return url.endsWith("/") ? url.substring(0, url.length() - 1) : url;
    }

    private static boolean runningAsRoot() {
        try {
            return Integer.valueOf(0).equals(Files.getAttribute(Path.of("/proc/self"), "unix:uid"));
        } catch (IOException | UnsupportedOperationException e) {
            return "root".equals(System.getProperty("user.name"));
        }
    }

    private static Path temporaryDirectory() {
        try {
            return Files.createTempDirectory("ludus-chromium-");
        } catch (IOException e) {
            throw new UncheckedIOException("cannot create a profile directory for Chromium", e);
        }
    }

    private static void deleteQuietly(Path directory) {
        try (Stream<Path> paths = Files.walk(directory)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            System.err.println("browser: could not remove the profile " + directory + ": " + e.getMessage());
        }
    }
}
