//! Just enough WebDriver (W3C) to drive Debian's chromium through chromedriver: start a
//! session, navigate, find, read, type, choose, tick, attach a file, click, run a script.

use std::net::TcpListener;
use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::{Value, json};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";

/// A running chromedriver, stopped when dropped.
pub struct ChromeDriver {
    child: Child,
    pub url: String,
    _profiles: tempfile::TempDir,
    profiles: std::path::PathBuf,
}

impl Drop for ChromeDriver {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Where Debian puts them.
pub fn binaries() -> Option<(String, String)> {
    let chromium = ["/usr/bin/chromium", "/usr/bin/chromium-browser"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())?;
    let driver = ["/usr/bin/chromedriver"]
        .into_iter()
        .find(|p| std::path::Path::new(p).exists())?;
    Some((chromium.to_string(), driver.to_string()))
}

fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0")
        .and_then(|l| l.local_addr())
        .map(|a| a.port())
        .expect("a free port")
}

fn agent() -> ureq::Agent {
    ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(60)))
        .http_status_as_error(false)
        .build()
        .into()
}

fn call(method: &str, url: &str, body: Option<Value>) -> Value {
    let a = agent();
    let mut res = match (method, body) {
        ("GET", _) => a.get(url).call(),
        ("DELETE", _) => a.delete(url).call(),
        (_, Some(b)) => a.post(url).send_json(b),
        (_, None) => a.post(url).send_json(json!({})),
    }
    .unwrap_or_else(|e| panic!("WebDriver {method} {url}: {e}"));
    let v: Value = res
        .body_mut()
        .with_config()
        .limit(64 * 1024 * 1024)
        .read_json()
        .unwrap_or(Value::Null);
    if let Some(err) = v["value"].get("error") {
        panic!("WebDriver {method} {url}: {err}: {}", v["value"]["message"]);
    }
    v["value"].clone()
}

impl ChromeDriver {
    pub fn start(driver: &str) -> ChromeDriver {
        let port = free_port();
        let child = Command::new(driver)
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("start chromedriver");
        let url = format!("http://127.0.0.1:{port}");
        let deadline = Instant::now() + Duration::from_secs(20);
        loop {
            let ready = agent()
                .get(&format!("{url}/status"))
                .call()
                .ok()
                .and_then(|mut r| r.body_mut().read_json::<Value>().ok())
                .is_some_and(|v| v["value"]["ready"] == true);
            if ready {
                break;
            }
            assert!(Instant::now() < deadline, "chromedriver did not start");
            std::thread::sleep(Duration::from_millis(100));
        }
        let profiles = tempfile::tempdir().expect("profile directory");
        ChromeDriver {
            child,
            url,
            profiles: profiles.path().to_path_buf(),
            _profiles: profiles,
        }
    }

    /// A headless browser session; `javascript: false` turns scripts off for every page, as for
    /// a visitor whose browser does not run them.
    pub fn session(&self, chromium: &str, javascript: bool) -> Browser {
        let profile = self.profiles.join(format!("p{}", free_port()));
        let mut options = json!({
            "binary": chromium,
            "args": [
                "--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage",
                "--disable-quic", "--no-first-run", "--disable-background-networking",
                "--disable-component-update", "--disable-sync", "--window-size=1280,1024",
                format!("--user-data-dir={}", profile.display()),
            ],
        });
        if !javascript {
            options["prefs"] = json!({"profile.managed_default_content_settings.javascript": 2});
        }
        let caps = json!({"capabilities": {"alwaysMatch": {
            "browserName": "chrome",
            "goog:chromeOptions": options,
        }}});
        let v = call("POST", &format!("{}/session", self.url), Some(caps));
        let id = v["sessionId"].as_str().expect("a session id").to_string();
        Browser {
            base: format!("{}/session/{id}", self.url),
        }
    }
}

/// One browser session, ended when dropped.
pub struct Browser {
    base: String,
}

impl Drop for Browser {
    fn drop(&mut self) {
        let _ = agent().delete(&self.base).call();
    }
}

impl Browser {
    pub fn goto(&self, url: &str) {
        call(
            "POST",
            &format!("{}/url", self.base),
            Some(json!({"url": url})),
        );
    }

    pub fn url(&self) -> String {
        call("GET", &format!("{}/url", self.base), None)
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    pub fn source(&self) -> String {
        call("GET", &format!("{}/source", self.base), None)
            .as_str()
            .unwrap_or("")
            .to_string()
    }

    pub fn find(&self, css: &str) -> String {
        let v = call(
            "POST",
            &format!("{}/element", self.base),
            Some(json!({"using": "css selector", "value": css})),
        );
        v[ELEMENT].as_str().expect("an element").to_string()
    }

    pub fn clear(&self, css: &str) {
        let el = self.find(css);
        call("POST", &format!("{}/element/{el}/clear", self.base), None);
    }

    pub fn type_into(&self, css: &str, text: &str) {
        let el = self.find(css);
        call(
            "POST",
            &format!("{}/element/{el}/value", self.base),
            Some(json!({"text": text})),
        );
    }

    pub fn click(&self, css: &str) {
        let el = self.find(css);
        call("POST", &format!("{}/element/{el}/click", self.base), None);
    }

    /// Every element `css` matches (none is not an error).
    pub fn find_all(&self, css: &str) -> Vec<String> {
        let v = call(
            "POST",
            &format!("{}/elements", self.base),
            Some(json!({"using": "css selector", "value": css})),
        );
        v.as_array()
            .map(|a| {
                a.iter()
                    .filter_map(|e| e[ELEMENT].as_str().map(String::from))
                    .collect()
            })
            .unwrap_or_default()
    }

    pub fn exists(&self, css: &str) -> bool {
        !self.find_all(css).is_empty()
    }

    fn element_text(&self, el: &str) -> String {
        call("GET", &format!("{}/element/{el}/text", self.base), None)
            .as_str()
            .unwrap_or("")
            .trim()
            .to_string()
    }

    /// The text of the element as the page shows it.
    pub fn text(&self, css: &str) -> String {
        let el = self.find(css);
        self.element_text(&el)
    }

    /// The shown texts of every element `css` matches.
    pub fn texts(&self, css: &str) -> Vec<String> {
        self.find_all(css)
            .iter()
            .map(|el| self.element_text(el))
            .collect()
    }

    /// The current value of a form field.
    pub fn value(&self, css: &str) -> String {
        let el = self.find(css);
        call(
            "GET",
            &format!("{}/element/{el}/property/value", self.base),
            None,
        )
        .as_str()
        .unwrap_or("")
        .to_string()
    }

    /// Whether a checkbox or radio button is ticked, or an option chosen.
    pub fn is_selected(&self, css: &str) -> bool {
        let el = self.find(css);
        call("GET", &format!("{}/element/{el}/selected", self.base), None) == Value::Bool(true)
    }

    /// Chooses the option of a `<select>` whose shown text is `label`.
    pub fn choose(&self, select: &str, label: &str) {
        let options = self.find_all(&format!("{select} option"));
        let texts: Vec<String> = options.iter().map(|o| self.element_text(o)).collect();
        let Some(i) = texts.iter().position(|t| t == label) else {
            panic!("{select} has no option “{label}”: {texts:?}");
        };
        call(
            "POST",
            &format!("{}/element/{}/click", self.base, options[i]),
            None,
        );
    }

    /// The shown text of the chosen option of a `<select>`.
    pub fn chosen(&self, select: &str) -> String {
        let options = self.find_all(&format!("{select} option"));
        options
            .iter()
            .find(|o| {
                call("GET", &format!("{}/element/{o}/selected", self.base), None)
                    == Value::Bool(true)
            })
            .map(|o| self.element_text(o))
            .unwrap_or_default()
    }

    /// Ticks a checkbox (or chooses a radio button) unless it already is.
    pub fn tick(&self, css: &str) {
        if !self.is_selected(css) {
            self.click(css);
        }
    }

    /// Chooses a file for an `<input type=file>`, as a person picking it from their disk.
    pub fn attach_file(&self, css: &str, path: &std::path::Path) {
        assert!(path.is_absolute(), "a file input takes an absolute path");
        self.type_into(css, &path.to_string_lossy());
    }

    /// Clicks a button or link and waits until the next page has arrived.
    pub fn press(&self, css: &str) {
        let before = self.find("html");
        self.click(css);
        self.wait_until("the next page arrives", |b| {
            b.find_all("html").first().is_some_and(|now| *now != before)
        });
    }

    /// Runs a script that calls its last argument when done, and returns what it passed.
    pub fn execute_async(&self, script: &str) -> Value {
        call(
            "POST",
            &format!("{}/execute/async", self.base),
            Some(json!({"script": script, "args": []})),
        )
    }

    /// Waits (up to ten seconds) until `done` holds: a click starts a navigation but does not
    /// always wait for the next page to arrive.
    pub fn wait_until(&self, what: &str, done: impl Fn(&Browser) -> bool) {
        let deadline = Instant::now() + Duration::from_secs(10);
        while !done(self) {
            assert!(
                Instant::now() < deadline,
                "timed out waiting until {what}: at {}",
                self.url()
            );
            std::thread::sleep(Duration::from_millis(50));
        }
    }

    pub fn execute(&self, script: &str) -> Value {
        call(
            "POST",
            &format!("{}/execute/sync", self.base),
            Some(json!({"script": script, "args": []})),
        )
    }
}
