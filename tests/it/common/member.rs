//! Members: signing up and in through the site's own forms, the mail they receive, and
//! acting as them (pages, forms, comments).

use super::*;

pub const PASSWORD: &str = "correct horse battery";

/// A signed-in member with their own cookie jar.
pub struct Member {
    pub client: reqwest::Client,
    pub csrf: String,
    pub name: String,
    pub email: String,
    base: String,
}

/// The value of the first `<input name=csrf>` on a page.
pub fn csrf_of(body: &str) -> String {
    attrs(&html(body), "input[name=csrf]", "value")
        .into_iter()
        .next()
        .unwrap_or_else(|| panic!("no csrf field in:\n{body}"))
}

/// How long a test waits for a mail; every wait ends as soon as the mail is in.
pub const MAIL_WAIT: Duration = Duration::from_secs(20);

/// The mails a server with data directory `data_dir` wrote to its outbox (no SMTP relay),
/// oldest first.
pub fn outbox(data_dir: &std::path::Path) -> Vec<smtp::ReceivedMail> {
    let mut files: Vec<(std::time::SystemTime, std::path::PathBuf)> =
        std::fs::read_dir(data_dir.join("outbox"))
            .into_iter()
            .flatten()
            .filter_map(|e| {
                let e = e.ok()?;
                let path = e.path();
                if path.extension()? != "eml" {
                    return None;
                }
                Some((e.metadata().ok()?.modified().ok()?, path))
            })
            .collect();
    files.sort();
    files
        .into_iter()
        .filter_map(|(_, path)| std::fs::read_to_string(path).ok())
        .map(smtp::ReceivedMail::from_file)
        .collect()
}

/// Signs `name` up (as name@example.org) through the server at `base` whose data directory is
/// `data_dir` (a `broadsheet serve` process): the form, then the link in its outbox.
pub async fn member_at(base: &str, data_dir: &std::path::Path, name: &str) -> Member {
    let client = client();
    let get = |path: String| {
        let client = client.clone();
        async move { client.get(path).send().await.unwrap().text().await.unwrap() }
    };
    let email = format!("{}@example.org", name.to_lowercase().replace(' ', "."));
    let page = get(format!("{base}/signup")).await;
    let r = client
        .post(format!("{base}/signup"))
        .form(&[
            ("csrf", csrf_of(&page).as_str()),
            ("display_name", name),
            ("email", &email),
            ("password", PASSWORD),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 200, "sign-up of {name}");
    let deadline = tokio::time::Instant::now() + MAIL_WAIT;
    let token = loop {
        let found = outbox(data_dir)
            .iter()
            .filter(|m| m.to.iter().any(|t| t == &email))
            .find_map(|m| smtp::link_containing(&m.text(), "/signup/"));
        if let Some(link) = found {
            // The process's base URL may not name its port: only the token is taken.
            break link.rsplit("/signup/").next().unwrap().to_owned();
        }
        assert!(
            tokio::time::Instant::now() < deadline,
            "no sign-up link for {email} in {}",
            data_dir.display()
        );
        tokio::time::sleep(Duration::from_millis(25)).await;
    };
    let link = format!("{base}/signup/{token}");
    let page = get(link.clone()).await;
    let r = client
        .post(&link)
        .form(&[("csrf", csrf_of(&page).as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(r.status(), 303, "confirming the sign-up of {name}");
    let settings = get(format!("{base}/settings")).await;
    Member {
        csrf: csrf_of(&settings),
        client,
        name: name.to_owned(),
        email,
        base: base.to_owned(),
    }
}

impl TestApp {
    /// Every mail the app has sent so far, oldest first: from its SMTP receiver when it has one,
    /// else the `.eml` files in its outbox.
    pub async fn mails(&self) -> Vec<smtp::ReceivedMail> {
        if let Some(receiver) = &self.smtp {
            return receiver.messages().await;
        }
        outbox(self.data_dir.path())
    }

    /// The mails to `address` so far, oldest first.
    pub async fn mails_to(&self, address: &str) -> Vec<smtp::ReceivedMail> {
        self.mails()
            .await
            .into_iter()
            .filter(|m| m.to.iter().any(|t| t.eq_ignore_ascii_case(address)))
            .collect()
    }

    /// Waits until `address` has been mailed at least `n` links whose path contains `needle`,
    /// and returns them all, oldest first (as full URLs).
    pub async fn wait_for_links(&self, address: &str, needle: &str, n: usize) -> Vec<String> {
        let deadline = tokio::time::Instant::now() + MAIL_WAIT;
        loop {
            let links: Vec<String> = self
                .mails_to(address)
                .await
                .iter()
                .filter_map(|m| smtp::link_containing(&m.text(), needle))
                .collect();
            if links.len() >= n {
                return links;
            }
            assert!(
                tokio::time::Instant::now() < deadline,
                "{address} got {} of {n} links with {needle}: {:#?}",
                links.len(),
                self.mails_to(address).await
            );
            tokio::time::sleep(Duration::from_millis(25)).await;
        }
    }

    /// The newest link with `needle` mailed to `address`, once there is one, as a path on
    /// this site.
    pub async fn mailed_link(&self, address: &str, needle: &str) -> String {
        let link = self.wait_for_links(address, needle, 1).await.pop().unwrap();
        let base = self.url("");
        link.strip_prefix(&base)
            .unwrap_or_else(|| panic!("{link} is on the site {base}"))
            .to_owned()
    }

    /// Sends the sign-up form with `client` (and `return_to`, when given) and asserts the
    /// "check your e-mail" answer.
    pub async fn send_signup(
        &self,
        client: &reqwest::Client,
        name: &str,
        email: &str,
        extra: &[(&str, &str)],
    ) {
        let mut form = vec![
            ("display_name", name),
            ("email", email),
            ("password", PASSWORD),
        ];
        form.extend_from_slice(extra);
        let r = self.submit_form(client, "/signup", &form).await;
        let status = r.status();
        let body = r.text().await.unwrap();
        assert_eq!(status, 200, "sign-up of {name}:\n{body}");
        assert!(
            body.contains("Check your e-mail"),
            "sign-up of {name}:\n{body}"
        );
    }

    /// Follows the newest sign-up link mailed to `email` with `client`, presses "Create
    /// account", and returns the answer (a redirect when the account was made).
    pub async fn confirm_signup(&self, client: &reqwest::Client, email: &str) -> reqwest::Response {
        let link = self.mailed_link(email, "/signup/").await;
        let page = client
            .get(self.url(&link))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        // A link that no longer works shows no form: the token of another page is as good.
        let csrf = match attrs(&html(&page), "input[name=csrf]", "value").pop() {
            Some(csrf) => csrf,
            None => csrf_of(&self.page_with(client, "/signup").await),
        };
        client
            .post(self.url(&link))
            .form(&[("csrf", csrf.as_str())])
            .send()
            .await
            .unwrap()
    }

    /// Sends the form on the page at `path` as a person would with `client`: reads the page's
    /// CSRF token, then POSTs it with `fields` to the same path.
    pub async fn submit_form(
        &self,
        client: &reqwest::Client,
        path: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let csrf = csrf_of(&self.page_with(client, path).await);
        let mut form = vec![("csrf", csrf.as_str())];
        form.extend_from_slice(fields);
        client
            .post(self.url(path))
            .form(&form)
            .send()
            .await
            .unwrap()
    }

    async fn page_with(&self, client: &reqwest::Client, path: &str) -> String {
        client
            .get(self.url(path))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
    }

    /// Signs up `name` (as name@example.org, lower-cased) through the real form, following the
    /// link mailed to the address, as a person would.
    pub async fn member(&self, name: &str) -> Member {
        self.member_with(name, &[]).await
    }

    /// Like [`TestApp::member`], with more fields sent with the sign-up form (`notify`…).
    pub async fn member_with(&self, name: &str, extra: &[(&str, &str)]) -> Member {
        let client = client();
        let email = format!("{}@example.org", name.to_lowercase().replace(' ', "."));
        self.send_signup(&client, name, &email, extra).await;
        let r = self.confirm_signup(&client, &email).await;
        assert_eq!(
            r.status(),
            303,
            "confirming the sign-up of {name}: {}",
            r.text().await.unwrap()
        );
        let settings = client
            .get(self.url("/settings"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        Member {
            csrf: csrf_of(&settings),
            client,
            name: name.to_owned(),
            email,
            base: format!("http://{}", self.addr),
        }
    }

    /// A member whose address is not confirmed, as accounts made before sign-up proved
    /// addresses are: made through the store, then signed in with the password.
    pub async fn unverified_member(&self, name: &str) -> Member {
        let email = format!("{}@example.org", name.to_lowercase().replace(' ', "."));
        let parsed = broadsheet::domain::user::Email::parse(&email).unwrap();
        self.store
            .create_user(
                &parsed,
                name,
                &broadsheet::domain::user::hash_password(PASSWORD),
                broadsheet::domain::user::Role::Member,
                self.clock.now(),
            )
            .await
            .unwrap();
        let m = Member::sign_in(self, &email, PASSWORD).await;
        Member {
            name: name.to_owned(),
            ..m
        }
    }

    /// Argon2 hashes and verifications the server has run so far.
    pub fn password_runs(&self) -> u64 {
        self.state
            .as_ref()
            .expect("a running server")
            .passwords
            .runs()
    }
}

impl Member {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client
            .get(format!("{}{path}", self.base))
            .send()
            .await
            .unwrap()
    }

    pub async fn page(&self, path: &str) -> String {
        let r = self.get(path).await;
        assert_eq!(r.status(), 200, "GET {path}");
        r.text().await.unwrap()
    }

    /// The same member after their session was renewed (the CSRF token follows the session).
    pub async fn refreshed(self) -> Member {
        let settings = self.page("/settings").await;
        Member {
            csrf: csrf_of(&settings),
            ..self
        }
    }

    /// POSTs a form with this member's CSRF token added.
    pub async fn post(&self, path: &str, fields: &[(&str, &str)]) -> reqwest::Response {
        let mut form: Vec<(&str, &str)> = vec![("csrf", &self.csrf)];
        form.extend_from_slice(fields);
        self.client
            .post(format!("{}{path}", self.base))
            .form(&form)
            .send()
            .await
            .unwrap()
    }

    /// Posts a comment (a reply when `parent` is set) and returns its id.
    pub async fn comment(&self, slug: &str, parent: Option<i64>, body: &str) -> i64 {
        let parent = parent.map(|p| p.to_string()).unwrap_or_default();
        let r = self
            .post(
                &format!("/articles/{slug}/comments"),
                &[("body", body), ("parent_id", &parent)],
            )
            .await;
        let status = r.status();
        let location = r
            .headers()
            .get("location")
            .map(|v| v.to_str().unwrap().to_owned());
        assert_eq!(
            status,
            303,
            "posting a comment: {}",
            r.text().await.unwrap()
        );
        let location = location.unwrap();
        location
            .rsplit("#comment-")
            .next()
            .unwrap()
            .parse()
            .unwrap()
    }
}

impl Member {
    /// Signs an existing account in from a fresh cookie jar (another device).
    pub async fn sign_in(app: &TestApp, email: &str, password: &str) -> Member {
        let client = client();
        let r = app
            .submit_form(
                &client,
                "/signin",
                &[("email", email), ("password", password)],
            )
            .await;
        assert_eq!(r.status(), 303, "sign-in of {email}");
        let settings = client
            .get(app.url("/settings"))
            .send()
            .await
            .unwrap()
            .text()
            .await
            .unwrap();
        Member {
            csrf: csrf_of(&settings),
            client,
            name: String::new(),
            email: email.to_owned(),
            base: format!("http://{}", app.addr),
        }
    }
}

impl Member {
    /// Gives this member `role` (as `broadsheet user role` does).
    pub async fn promote(&self, app: &TestApp, role: broadsheet::domain::user::Role) {
        let email = broadsheet::domain::user::Email::parse(&self.email).unwrap();
        let user = app.store.user_by_email(&email).await.unwrap().unwrap();
        let actor = broadsheet::store::moderation::Actor::command_line();
        assert!(
            app.store
                .grant_role(user.id, role, &actor, app.clock.now())
                .await
                .unwrap()
        );
    }

    /// Creates an API token through the settings form and returns its secret.
    pub async fn create_token(&self, name: &str, scopes: &[&str]) -> String {
        let fields: Vec<(String, String)> = scopes
            .iter()
            .map(|s| (format!("scope_{s}"), "on".to_owned()))
            .collect();
        // The password is asked for when the token can publish (and ignored otherwise).
        let mut form: Vec<(&str, &str)> = vec![("name", name), ("password", PASSWORD)];
        form.extend(fields.iter().map(|(k, v)| (k.as_str(), v.as_str())));
        let r = self.post("/settings/tokens", &form).await;
        let status = r.status();
        let body = r.text().await.unwrap();
        assert_eq!(status, 201, "creating a token:\n{body}");
        attrs(&html(&body), "#new-token", "value")
            .into_iter()
            .next()
            .expect("the new token is shown")
    }
}

impl Member {
    /// Uses the control named `name` (a link or a button, by its text) inside `scope` on the
    /// page `path`, as a browser without JavaScript would: a link is followed (GET), a button
    /// submits its form (its `form` attribute's, or the one around it) with the form's fields,
    /// `fields` typed into it, and the button's own name and value. Redirects are not followed.
    pub async fn press(
        &self,
        path: &str,
        scope: &str,
        name: &str,
        fields: &[(&str, &str)],
    ) -> reqwest::Response {
        let (method, action, form) = {
            let doc = html(&self.page(path).await);
            let controls = scraper::Selector::parse(&format!("{scope} a, {scope} button")).unwrap();
            let control = doc
                .select(&controls)
                .find(|e| e.text().collect::<String>().trim() == name)
                .unwrap_or_else(|| panic!("no control {name:?} in {scope} on {path}"));
            if control.value().name() == "a" {
                let href = control.value().attr("href").expect("a link's href");
                ("GET", href.to_owned(), Vec::new())
            } else {
                let owner = match control.value().attr("form") {
                    Some(id) => doc
                        .select(&scraper::Selector::parse(&format!("form#{id}")).unwrap())
                        .next()
                        .unwrap_or_else(|| panic!("no form #{id} on {path}")),
                    None => control
                        .ancestors()
                        .filter_map(scraper::ElementRef::wrap)
                        .find(|e| e.value().name() == "form")
                        .expect("a button inside a form"),
                };
                let mut form: Vec<(String, String)> = Vec::new();
                let inputs = scraper::Selector::parse("input[name], textarea[name]").unwrap();
                for field in owner.select(&inputs) {
                    let key = field.value().attr("name").unwrap().to_owned();
                    let value = match field.value().name() {
                        "textarea" => field.text().collect(),
                        _ => field.value().attr("value").unwrap_or("").to_owned(),
                    };
                    form.push((key, value));
                }
                for (k, v) in fields {
                    match form.iter_mut().find(|(key, _)| key == k) {
                        Some(f) => f.1 = (*v).to_owned(),
                        None => form.push(((*k).to_owned(), (*v).to_owned())),
                    }
                }
                if let Some(n) = control.value().attr("name") {
                    let v = control.value().attr("value").unwrap_or("");
                    form.push((n.to_owned(), v.to_owned()));
                }
                let method = owner.value().attr("method").unwrap_or("get");
                assert!(method.eq_ignore_ascii_case("post"), "a form that posts");
                let action = owner.value().attr("action").expect("a form's action");
                ("POST", action.to_owned(), form)
            }
        };
        assert!(action.starts_with('/'), "an address on the site: {action}");
        let url = format!("{}{action}", self.base);
        let request = match method {
            "GET" => self.client.get(url),
            _ => self.client.post(url).form(&form),
        };
        request.send().await.unwrap()
    }
}
