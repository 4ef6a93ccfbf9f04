package vn.ispeed.portal;

import com.fasterxml.jackson.databind.JsonNode;
import io.quarkus.test.common.QuarkusTestResource;
import io.quarkus.test.junit.QuarkusTest;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import vn.ispeed.testsupport.KeycloakResource;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The portal in a real browser (Debian's headless Chromium) against the real platform ({@link PortalStack}):
 * the public pages, the Keycloak login form, a department's province in full detail with figures equal to
 * stats-service's, the campaign CSV, the 403 page for another province by link, by URL and by the portal's
 * API, the English switch, subscriptions through notify-service, logout, the ministry's national table,
 * axe-core on every kind of page, and the banner when stats-service is down. Screenshots: target/screenshots/.
 */
@QuarkusTest
@QuarkusTestResource(value = PortalStack.class, restrictToAnnotatedClass = true)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class PortalBrowserTest {
    static ChromeDriver driver;
    static String base;

    @BeforeAll
    static void browser() {
        driver = Browser.start();
        base = "http://127.0.0.1:" + PortalStack.portalPort;
    }

    @AfterAll
    static void close() {
        if (driver != null) {
            driver.quit();
        }
    }

    static void open(String path) {
        driver.get(base + path);
    }

    static List<WebElement> all(String css) {
        return driver.findElements(By.cssSelector(css));
    }

    static WebElement one(String css) {
        return driver.findElement(By.cssSelector(css));
    }

    /** A click that submits a form returns before the next page has loaded: wait (bounded) for what it shows. */
    static void waitForPage(java.util.function.Function<org.openqa.selenium.WebDriver, Boolean> shown) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).ignoring(org.openqa.selenium.StaleElementReferenceException.class)
                .until(shown);
    }

    static void noSeriousViolations(String page) {
        assertThat(Browser.seriousViolations(driver)).as("axe-core serious/critical violations on " + page).isEmpty();
    }

    static void login(String user) {
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> !d.findElements(By.id("username")).isEmpty());
        one("#username").sendKeys(user);
        one("#password").sendKeys(user);
        one("#kc-login").click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().startsWith(base));
    }

    @Test
    @Order(1)
    void theNationalMapDrawsEveryProvinceAndThePublicSeesOnlyPublishedFigures() {
        open("/");
        assertThat(driver.getTitle()).contains("Chất lượng băng rộng");
        assertThat(all("svg[data-map] path")).hasSize(34);
        assertThat(all("#provinces tbody tr")).hasSize(34);
        assertThat(all(".sentence").get(0).getText()).contains("tỉnh/thành").contains("/3.321 xã/phường/đặc khu").contains("không đủ mẫu để thống kê");
        // no province has enough samples: no figure anywhere in the national table
        for (WebElement td : all("#provinces tbody td.num")) {
            assertThat(td.getAttribute("data-value")).isEmpty();
        }
        Browser.screenshot(driver, "national");
        noSeriousViolations("the national page");
    }

    @Test
    @Order(2)
    void theProvincePageShowsPublishedFiguresOnlyToTheAnonymousReader() {
        open("/provinces/01");
        JsonNode api = PortalStack.get(PortalStack.stats.url() + "/api/v1/stats/vn-2025/units/01/children?network=fixed&period=last12m", null);
        assertThat(all("svg[data-map] path")).hasSize(api.path("children").size());
        WebElement hk = one("#units tr[data-code='" + PortalStack.HOAN_KIEM + "']");
        assertThat(hk.getAttribute("data-status")).isEqualTo("PUBLISHED");
        assertThat(hk.findElement(By.cssSelector("td:nth-of-type(5)")).getAttribute("data-value")).isEqualTo(String.valueOf(PortalStack.HOAN_KIEM_FIXED_TESTS));
        for (String shortOne : PortalStack.shortCommunes) {
            WebElement row = one("#units tr[data-code='" + shortOne + "']");
            assertThat(row.getAttribute("data-status")).isEqualTo("INSUFFICIENT");
            for (WebElement td : row.findElements(By.cssSelector("td.num"))) {
                assertThat(td.getAttribute("data-value")).as("an anonymous reader sees no count of an insufficient commune").isEmpty();
            }
        }
        assertThat(driver.getPageSource()).doesNotContain("Cần thêm phép đo");
        Browser.screenshot(driver, "province-public");
        noSeriousViolations("the public province page");
    }

    @Test
    @Order(3)
    void theVn2024SetShowsAProvincesDistricts() {
        open("/provinces/01?set=vn-2024");
        JsonNode api = PortalStack.get(PortalStack.stats.url() + "/api/v1/stats/vn-2024/units/01/children?network=fixed&period=last12m", null);
        assertThat(all("#units tbody tr")).hasSize(api.path("children").size());
        assertThat(all("#units tbody tr").get(0).getAttribute("data-code")).hasSize(3);
        assertThat(all("svg[data-map] path")).hasSizeGreaterThan(20);
        assertThat(one("#sentence").getText()).contains("quận/huyện");
    }

    @Test
    @Order(3)
    void theSearchIgnoresDiacritics() {
        open("/provinces/01");
        one("#units-q").sendKeys("hoan kiem");
        List<WebElement> shown = all("#units tbody tr").stream().filter(WebElement::isDisplayed).collect(Collectors.toList());
        assertThat(shown).extracting(r -> r.getAttribute("data-code")).containsExactly(PortalStack.HOAN_KIEM);
        assertThat(shown.get(0).getText()).contains("Hoàn Kiếm");
    }

    @Test
    @Order(4)
    void aDepartmentLogsInThroughKeycloakAndSeesItsProvinceWithStatsFigures() {
        open("/provinces/01/detail");
        assertThat(driver.getCurrentUrl()).as("the detail needs a login").doesNotStartWith(base);
        login("dept-hanoi");
        assertThat(driver.getCurrentUrl()).startsWith(base + "/provinces/01/detail");
        assertThat(one("h1").getText()).contains("Hà Nội");
        String token = KeycloakResource.accessToken("dept-hanoi", "dept-hanoi");
        JsonNode api = PortalStack.get(PortalStack.stats.url() + "/api/v1/stats/vn-2025/units/01/children?network=fixed&period=last12m", token);
        assertThat(all("svg[data-map] path")).hasSize(api.path("children").size());
        assertThat(all("#units tbody tr")).hasSize(api.path("children").size());
        int compared = 0;
        for (JsonNode c : api.path("children")) {
            WebElement row = one("#units tr[data-code='" + c.path("unitCode").asText() + "']");
            assertThat(row.getAttribute("data-status")).isEqualTo(c.path("status").asText());
            assertThat(cell(row, "tests")).as(c.path("unitName").asText() + " tests").isEqualTo(text(c.get("tests")));
            assertThat(cell(row, "devices")).isEqualTo(text(c.get("devices")));
            assertThat(cell(row, "needTests")).isEqualTo(text(c.path("needs").get("tests")));
            assertThat(cell(row, "needDevices")).isEqualTo(text(c.path("needs").get("devices")));
            JsonNode median = c.path("downloadKbps").get("median");
            assertThat(cell(row, "down")).isEqualTo(median == null ? "" : String.valueOf(median.asDouble()));
            compared++;
        }
        assertThat(compared).isGreaterThan(100);
        WebElement shortRow = one("#units tr[data-code='" + PortalStack.shortCommunes.get(0) + "']");
        assertThat(cell(shortRow, "tests")).isEqualTo(String.valueOf(PortalStack.SHORT_FIXED_TESTS));
        assertThat(cell(shortRow, "needTests")).isEqualTo(String.valueOf(30 - PortalStack.SHORT_FIXED_TESTS));
        // the campaign list: the smallest gap first (the commune with 10 tests before the one with 4)
        List<String> campaign = all("#campaign tbody tr").stream().map(r -> r.getAttribute("data-code")).collect(Collectors.toList());
        assertThat(campaign.get(0)).isEqualTo(PortalStack.shortCommunes.get(0));
        assertThat(campaign.get(1)).isEqualTo(PortalStack.shortCommunes.get(1));
        Browser.screenshot(driver, "province-detail");
        noSeriousViolations("the department's province page");
    }

    private static String cell(WebElement row, String col) {
        return row.findElement(By.cssSelector("td[data-col='" + col + "']")).getAttribute("data-value");
    }

    private static String text(JsonNode n) {
        if (n == null || n.isNull()) {
            return "";
        }
        return n.isIntegralNumber() ? String.valueOf(n.asLong()) : String.valueOf(n.asDouble());
    }

    @Test
    @Order(5)
    void theCampaignCsvDownloadsWithABomAndDiacritics() throws Exception {
        HttpResponse<byte[]> r = PortalStack.HTTP.send(HttpRequest.newBuilder(URI.create(base + "/provinces/01/detail/campaign.csv"))
                .header("Cookie", cookies()).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(r.statusCode()).isEqualTo(200);
        assertThat(r.headers().firstValue("Content-Disposition").orElse("")).contains("attachment");
        byte[] body = r.body();
        assertThat(body[0] & 0xff).isEqualTo(0xEF);
        assertThat(body[1] & 0xff).isEqualTo(0xBB);
        assertThat(body[2] & 0xff).isEqualTo(0xBF);
        String[] lines = new String(body, 3, body.length - 3, StandardCharsets.UTF_8).split("\r\n");
        assertThat(lines[0]).isEqualTo("Mã,Tên,Số phép đo,Số thiết bị,Cần thêm phép đo,Cần thêm thiết bị");
        String[] first = lines[1].split(",");
        assertThat(first[0]).isEqualTo(PortalStack.shortCommunes.get(0));
        assertThat(first[2]).isEqualTo(String.valueOf(PortalStack.SHORT_FIXED_TESTS));
        assertThat(first[4]).isEqualTo(String.valueOf(30 - PortalStack.SHORT_FIXED_TESTS));
        assertThat(lines.length - 1).as("every insufficient commune of Hà Nội").isGreaterThan(100);
        String name = PortalStack.get(PortalStack.stats.url() + "/api/v1/stats/vn-2025/units/" + PortalStack.shortCommunes.get(0)
                + "?network=fixed&period=last12m", null).path("unitName").asText();
        assertThat(first[1]).isEqualTo("\"" + name + "\"");
        assertThat(name).as("a name with Vietnamese letters").matches(".*[^\\x00-\\x7F].*");
        assertThat(String.join("\n", lines)).doesNotContain(PortalStack.HOAN_KIEM + ",");
    }

    static String cookies() {
        return driver.manage().getCookies().stream().map(c -> c.getName() + "=" + c.getValue()).collect(Collectors.joining("; "));
    }

    @Test
    @Order(6)
    void theCommunePageHasItsTwelveMonths() {
        open("/provinces/01/detail/units/" + PortalStack.HOAN_KIEM);
        assertThat(one("h1").getText()).isEqualTo("Hoàn Kiếm");
        assertThat(one("#cells tr[data-network='FIXED'] td:nth-of-type(2)").getAttribute("data-value"))
                .isEqualTo(String.valueOf(PortalStack.HOAN_KIEM_FIXED_TESTS));
        assertThat(all("svg.chart")).hasSize(3);
        Browser.screenshot(driver, "commune-detail");
        noSeriousViolations("the commune page");
    }

    @Test
    @Order(7)
    void anotherProvinceIsForbiddenByLinkByUrlAndByThePortalsApi() {
        open("/provinces/79");
        one("#open-detail").click();
        waitForPage(d -> !all("#problem").isEmpty());
        assertThat(one("#problem").getAttribute("data-kind")).isEqualTo("forbidden");
        assertThat(driver.getPageSource()).doesNotContain("Bến Thành");
        Browser.screenshot(driver, "forbidden");
        noSeriousViolations("the 403 page");
        open("/provinces/79/detail/units/" + PortalStack.BEN_THANH);
        assertThat(one("#problem").getAttribute("data-kind")).isEqualTo("forbidden");
        open("/provinces/79/detail/campaign.csv");
        assertThat(one("#problem").getAttribute("data-kind")).isEqualTo("forbidden");
        Object api = driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "fetch('/api/provinces/79/units/" + PortalStack.BEN_THANH + "/series', {headers: {'X-Requested-With': 'JavaScript'}})"
                + ".then(function (r) { return r.text().then(function (t) { done([r.status, t]); }); });");
        List<?> answer = (List<?>) api;
        assertThat(((Number) answer.get(0)).intValue()).isEqualTo(403);
        assertThat(answer.get(1).toString()).contains("forbidden").doesNotContain("tests").doesNotContain("Bến Thành");
        // its own province through the same API answers
        Object own = driver.executeAsyncScript("var done = arguments[arguments.length - 1];"
                + "fetch('/api/provinces/01/units/" + PortalStack.HOAN_KIEM + "/series').then(function (r) { done(r.status); });");
        assertThat(((Number) own).intValue()).isEqualTo(200);
    }

    @Test
    @Order(8)
    void theEnglishSwitchChangesTheLabelsAndTheNumberFormat() {
        open("/provinces/01/detail");
        one("#lang-switch").click();
        waitForPage(d -> "en".equals(one("html").getAttribute("lang")));
        assertThat(one("#units thead").getText()).contains("Tests").contains("Tests still needed");
        assertThat(one("#sentence").getText()).startsWith("Fixed broadband:").contains("without enough samples");
        one("#lang-switch").click();
        waitForPage(d -> "vi".equals(one("html").getAttribute("lang")));
        assertThat(one("#units thead").getText()).contains("Số phép đo");
    }

    @Test
    @Order(9)
    void subscriptionsAreViewedAndEditedThroughNotify() {
        open("/provinces/01/detail/subscriptions");
        one("#emails-new").sendKeys("so.tttt@hanoi.example");
        one("#new-sub button[type=submit]").click();
        waitForPage(d -> all("form[data-sub]").size() == 1);
        String token = KeycloakResource.accessToken("dept-hanoi", "dept-hanoi");
        JsonNode subs = PortalStack.get(PortalStack.notify.url() + "/api/v1/subscriptions", token);
        assertThat(subs.toString()).contains("so.tttt@hanoi.example");
        String id = one("form[data-sub]").getAttribute("data-sub");
        WebElement emails = one("#emails-" + id);
        emails.clear();
        emails.sendKeys("phong.vt@hanoi.example");
        one("form[data-sub] button[value=save]").click();
        waitForPage(d -> all("#emails-" + id).size() == 1 && all("#emails-" + id).get(0).getAttribute("value").contains("phong.vt"));
        assertThat(PortalStack.get(PortalStack.notify.url() + "/api/v1/subscriptions", token).toString())
                .contains("phong.vt@hanoi.example").doesNotContain("so.tttt@hanoi.example");
        noSeriousViolations("the subscriptions page");
        one("form[data-sub] button[value=delete]").click();
        waitForPage(d -> all("#no-subs").size() == 1);
        assertThat(PortalStack.get(PortalStack.notify.url() + "/api/v1/subscriptions", token).size()).isZero();
    }

    @Test
    @Order(10)
    void logoutEndsTheKeycloakSessionToo() {
        open("/provinces/01/detail");
        one("#logout").click();
        new WebDriverWait(driver, Duration.ofSeconds(30)).until(d -> d.getCurrentUrl().startsWith(base) && !d.findElements(By.id("login")).isEmpty());
        open("/provinces/01/detail");
        assertThat(driver.getCurrentUrl()).as("back at Keycloak's login form, not signed in again silently").doesNotStartWith(base);
        assertThat(all("#username")).hasSize(1);
    }

    @Test
    @Order(11)
    void theMinistrySeesEveryProvinceAndTheNationalTable() {
        open("/login");
        login("ministry");
        assertThat(driver.getCurrentUrl()).startsWith(base + "/nation");
        assertThat(all("#ntable tbody tr")).hasSize(34);
        WebElement hcm = one("#ntable tr[data-code='79']");
        String token = KeycloakResource.accessToken("ministry", "ministry");
        JsonNode coverage = PortalStack.get(PortalStack.stats.url() + "/api/v1/coverage/vn-2025?network=fixed&period=last12m&province=79", token);
        JsonNode communes = coverage.path("levels").get(1);
        assertThat(hcm.findElement(By.cssSelector("td[data-col='fixed-commune']")).getText())
                .isEqualTo(communes.path("insufficient").asInt() + "/" + communes.path("units").asInt());
        Browser.screenshot(driver, "national-table");
        noSeriousViolations("the national table");
        open("/provinces/79/detail");
        assertThat(one("#units tr[data-code='" + PortalStack.BEN_THANH + "']").getAttribute("data-status")).isEqualTo("PUBLISHED");
        open("/logout");
    }

    @Test
    @Order(12)
    void whenStatsIsDownThePageSaysSoInABanner() {
        PortalStack.stats.stop();
        open("/provinces/01");
        assertThat(one("#problem").getAttribute("data-kind")).isEqualTo("apidown");
        assertThat(driver.getPageSource()).doesNotContain("Exception").doesNotContain("at vn.ispeed");
        Browser.screenshot(driver, "stats-down");
    }
}
