//! `broadsheet check`: is this site ready to serve? Each check is a plain function that looks at
//! one part (the configuration, the database, mail, the media store, single sign-on, free disk)
//! and says ok, or what is wrong and what to do about it. Nothing is changed: a probe write is
//! rolled back or removed again, and folders that are missing are not created.

mod local;

use std::process::ExitCode;
use std::time::Duration;

use bytes::Bytes;

use crate::config::{Config, MediaStorage, Settings};
use crate::services::mail::Mailer;
use crate::services::media::{LocalDisk, MediaStore, S3Store};
use crate::store::{ConnectOptions, Store};

use local::disk;
use local::{capital, folder_fix, probe_folder};

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Status {
    Ok,
    /// Works now, but needs looking at soon; does not fail the check.
    Warning,
    Problem,
}

/// What one check found.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Outcome {
    pub check: &'static str,
    pub status: Status,
    /// What was found; for a problem, also what to do.
    pub message: String,
}

impl Outcome {
    fn ok(check: &'static str, message: impl Into<String>) -> Outcome {
        Outcome {
            check,
            status: Status::Ok,
            message: message.into(),
        }
    }
    fn warning(check: &'static str, message: impl Into<String>) -> Outcome {
        Outcome {
            check,
            status: Status::Warning,
            message: message.into(),
        }
    }
    fn problem(check: &'static str, message: impl Into<String>) -> Outcome {
        Outcome {
            check,
            status: Status::Problem,
            message: message.into(),
        }
    }
}

/// One line per check, and whether the site passed (no problem; warnings pass).
pub fn render(outcomes: &[Outcome]) -> (String, bool) {
    let mut text = String::new();
    for o in outcomes {
        let word = match o.status {
            Status::Ok => "ok",
            Status::Warning => "warning",
            Status::Problem => "problem",
        };
        // One line each, whatever an error carried (a server's multi-line answer).
        let message = o.message.split_whitespace().collect::<Vec<_>>().join(" ");
        text.push_str(&format!("{word:<8}{}: {message}\n", o.check));
    }
    let passed = outcomes.iter().all(|o| o.status != Status::Problem);
    (text, passed)
}

/// Runs every check, prints a line for each, and fails when one found a problem.
pub fn run(settings: &Settings) -> ExitCode {
    let (config_outcome, config) = configuration(settings);
    let mut outcomes = vec![config_outcome];
    if let Some(config) = config {
        super::init_logging(config.log_format);
        let runtime = tokio::runtime::Builder::new_multi_thread()
            .enable_all()
            .build()
            .expect("tokio runtime");
        outcomes.extend(runtime.block_on(async {
            vec![
                database(&config).await,
                mail(&config).await,
                media(&config).await,
                single_sign_on(&config).await,
                disk(&config.data_dir),
            ]
        }));
    }
    let (text, passed) = render(&outcomes);
    print!("{text}");
    if passed {
        ExitCode::SUCCESS
    } else {
        let problems = outcomes
            .iter()
            .filter(|o| o.status == Status::Problem)
            .count();
        eprintln!(
            "broadsheet check: {problems} problem{} found",
            if problems == 1 { "" } else { "s" }
        );
        ExitCode::FAILURE
    }
}

/// The settings resolve (file, environment, flags), and the sender's address is one.
pub fn configuration(settings: &Settings) -> (Outcome, Option<Config>) {
    const CHECK: &str = "configuration";
    let config = match Config::resolve(settings) {
        Ok(c) => c,
        Err(e) => {
            return (
                Outcome::problem(
                    CHECK,
                    format!(
                        "{e}. Correct that setting (its flag, BROADSHEET_* variable or key in the \
                         --config file); the other checks need a valid configuration"
                    ),
                ),
                None,
            );
        }
    };
    if let Err(e) = crate::services::mail::check_sender(&config.mail_from) {
        return (
            Outcome::problem(
                CHECK,
                format!(
                    "mail_from: {e}. Give --mail-from (BROADSHEET_MAIL_FROM) as Name <address@example.org>"
                ),
            ),
            Some(config),
        );
    }
    let source = match &settings.config {
        Some(file) => format!("settings read from {} and the environment", file.display()),
        None => "settings read from the flags and the environment".to_owned(),
    };
    (Outcome::ok(CHECK, source), Some(config))
}

/// The database answers, carries every migration this binary knows, and takes writes.
pub async fn database(config: &Config) -> Outcome {
    const CHECK: &str = "database";
    let url = &config.database_url;
    if let Some(file) = Store::sqlite_file(url.expose())
        && !file.exists()
    {
        return Outcome::problem(
            CHECK,
            format!(
                "the SQLite file {} does not exist. Run `broadsheet migrate` to create it (or \
                 start `broadsheet serve` once), or point --database-url at the site's database",
                file.display()
            ),
        );
    }
    let opts = ConnectOptions {
        max_connections: 2,
        acquire_timeout: config.db_acquire_timeout,
    };
    let store = match Store::connect(url.expose(), &opts).await {
        Ok(s) => s,
        Err(e) => {
            return Outcome::problem(
                CHECK,
                format!(
                    "cannot connect to {url}: {e}. Check that the database server is running and \
                     that --database-url (BROADSHEET_DATABASE_URL) names it with the right user \
                     and password"
                ),
            );
        }
    };
    let outcome = database_state(&store, url).await;
    store.close().await;
    outcome
}

async fn database_state(store: &Store, url: &crate::config::DatabaseUrl) -> Outcome {
    const CHECK: &str = "database";
    let applied = match store.applied_migrations_if_any().await {
        Ok(a) => a,
        Err(e) => {
            return Outcome::problem(
                CHECK,
                format!("{url} answered, but its migrations could not be read: {e}"),
            );
        }
    };
    let known = store.known_migrations();
    if let Err(e) = migrations_verdict(&applied, &known) {
        return Outcome::problem(CHECK, format!("{url}: {e}"));
    }
    if let Err(e) = store.probe_write().await {
        return Outcome::problem(
            CHECK,
            format!(
                "{url} does not take writes: {e}. Check that the user running broadsheet may \
                 write the database file and its folder (SQLite) or that the database user has \
                 write privileges (PostgreSQL), and that the disk is not full"
            ),
        );
    }
    Outcome::ok(
        CHECK,
        format!(
            "{url} is at migration {} ({} applied, none missing) and takes writes",
            applied.last().copied().unwrap_or(0),
            applied.len()
        ),
    )
}

/// Applied against known migrations: missing ones need `migrate`; unknown ones mean a newer
/// binary migrated this database.
pub fn migrations_verdict(applied: &[i64], known: &[i64]) -> Result<(), String> {
    let unknown: Vec<i64> = applied
        .iter()
        .copied()
        .filter(|v| !known.contains(v))
        .collect();
    if !unknown.is_empty() {
        return Err(format!(
            "the database has migrations this binary does not carry ({}): a newer version of \
             Broadsheet migrated it. Run that version (or newer)",
            list(&unknown)
        ));
    }
    let missing: Vec<i64> = known
        .iter()
        .copied()
        .filter(|v| !applied.contains(v))
        .collect();
    if missing.is_empty() {
        return Ok(());
    }
    let what = if applied.is_empty() {
        "the database is not migrated (no migration applied)".to_owned()
    } else {
        format!(
            "{} of this binary's migrations are not applied ({})",
            missing.len(),
            list(&missing)
        )
    };
    Err(format!(
        "{what}. Run `broadsheet migrate` with the same settings"
    ))
}

fn list(versions: &[i64]) -> String {
    versions
        .iter()
        .map(i64::to_string)
        .collect::<Vec<_>>()
        .join(", ")
}

/// The relay answers (TLS included) and says hello; or the outbox folder can be written.
pub async fn mail(config: &Config) -> Outcome {
    const CHECK: &str = "mail";
    let mailer = match Mailer::new(
        config.smtp_url.as_ref().map(|u| u.expose()),
        config.smtp_ca_file.as_deref(),
        &config.data_dir,
    ) {
        Ok(m) => m,
        Err(e) => {
            return Outcome::problem(CHECK, format!("{e}. Correct --smtp-url or --smtp-ca-file"));
        }
    };
    match &mailer {
        Mailer::Outbox(dir) => match probe_folder(dir) {
            Ok(note) => Outcome::ok(
                CHECK,
                format!("no SMTP relay set: mail is written to {note}; give --smtp-url to send it"),
            ),
            Err(e) => Outcome::problem(
                CHECK,
                format!(
                    "no SMTP relay set, and mail cannot be written to the outbox: {e}. Give \
                     --smtp-url, or {}",
                    folder_fix(dir)
                ),
            ),
        },
        Mailer::Smtp { .. } => {
            let tested = tokio::time::timeout(Duration::from_secs(30), mailer.test_connection());
            match tested.await {
                Ok(Ok(())) => Outcome::ok(CHECK, format!("the {} answered", mailer.describe())),
                Ok(Err(e)) => Outcome::problem(
                    CHECK,
                    format!(
                        "{} ({}). Check that the relay is running and that --smtp-url \
                         (BROADSHEET_SMTP_URL) names its host, port and way of encryption",
                        e,
                        mailer.describe()
                    ),
                ),
                Err(_) => Outcome::problem(
                    CHECK,
                    format!(
                        "the {} did not answer within 30 seconds. Check that the relay is \
                         running and that a firewall lets this machine reach it",
                        mailer.describe()
                    ),
                ),
            }
        }
    }
}

/// A file can be written to and removed from the media store.
pub async fn media(config: &Config) -> Outcome {
    const CHECK: &str = "media";
    let store: Box<dyn MediaStore> = match &config.media_storage {
        MediaStorage::Local => {
            let dir = config.data_dir.join("media");
            if !dir.exists() {
                return match probe_folder(&dir) {
                    Ok(note) => Outcome::ok(CHECK, format!("images will be kept in {note}")),
                    Err(e) => Outcome::problem(
                        CHECK,
                        format!(
                            "images cannot be stored: {e}. {}",
                            capital(&folder_fix(&dir))
                        ),
                    ),
                };
            }
            if !dir.is_dir() {
                return Outcome::problem(
                    CHECK,
                    format!(
                        "{} is not a folder, so images cannot be stored. {}",
                        dir.display(),
                        capital(&folder_fix(&dir))
                    ),
                );
            }
            Box::new(LocalDisk::existing(dir))
        }
        MediaStorage::S3(s3) => match S3Store::new(s3) {
            Ok(s) => Box::new(s),
            Err(e) => {
                return Outcome::problem(CHECK, format!("{e}. Correct the --media-s3-* settings"));
            }
        },
    };
    let key = format!("{}-1.png", hex::encode(rand::random::<[u8; 16]>()));
    let probe = async {
        store
            .put(&key, Bytes::from_static(b"broadsheet check"))
            .await?;
        store.delete(&key).await
    };
    match tokio::time::timeout(Duration::from_secs(30), probe).await {
        Ok(Ok(())) => Outcome::ok(
            CHECK,
            format!("a file was written to and removed from the {}", store.describe()),
        ),
        Ok(Err(e)) => Outcome::problem(
            CHECK,
            format!(
                "a file could not be written to and removed from the {}: {}. {}",
                store.describe(),
                // An S3 error ends with the server's XML answer: its gist is already said.
                e.to_string().split("<?xml").next().unwrap_or_default().trim_end_matches([' ', ':']),
                match &config.media_storage {
                    MediaStorage::Local => capital(&folder_fix(&config.data_dir.join("media"))),
                    MediaStorage::S3(_) =>
                        "Check the bucket's name and address, and that the access key may put and delete objects in it"
                            .to_owned(),
                }
            ),
        ),
        Err(_) => Outcome::problem(
            CHECK,
            format!(
                "the {} did not answer within 30 seconds. Check its address and that this \
                 machine can reach it",
                store.describe()
            ),
        ),
    }
}

/// The provider's discovery document can be fetched, when single sign-on is set up.
pub async fn single_sign_on(config: &Config) -> Outcome {
    const CHECK: &str = "single sign-on";
    let Some(settings) = &config.oidc else {
        return Outcome::ok(CHECK, "not set up (no --oidc-issuer)");
    };
    let issuer = settings.issuer.clone();
    let provider = match crate::services::oidc::Provider::new(settings.clone(), &config.base_url) {
        Ok(p) => p,
        Err(e) => return Outcome::problem(CHECK, format!("{e}. Correct the --oidc-* settings")),
    };
    match provider.discover().await {
        Ok(()) => Outcome::ok(
            CHECK,
            format!("the provider {issuer} described itself (discovery document and keys)"),
        ),
        Err(e) => Outcome::problem(
            CHECK,
            format!(
                "{e}. Check --oidc-issuer ({issuer}/.well-known/openid-configuration must \
                 answer) and that this machine can reach the provider"
            ),
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn one_line_per_check_and_only_a_problem_fails() {
        let outcomes = [
            Outcome::ok("database", "fine"),
            Outcome::warning("disk", "only 900 MiB free"),
        ];
        let (text, passed) = render(&outcomes);
        assert_eq!(
            text,
            "ok      database: fine\nwarning disk: only 900 MiB free\n"
        );
        assert!(passed);
        let (text, passed) = render(&[
            Outcome::ok("database", "fine"),
            Outcome::problem("mail", "the relay is down. Start it"),
        ]);
        assert_eq!(text.lines().count(), 2);
        assert!(
            text.ends_with("problem mail: the relay is down. Start it\n"),
            "{text}"
        );
        assert!(!passed);
        let (text, _) = render(&[Outcome::problem(
            "media",
            "refused:\n<Error>\n  <Code>x</Code>",
        )]);
        assert_eq!(text, "problem media: refused: <Error> <Code>x</Code>\n");
    }

    #[test]
    fn migrations_missing_or_unknown_are_problems() {
        assert_eq!(migrations_verdict(&[1, 2, 3], &[1, 2, 3]), Ok(()));
        let e = migrations_verdict(&[], &[1, 2]).unwrap_err();
        assert!(
            e.contains("not migrated") && e.contains("broadsheet migrate"),
            "{e}"
        );
        let e = migrations_verdict(&[1], &[1, 2, 3]).unwrap_err();
        assert!(
            e.starts_with("2 of this binary's migrations are not applied (2, 3)"),
            "{e}"
        );
        let e = migrations_verdict(&[1, 2, 4], &[1, 2]).unwrap_err();
        assert!(e.contains("(4)") && e.contains("newer version"), "{e}");
    }
}
