//! The web console in a real browser (Debian's Chromium, driven through its ChromeDriver),
//! against a real TLS hub and three real nodes, each serving its console.
//!
//! A Thai liaison officer logs in with a password and a TOTP code (by keyboard alone), posts a
//! relocation alert from the form and sends a referral; the Indonesian consulate's caseworker
//! sees both arrive without reloading, opens them (audited with her name) and accepts the
//! referral; the Thai console shows the status and the receipts. Along the way: a page without
//! a session goes to the login, a user without the role gets 403, a cross-origin POST is
//! refused, the security headers and cookie flags are read from real responses, the browser
//! reports no script error or CSP violation, and axe-core (vendored, run inside the page)
//! finds no serious or critical accessibility violation on any page, in four languages, at
//! 1280×800 and 390 pixels wide. Screenshots of each page in English, Thai, Khmer and Burmese
//! go to docs/console/.

mod common;
mod hubkit;

use std::process::{Child, Command, Stdio};
use std::time::Duration;

use common::{header, http};
use fantoccini::wd::{Capabilities, WebDriverCompatibleCommand};
use fantoccini::{Client as Browser, ClientBuilder, Locator};
use hubkit::{Hub, InProcess};
use serde_json::{json, Value};

const PASSWORD: &str = "correct horse battery staple";
const LANGS: [&str; 4] = ["en", "th", "km", "my"];

/// ChromeDriver on a free loopback port, stopped when dropped.
struct Driver {
    child: Child,
    url: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

fn tool(var: &str, default: &str) -> String {
    let path = std::env::var(var).unwrap_or_else(|_| default.to_owned());
    assert!(
        std::path::Path::new(&path).exists(),
        "{path} is missing: the browser test needs Debian's chromium and chromium-driver \
         (deploy/setup.sh installs them; or set {var})"
    );
    path
}

async fn driver() -> Driver {
    let bin = tool("JARING_CHROMEDRIVER", "/usr/bin/chromedriver");
    let port = jaring_testkit::free_port().unwrap();
    let child = Command::new(bin)
        .arg(format!("--port={port}"))
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let url = format!("http://127.0.0.1:{port}");
    let ok = common::wait_until(Duration::from_secs(20), || async {
        tokio::net::TcpStream::connect(("127.0.0.1", port))
            .await
            .is_ok()
    })
    .await;
    assert!(ok, "chromedriver did not start");
    Driver { child, url }
}

/// A browser at 1280×800, or (`phone`) one that lays pages out as a 390-pixel-wide phone
/// does (a desktop window cannot be made that narrow).
async fn browser(driver: &Driver, profile: &std::path::Path, phone: bool) -> Browser {
    let chromium = tool("JARING_CHROMIUM", "/usr/bin/chromium");
    let mut caps = Capabilities::new();
    let mut options = json!({
            "binary": chromium,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-background-networking", "--disable-component-update", "--disable-sync",
                "--no-first-run", "--disable-quic", "--disable-extensions", "--lang=en-US",
                "--window-size=1280,800", format!("--user-data-dir={}", profile.display()),
            ]
    });
    if phone {
        options["mobileEmulation"] =
            json!({"deviceMetrics": {"width": 390, "height": 844, "pixelRatio": 1.0}});
    }
    caps.insert("goog:chromeOptions".into(), options);
    caps.insert("goog:loggingPrefs".into(), json!({"browser": "ALL"}));
    let connector = hyper_util::client::legacy::connect::HttpConnector::new();
    ClientBuilder::new(connector)
        .capabilities(caps)
        .connect(&driver.url)
        .await
        .unwrap_or_else(|e| panic!("cannot start Chromium through ChromeDriver: {e}"))
}

/// ChromeDriver's browser log (console messages, CSP violations, script errors), drained.
#[derive(Debug)]
struct BrowserLog;

impl WebDriverCompatibleCommand for BrowserLog {
    fn endpoint(
        &self,
        base: &url::Url,
        session: Option<&str>,
    ) -> Result<url::Url, url::ParseError> {
        base.join(&format!("session/{}/se/log", session.unwrap_or_default()))
    }
    fn method_and_body(&self, _: &url::Url) -> (axum::http::Method, Option<String>) {
        (
            axum::http::Method::POST,
            Some(r#"{"type":"browser"}"#.into()),
        )
    }
}

/// Fails on any error the browser logged since the last call.
async fn no_browser_errors(b: &Browser, page: &str) {
    let log = b.issue_cmd(BrowserLog).await.unwrap();
    let errors: Vec<&Value> = log
        .as_array()
        .map(|a| a.iter().filter(|e| e["level"] == "SEVERE").collect())
        .unwrap_or_default();
    assert!(
        errors.is_empty(),
        "{page}: the browser reported errors: {errors:?}"
    );
}

/// Runs axe-core inside the page; fails on a serious or critical violation.
async fn accessible(b: &Browser, page: &str) {
    let axe = include_str!("../../../vendor/axe-core/axe.min.js");
    b.execute(&format!("{axe}\n;return true;"), vec![])
        .await
        .unwrap();
    let found = b
        .execute_async(
            "const done = arguments[arguments.length - 1];
             axe.run(document, {resultTypes: ['violations']})
               .then(r => done(r.violations.map(v => ({id: v.id, impact: v.impact, help: v.help,
                   nodes: v.nodes.slice(0, 3).map(n => n.html)}))))
               .catch(e => done([{id: 'axe-error', impact: 'critical', help: String(e)}]));",
            vec![],
        )
        .await
        .unwrap();
    let bad: Vec<&Value> = found
        .as_array()
        .map(|a| {
            a.iter()
                .filter(|v| v["impact"] == "serious" || v["impact"] == "critical")
                .collect()
        })
        .unwrap_or_default();
    assert!(bad.is_empty(), "{page}: axe-core found {bad:#?}");
    // axe's own work is not the page's: drop what it logged.
    let _ = b.issue_cmd(BrowserLog).await;
}

/// Checks a page as it is shown: no browser error, accessible, and (at phone width) nothing
/// wider than the screen.
async fn check_page(b: &Browser, page: &str) {
    no_browser_errors(b, page).await;
    accessible(b, page).await;
    let fits = b
        .execute(
            "return document.documentElement.scrollWidth <= document.documentElement.clientWidth + 1;",
            vec![],
        )
        .await
        .unwrap();
    if fits != json!(true) {
        let wide = b
            .execute(
                "return [...document.querySelectorAll('body, body *')]
                   .filter(e => e.getBoundingClientRect().right > document.documentElement.clientWidth + 1
                     || e.scrollWidth > document.documentElement.clientWidth + 1)
                   .slice(0, 8).map(e => [e.tagName, e.className, Math.round(e.getBoundingClientRect().right), e.scrollWidth]);",
                vec![],
            )
            .await
            .unwrap();
        panic!("{page}: wider than the window: {wide:#}");
    }
}

async fn screenshot(b: &Browser, name: &str) {
    let dir = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../docs/console");
    std::fs::create_dir_all(&dir).unwrap();
    let png = b.screenshot().await.unwrap();
    std::fs::write(dir.join(format!("{name}.png")), png).unwrap();
}

async fn source(b: &Browser) -> String {
    b.source().await.unwrap()
}

async fn totp_code(secret: &str) -> String {
    let now = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap()
        .as_secs();
    jaring_console::totp::code_at(secret, now).unwrap()
}

/// Logs in by keyboard alone: the name, Tab, the password, Tab, the code, Enter.
async fn login(b: &Browser, base: &str, name: &str, secret: Option<&str>) {
    b.goto(&format!("{base}/login?lang=en")).await.unwrap();
    let code = match secret {
        Some(s) => totp_code(s).await,
        None => String::new(),
    };
    let keys = format!("{name}\u{E004}{PASSWORD}\u{E004}{code}\u{E007}");
    b.find(Locator::Id("name"))
        .await
        .unwrap()
        .send_keys(&keys)
        .await
        .unwrap();
    let ok = common::wait_until(Duration::from_secs(10), || async {
        b.current_url().await.unwrap().path() == "/inbox"
    })
    .await;
    assert!(ok, "{name} did not reach the inbox: {}", source(b).await);
}

async fn fill(b: &Browser, id: &str, text: &str) {
    b.find(Locator::Id(id))
        .await
        .unwrap()
        .send_keys(text)
        .await
        .unwrap();
}

async fn set_value(b: &Browser, id: &str, value: &str) {
    b.execute(
        "document.getElementById(arguments[0]).value = arguments[1];",
        vec![json!(id), json!(value)],
    )
    .await
    .unwrap();
}

/// The element, once the page shows it (a click that navigates may return before the new
/// page is there).
async fn find(b: &Browser, css: &str) -> fantoccini::elements::Element {
    match b
        .wait()
        .at_most(Duration::from_secs(10))
        .for_element(Locator::Css(css))
        .await
    {
        Ok(e) => e,
        Err(e) => panic!("{css}: {e}: {}", source(b).await),
    }
}

async fn click(b: &Browser, css: &str) {
    find(b, css).await.click().await.unwrap();
}

/// The message id in the URL of the page a send ended on.
async fn sent_id(b: &Browser) -> String {
    landed(b, "done=sent").await;
    let url = b.current_url().await.unwrap();
    assert!(
        url.query().unwrap_or("").contains("done=sent"),
        "not sent: {url}: {}",
        source(b).await
    );
    url.path().trim_start_matches("/messages/").to_owned()
}

/// Waits until the browser is on a page whose query holds `mark`.
async fn landed(b: &Browser, mark: &str) {
    let ok = common::wait_until(Duration::from_secs(10), || async {
        b.current_url()
            .await
            .unwrap()
            .query()
            .unwrap_or("")
            .contains(mark)
    })
    .await;
    assert!(ok, "never reached a page with {mark}: {}", source(b).await);
}

/// Waits, without reloading, until the page shows a link to message `id`.
async fn arrives(b: &Browser, id: &str) {
    let css = format!("a[href^='/messages/{id}']");
    let ok = common::wait_until(Duration::from_secs(30), || async {
        b.find(Locator::Css(&css)).await.is_ok()
    })
    .await;
    assert!(ok, "{id} did not appear in the inbox");
}

/// Adds `name` with `roles` on `node` and sets their console password; the TOTP secret.
async fn user(node: &InProcess, name: &str, roles: &[&str], totp: bool) -> Option<String> {
    node.call(
        "POST",
        "/v1/users",
        Some(json!({"name": name, "unix": format!("{name}-nologin"), "roles": roles})),
    )
    .await;
    let answer = node
        .call(
            "PUT",
            &format!("/v1/users/{name}/password"),
            Some(json!({"password": PASSWORD, "totp": totp})),
        )
        .await;
    answer["totp_secret"].as_str().map(str::to_owned)
}

async fn session_cookie(b: &Browser, port: u16) -> String {
    let name = jaring_console::session::cookie_name(port);
    let cookies = b.get_all_cookies().await.unwrap();
    let c = cookies
        .iter()
        .find(|c| c.name() == name)
        .unwrap_or_else(|| panic!("no cookie {name} in {cookies:?}"));
    assert_eq!(c.http_only(), Some(true), "the session cookie is HttpOnly");
    assert_eq!(c.secure(), Some(true), "the session cookie is Secure");
    assert_eq!(
        c.same_site().map(|s| format!("{s:?}")).as_deref(),
        Some("Strict"),
        "the session cookie is SameSite=Strict"
    );
    format!("{name}={}", c.value())
}

/// Sets the user's language on the account page.
async fn language(b: &Browser, base: &str, lang: &str) {
    b.goto(&format!("{base}/account")).await.unwrap();
    b.find(Locator::Id("language"))
        .await
        .unwrap()
        .select_by_value(lang)
        .await
        .unwrap();
    click(b, "form[action='/account/language'] button").await;
    find(b, &format!("html[lang='{lang}'] p.notice")).await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn officials_work_a_case_through_the_console_in_a_real_browser() {
    let tmp = tempfile::tempdir().unwrap();
    let hub = Hub::start(tmp.path(), 1).await;
    let mut ports = Vec::new();
    let mut nodes = Vec::new();
    for id in ["TH-RTP", "ID-KEMLU-PNH", "PH-DFA"] {
        let port = jaring_testkit::free_port().unwrap();
        ports.push(port);
        let config = hub.node_config(id, |c| {
            c.console = Some(jaring_console::ConsoleConfig {
                listen: std::net::SocketAddr::from(([127, 0, 0, 1], port)),
                ..Default::default()
            });
        });
        nodes.push(InProcess::start(config).await);
    }
    let [th, id, _ph] = [&nodes[0], &nodes[1], &nodes[2]];
    let th_url = format!("http://127.0.0.1:{}", ports[0]);
    let id_url = format!("http://127.0.0.1:{}", ports[1]);

    // Somchai, a Thai liaison officer who also refers victims; Ayu, a caseworker at the
    // Indonesian embassy who reads alerts too; Budi, the embassy's auditor and admin; Nok, a
    // Thai auditor without a second factor (her role does not require one).
    let somchai = user(th, "somchai", &["liaison", "caseworker"], true)
        .await
        .unwrap();
    let ayu = user(id, "ayu", &["liaison", "caseworker"], false).await;
    let ayu = ayu.expect("a caseworker is enrolled in TOTP without asking");
    let budi = user(id, "budi", &["auditor", "admin"], false)
        .await
        .unwrap();
    assert!(user(th, "nok", &["auditor"], false).await.is_none());
    let lek = user(th, "lek", &["liaison", "caseworker"], false)
        .await
        .unwrap();

    // Without a session, the console sends the browser to the login; its headers are strict.
    let (status, h, _) = http("GET", &format!("{th_url}/inbox"), &[], "").await;
    assert_eq!(status, 303);
    assert_eq!(header(&h, "location"), "/login");
    let (status, h, _) = http("GET", &format!("{th_url}/login"), &[], "").await;
    assert_eq!(status, 200);
    let csp = header(&h, "content-security-policy");
    for part in [
        "default-src 'none'",
        "script-src 'self'",
        "frame-ancestors 'none'",
        "form-action 'self'",
    ] {
        assert!(csp.contains(part), "CSP {csp} lacks {part}");
    }
    assert!(
        !csp.contains("unsafe-inline") && !csp.contains("unsafe-eval"),
        "{csp}"
    );
    assert_eq!(header(&h, "referrer-policy"), "no-referrer");
    assert_eq!(header(&h, "x-frame-options"), "DENY");
    assert_eq!(header(&h, "cache-control"), "no-store");
    // A real login's cookie, read from the response: Nok has no second factor.
    let form = format!("name=nok&password={}&code=", PASSWORD.replace(' ', "+"));
    let (status, h, _) = http(
        "POST",
        &format!("{th_url}/login"),
        &[
            ("content-type", "application/x-www-form-urlencoded"),
            ("sec-fetch-site", "same-origin"),
        ],
        &form,
    )
    .await;
    assert_eq!(status, 303, "nok logs in");
    let set_cookie = header(&h, "set-cookie");
    for flag in [
        "HttpOnly",
        "Secure",
        "SameSite=Strict",
        "Path=/",
        "__Host-jaring-",
    ] {
        assert!(set_cookie.contains(flag), "{set_cookie} lacks {flag}");
    }
    // Somchai, without his code, is refused; the failure is audited.
    let form = format!("name=somchai&password={}&code=", PASSWORD.replace(' ', "+"));
    let (status, _, body) = http(
        "POST",
        &format!("{th_url}/login"),
        &[
            ("content-type", "application/x-www-form-urlencoded"),
            ("sec-fetch-site", "same-origin"),
        ],
        &form,
    )
    .await;
    assert_eq!(status, 401);
    assert!(body.contains("authenticator code"), "{body}");

    let driver = driver().await;
    let th_b = browser(&driver, &tmp.path().join("chromium-th"), false).await;
    let id_b = browser(&driver, &tmp.path().join("chromium-id"), false).await;

    login(&th_b, &th_url, "somchai", Some(&somchai)).await;
    check_page(&th_b, "inbox").await;
    login(&id_b, &id_url, "ayu", Some(&ayu)).await;
    // Ayu watches her inbox; the marker would vanish if the page reloaded.
    id_b.execute("window.__stay = 42; return true;", vec![])
        .await
        .unwrap();

    // Somchai posts an alert from the form; the review names exactly who can read it.
    th_b.goto(&format!("{th_url}/new/alert")).await.unwrap();
    check_page(&th_b, "new alert").await;
    fill(&th_b, "compound_name", "Golden Fortune").await;
    fill(&th_b, "compound_aliases", "GF Park").await;
    fill(&th_b, "from_country", "KH").await;
    fill(&th_b, "from_name", "O'Smach").await;
    fill(&th_b, "to_country", "MM").await;
    fill(&th_b, "to_name", "Shwe Kokko").await;
    for (field, value) in [
        ("from_lat", "14.42"),
        ("from_lon", "103.68"),
        ("to_lat", "16.85"),
        ("to_lon", "98.52"),
        ("to_precision_m", "3000"),
    ] {
        fill(&th_b, field, value).await;
    }
    fill(&th_b, "to_admin", "Kayin").await;
    fill(
        &th_b,
        "operators",
        "Example Holdings, alias=EHG, kind=company",
    )
    .await;
    click(&th_b, "input[name='scam_types'][value='crypto-investment']").await;
    set_value(&th_b, "observed_at", "2026-11-20T06:00").await;
    th_b.find(Locator::Id("source_reliability"))
        .await
        .unwrap()
        .select_by_value("B")
        .await
        .unwrap();
    th_b.find(Locator::Id("info_credibility"))
        .await
        .unwrap()
        .select_by_value("2")
        .await
        .unwrap();
    fill(
        &th_b,
        "indicators",
        "domain gf-invest.example\nsocial-handle @GoldenJobs, platform=telegram, role=recruitment",
    )
    .await;
    fill(&th_b, "narrative", "About 300 people moved by night.").await;
    click(&th_b, "input[name='to'][value='ID-KEMLU-PNH']").await;
    click(&th_b, "input[name='to'][value='PH-DFA']").await;
    click(&th_b, "form.compose button[type='submit']").await;
    find(&th_b, "ul.readers").await;
    let review = source(&th_b).await;
    assert!(review.contains("2 agencies"), "{review}");
    assert!(review.contains("ID-KEMLU-PNH") && review.contains("PH-DFA"));
    check_page(&th_b, "review").await;
    click(&th_b, "button[value='send']").await;
    let alert = sent_id(&th_b).await;

    // Ayu sees it arrive without reloading, and opens it: audited with her name.
    arrives(&id_b, &alert).await;
    assert_eq!(
        id_b.execute("return window.__stay;", vec![]).await.unwrap(),
        json!(42),
        "the inbox reloaded"
    );
    no_browser_errors(&id_b, "live inbox").await;
    click(&id_b, &format!("a[href^='/messages/{alert}']")).await;
    find(&id_b, "form[action$='/open']").await;
    check_page(&id_b, "gate").await;
    click(&id_b, "form[action$='/open'] button").await;
    find(&id_b, "#content").await;
    let opened = source(&id_b).await;
    assert!(
        opened.contains("Golden Fortune") && opened.contains("O&#39;Smach")
            || opened.contains("O'Smach"),
        "{opened}"
    );
    assert!(
        opened.contains("B2: usually reliable, probably true"),
        "{opened}"
    );
    assert!(opened.contains("TLP:AMBER"), "{opened}");
    check_page(&id_b, "message").await;
    let viewed = id
        .call(
            "GET",
            &format!("/v1/audit/entries?message={alert}&event=viewed"),
            None,
        )
        .await;
    assert!(
        viewed["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["user"] == "ayu"),
        "{viewed}"
    );

    // A referral: consent must be stated, and the error says so beside the field.
    th_b.goto(&format!("{th_url}/new/referral")).await.unwrap();
    check_page(&th_b, "new referral").await;
    fill(&th_b, "case_ref", "RTP-2026-0042").await;
    fill(&th_b, "nationality", "ID").await;
    set_value(&th_b, "identified_at", "2026-11-21T09:30").await;
    fill(&th_b, "location_country", "TH").await;
    fill(&th_b, "location_name", "Mae Sot").await;
    click(&th_b, "input[name='needs'][value='medical']").await;
    click(&th_b, "input[name='to'][value='ID-KEMLU-PNH']").await;
    click(&th_b, "form.compose button[type='submit']").await;
    let err = find(&th_b, "#consent-error").await.text().await.unwrap();
    assert!(err.contains("consented"), "{err}");
    check_page(&th_b, "form with errors").await;
    click(&th_b, "input[name='consent'][value='given']").await;
    click(&th_b, "form.compose button[type='submit']").await;
    find(&th_b, "ul.readers").await;
    assert!(source(&th_b).await.contains("1 agency"));
    click(&th_b, "button[value='send']").await;
    let referral = sent_id(&th_b).await;

    // Ayu accepts it.
    id_b.goto(&format!("{id_url}/inbox")).await.unwrap();
    arrives(&id_b, &referral).await;
    click(&id_b, &format!("a[href^='/messages/{referral}']")).await;
    click(&id_b, "form[action$='/open'] button").await;
    find(&id_b, "#content").await;
    assert!(source(&id_b).await.contains("RTP-2026-0042"));
    fill(&id_b, "notes-accepted", "Consular officer assigned").await;
    click(&id_b, "#workflow-accepted").await;
    landed(&id_b, "done=status").await;

    // Somchai sees the status and both receipts on the Sent page.
    let ok = common::wait_until(Duration::from_secs(30), || async {
        th_b.goto(&format!("{th_url}/sent")).await.unwrap();
        let s = source(&th_b).await;
        s.contains("<strong>accepted</strong>") && s.matches("delivery-delivered").count() >= 3
    })
    .await;
    assert!(ok, "{}", source(&th_b).await);
    check_page(&th_b, "sent").await;

    // Roles: Somchai is no admin; the refusal is a 403 page, audited.
    let cookie = session_cookie(&th_b, ports[0]).await;
    let (status, _, _) = http(
        "GET",
        &format!("{th_url}/status"),
        &[("cookie", &cookie)],
        "",
    )
    .await;
    assert_eq!(status, 403);
    let (status, h, _) = http(
        "GET",
        &format!("{th_url}/inbox"),
        &[("cookie", &cookie)],
        "",
    )
    .await;
    assert_eq!((status, header(&h, "cache-control")), (200, "no-store"));
    let denied = th
        .call("GET", "/v1/audit/entries?event=denied&user=somchai", None)
        .await;
    assert!(!denied["items"].as_array().unwrap().is_empty(), "{denied}");
    // A cross-origin POST, with the session cookie, is refused: by Sec-Fetch-Site, by
    // Origin, and with neither.
    let form = [("content-type", "application/x-www-form-urlencoded")];
    for extra in [
        vec![("sec-fetch-site", "cross-site")],
        vec![("origin", "http://evil.example")],
        vec![],
    ] {
        let mut headers = vec![("cookie", cookie.as_str()), form[0]];
        headers.extend(extra.iter().copied());
        let (status, _, _) = http(
            "POST",
            &format!("{th_url}/new/alert"),
            &headers,
            "step=send&tlp=red",
        )
        .await;
        assert_eq!(status, 403, "{extra:?}");
    }
    let (status, _, _) = http(
        "POST",
        &format!("{th_url}/new/alert"),
        &[("cookie", &cookie), form[0], ("origin", &th_url)],
        "step=review",
    )
    .await;
    assert_eq!(status, 200, "same origin passes the check");

    // Every page, in four languages: screenshots, axe, no errors; then at phone width.
    id_b.goto(&format!("{id_url}/account")).await.unwrap();
    click(&id_b, "form[action='/logout'] button").await;
    login(&id_b, &id_url, "budi", Some(&budi)).await;
    for lang in LANGS {
        language(&th_b, &th_url, lang).await;
        language(&id_b, &id_url, lang).await;
        let pages: [(&Browser, String, &str); 8] = [
            (&th_b, format!("{th_url}/inbox"), "inbox"),
            (
                &th_b,
                format!("{th_url}/compounds?q=Golden%20Fortune"),
                "compound",
            ),
            (&th_b, format!("{th_url}/new/alert"), "new-alert"),
            (&th_b, format!("{th_url}/new/referral"), "new-referral"),
            (&th_b, format!("{th_url}/sent"), "sent"),
            (&id_b, format!("{id_url}/status"), "status"),
            (
                &id_b,
                format!("{id_url}/audit?message={alert}&event=viewed"),
                "audit",
            ),
            (&id_b, format!("{id_url}/account"), "account"),
        ];
        for (b, url, name) in pages {
            b.goto(&url).await.unwrap();
            check_page(b, &format!("{name} ({lang})")).await;
            screenshot(b, &format!("{name}-{lang}")).await;
        }
        th_b.goto(&format!("{th_url}/messages/{alert}?sender=TH-RTP"))
            .await
            .unwrap();
        click(&th_b, "form[action$='/open'] button").await;
        find(&th_b, "#content").await;
        check_page(&th_b, &format!("message ({lang})")).await;
        screenshot(&th_b, &format!("message-{lang}")).await;
        id_b.goto(&format!("{id_url}/login?lang={lang}"))
            .await
            .unwrap();
        check_page(&id_b, &format!("login ({lang})")).await;
        screenshot(&id_b, &format!("login-{lang}")).await;
    }
    id_b.goto(&format!("{id_url}/audit?message={alert}&event=viewed"))
        .await
        .unwrap();
    assert!(
        source(&id_b).await.contains(">ayu<"),
        "who opened the alert"
    );
    // The compound's trail, drawn by the node: the move on the map, the form's new fields
    // carried through (the reference the form gave, the operator), audited as a view.
    th_b.goto(&format!("{th_url}/compounds?q=Golden%20Fortune"))
        .await
        .unwrap();
    let trail = source(&th_b).await;
    assert!(
        trail.contains("<svg") && trail.contains("Shwe Kokko") && trail.contains("O'Smach"),
        "{trail}"
    );
    assert!(trail.contains("id=\"positions\""), "{trail}");
    // A new alert about this compound, opened from its trail, repeats its reference and name
    // (the form gave the first alert a fresh one).
    let reference = find(&th_b, "dl.facts code").await.text().await.unwrap();
    assert!(uuid::Uuid::parse_str(&reference).is_ok(), "{reference}");
    click(&th_b, "#report-new").await;
    let value = |name: &'static str| {
        let b = th_b.clone();
        async move {
            find(&b, &format!("input[name='{name}']"))
                .await
                .prop("value")
                .await
                .unwrap()
                .unwrap_or_default()
        }
    };
    assert_eq!(value("compound_ref").await, reference);
    assert_eq!(value("compound_name").await, "Golden Fortune");
    let opened_again = open_message(&th_b, &th_url, &alert).await;
    assert!(
        opened_again.contains("Example Holdings") && opened_again.contains("telegram"),
        "{opened_again}"
    );
    // So does one opened from the alert itself.
    click(&th_b, "#report-new").await;
    assert_eq!(value("compound_ref").await, reference);
    // On a phone, as Lek, another Thai officer: every page fits the screen's width.
    let phone = browser(&driver, &tmp.path().join("chromium-phone"), true).await;
    login(&phone, &th_url, "lek", Some(&lek)).await;
    let width = phone
        .execute("return document.documentElement.clientWidth;", vec![])
        .await
        .unwrap();
    assert_eq!(width, json!(390));
    for path in [
        "/inbox",
        "/new/alert",
        "/new/referral",
        "/sent",
        "/account",
        "/compounds?q=Golden%20Fortune",
    ] {
        phone.goto(&format!("{th_url}{path}")).await.unwrap();
        check_page(&phone, &format!("{path} at 390 pixels")).await;
    }
    phone
        .goto(&format!("{th_url}/messages/{referral}?sender=TH-RTP"))
        .await
        .unwrap();
    click(&phone, "form[action$='/open'] button").await;
    find(&phone, "#content").await;
    check_page(&phone, "referral at 390 pixels").await;
    screenshot(&phone, "phone-referral-en").await;
    phone.close().await.unwrap();

    // No browser reported a Content-Security-Policy violation to any console.
    for n in &nodes {
        let reports = n
            .console
            .as_ref()
            .unwrap()
            .csp_reports
            .load(std::sync::atomic::Ordering::Relaxed);
        assert_eq!(reports, 0, "CSP violations reported");
    }
    th_b.close().await.unwrap();
    id_b.close().await.unwrap();
    for n in nodes {
        n.shutdown().await;
    }
}

/// Opens message `id` as the browser's user and returns the page.
async fn open_message(b: &Browser, url: &str, id: &str) -> String {
    b.goto(&format!("{url}/messages/{id}?sender=TH-RTP"))
        .await
        .unwrap();
    click(b, "form[action$='/open'] button").await;
    find(b, "#content").await;
    source(b).await
}
