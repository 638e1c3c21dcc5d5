//! What a test starts before it runs, for [`backend_tests!`](crate::backend_tests): each setup
//! starts the app (and what else the test needs) on one backend and calls the test with them,
//! so the test function's parameters say what it gets.

use broadsheet::config::Config;

use super::oidc::{Idp, TestProvider};
use super::smtp::SmtpReceiver;
use super::{Backend, TestApp};

/// Starts what a test needs on `backend`, then runs `test` with it. A test does not run when
/// PostgreSQL (or node-oidc-provider) is missing and not required; the starter says so.
pub trait Setup<Test> {
    #[allow(async_fn_in_trait)] // run on the test's own thread: no Send bound needed
    async fn run(self, backend: Backend, test: Test);
}

/// The app as [`TestApp::start`] makes it: `async fn name(app: TestApp)`.
pub struct Plain;

impl<Test: AsyncFnOnce(TestApp)> Setup<Test> for Plain {
    async fn run(self, backend: Backend, test: Test) {
        Configured(|_| {}).run(backend, test).await;
    }
}

/// The app with its configuration changed by a function first: `async fn name(app: TestApp)`.
pub struct Configured(pub fn(&mut Config));

impl<Test: AsyncFnOnce(TestApp)> Setup<Test> for Configured {
    async fn run(self, backend: Backend, test: Test) {
        if let Some(app) = TestApp::start_with(backend, self.0).await {
            test(app).await;
        }
    }
}

/// The app sending mail to an SMTP receiver started for it:
/// `async fn name(app: TestApp, smtp: SmtpReceiver)`.
pub struct Mail;

impl<Test: AsyncFnOnce(TestApp, SmtpReceiver)> Setup<Test> for Mail {
    async fn run(self, backend: Backend, test: Test) {
        if let Some((app, smtp)) = TestApp::start_with_mail(backend).await {
            test(app, smtp).await;
        }
    }
}

/// Single sign-on through the hand-written provider, which can be told to misbehave:
/// `async fn name(app: TestApp, idp: TestProvider)`.
pub struct Oidc;

impl<Test: AsyncFnOnce(TestApp, TestProvider)> Setup<Test> for Oidc {
    async fn run(self, backend: Backend, test: Test) {
        if let Some((app, idp)) = TestApp::start_with_oidc(backend).await {
            test(app, idp).await;
        }
    }
}

/// Single sign-on through either provider, for what every provider must do:
/// `async fn name(app: TestApp, idp: Idp)`.
pub enum OidcWith {
    /// [`TestProvider`], written in these tests.
    HandWritten,
    /// node-oidc-provider, an OpenID Certified provider ([`super::oidc::CertifiedProvider`]).
    Certified,
}

impl<Test: AsyncFnOnce(TestApp, Idp)> Setup<Test> for OidcWith {
    async fn run(self, backend: Backend, test: Test) {
        let started = match self {
            OidcWith::HandWritten => TestApp::start_with_oidc(backend)
                .await
                .map(|(app, idp)| (app, Idp::from(idp))),
            OidcWith::Certified => TestApp::start_with_certified_oidc(backend)
                .await
                .map(|(app, idp)| (app, Idp::from(idp))),
        };
        if let Some((app, idp)) = started {
            test(app, idp).await;
        }
    }
}
