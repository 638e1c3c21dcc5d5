//! The command line: every operations task is a subcommand of the one binary.

mod backup;
mod check;
pub mod export;
mod generate;
mod import;
mod import_uploads;
mod import_xml;
pub mod progress;
mod serve;
mod site;
mod user;

use std::path::PathBuf;
use std::process::ExitCode;

use clap::{Parser, Subcommand};

use crate::config::{Config, LogFormat, Settings};
use crate::store::{ConnectOptions, Store};

#[derive(Parser, Debug)]
#[command(
    name = "broadsheet",
    version,
    about = "A news site with a conversation under every story, in one binary.",
    long_about = "A news site with a conversation under every story, in one binary.\n\n\
        With no command, `broadsheet` serves the site. Settings come from flags, from \
        BROADSHEET_* environment variables, or from a TOML file given with --config \
        (flags win over the environment, which wins over the file)."
)]
pub struct Cli {
    #[command(flatten)]
    pub config: Settings,
    #[command(subcommand)]
    pub command: Option<Command>,
}

#[derive(Subcommand, Debug)]
pub enum Command {
    /// Serve the site (the default). On an empty database, creates the schema and demo content.
    Serve,
    /// Apply the schema migrations this binary carries, then exit.
    Migrate,
    /// Check that the site can serve with these settings, changing nothing: the configuration,
    /// the database (reachable, migrated, takes writes), the mail relay (or outbox folder), the
    /// media store, the single sign-on provider, and free disk space. Prints one line per
    /// check (ok, warning or problem, with what to do) and exits with status 1 on a problem.
    Check,
    /// Import articles from Markdown files with a front-matter block; all files or none. Or
    /// import a whole site from a directory written by `broadsheet export`, into an empty site.
    ///
    /// Each file starts with a block between `---` lines holding `title`, `section`, `author`
    /// (a name or a list), `published_at` (RFC 3339) and optionally `slug`, `tags`, `summary`,
    /// `updated_at`; the Markdown body follows. Sections, authors and tags that do not exist
    /// yet are created.
    ///
    /// An export directory is read back with its ids, in one transaction: the site must be
    /// empty, and a malformed line is reported as `file:line: message` with nothing changed.
    /// Accounts come back without passwords (members set one with the password reset).
    Import {
        /// The Markdown files to import, or one export directory.
        #[arg(required = true, value_name = "FILE.md|EXPORT_DIR")]
        files: Vec<PathBuf>,
    },
    /// Write the whole site to the new or empty directory DEST as JSON Lines (docs/export.md).
    ///
    /// One consistent snapshot while the site serves: articles with their revisions, sections,
    /// authors, tags, comments in every state with likes and reports, accounts (without
    /// passwords), moderation settings and history, webhook endpoints (without secrets).
    Export {
        /// The directory to create (or an empty one).
        #[arg(value_name = "DEST")]
        dest: PathBuf,
    },
    /// Import a WordPress export (WXR): published posts and pages, their sections, tags,
    /// authors, approved comments, pictures (with --uploads), galleries and embeds; old
    /// addresses (`<link>` paths, `?p=`, `?page_id=`) redirect. All or nothing; running again
    /// changes nothing.
    ImportWordpress {
        /// The export file (Tools → Export in WordPress).
        #[arg(value_name = "FILE.xml")]
        file: PathBuf,
        /// A copy of the site's `wp-content/uploads` folder: the posts' pictures and featured
        /// images are read from it into the media library. Without it they are left out (each
        /// stays a link to its old address) and counted.
        #[arg(long, value_name = "DIR")]
        uploads: Option<PathBuf>,
    },
    /// Import a Disqus export: comments under the articles their threads name (by address or
    /// identifier), by guests that members can claim. All or nothing; running again changes
    /// nothing.
    ImportDisqus {
        /// The export file (Disqus admin → Export).
        #[arg(value_name = "FILE.xml")]
        file: PathBuf,
    },
    /// Manage member accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Manage the sites that embed the conversation.
    Site {
        #[command(subcommand)]
        command: SiteCommand,
    },
    /// Fill the database with a large synthetic site, for benchmarks (not for production).
    Generate {
        /// How many articles to add (0 to add only comments).
        #[arg(long, default_value_t = 100_000)]
        articles: u32,
        /// How many comments to spread over the published articles, newer ones getting many
        /// more (about 30% are replies). Authored by --members generated members.
        #[arg(long, default_value_t = 0)]
        comments: u64,
        /// Give one article exactly this many comments (a breaking-news thread), on top of
        /// --comments, which then leave that article alone. Repeat for several articles.
        #[arg(long, value_name = "K")]
        thread_comments: Vec<u32>,
        /// The article of the --thread-comments at the same position; articles not named are
        /// the newest published ones not otherwise named.
        #[arg(long, value_name = "SLUG")]
        thread_article: Vec<String>,
        /// Members who author the comments: member-N@synthetic.example, created when missing,
        /// all with the password `synthetic-member-password`.
        #[arg(long, default_value_t = 1000)]
        members: u32,
        /// The share of generated comments that are replies (0 to 1; 0: every comment starts
        /// a thread, so an article's first page shows exactly 50 comments).
        #[arg(long, default_value_t = generate::DEFAULT_REPLY_SHARE)]
        reply_share: f64,
    },
    /// Copy the database to a new file DEST while the site keeps serving (SQLite).
    ///
    /// The copy is consistent (one snapshot) and compact; an existing DEST is never
    /// overwritten. To restore: stop the server, put the copy in place of the database file
    /// (removing any `-wal` and `-shm` files beside it), start the server. PostgreSQL databases
    /// are backed up with `pg_dump -Fc` and restored with `pg_restore`; for them this command
    /// prints how, and exits with an error.
    Backup {
        /// The file to create.
        #[arg(value_name = "DEST")]
        dest: PathBuf,
    },
}

#[derive(Subcommand, Debug)]
pub enum UserCommand {
    /// Create an account. The password is read from BROADSHEET_PASSWORD or from standard input.
    Create {
        /// The e-mail address to sign in with.
        #[arg(long)]
        email: String,
        /// member, contributor, moderator, editor or admin.
        #[arg(long, default_value = "member")]
        role: String,
        /// The name shown beside comments [default: the part of the address before @].
        #[arg(long)]
        display_name: Option<String>,
    },
    /// Give an account a role (member, contributor, moderator, editor or admin).
    Role {
        /// The account's e-mail address.
        email: String,
        role: String,
    },
    /// Create an API token for an account (an integration's), printed once.
    Token {
        /// The account's e-mail address.
        email: String,
        /// What the token is for, as its holder's settings will list it.
        #[arg(long)]
        name: String,
        /// Space- or comma-separated: read, comment, publish (publish needs editor or admin).
        #[arg(long, default_value = "read")]
        scopes: String,
    },
}

#[derive(Subcommand, Debug)]
pub enum SiteCommand {
    /// Register a site that may embed the conversation; prints its id and its signing secret
    /// (shown this once).
    Add {
        /// The site's name, as `/admin/sites` lists it.
        name: String,
        /// An origin whose pages may embed the conversation (https://blog.example; plain http
        /// only for localhost). Repeat for several.
        #[arg(long = "origin", value_name = "URL", required = true)]
        origins: Vec<String>,
    },
}

/// Runs the command line; errors are printed as one readable line and exit with status 1.
pub fn run(cli: Cli) -> ExitCode {
    if matches!(cli.command, Some(Command::Check)) {
        // A configuration that does not resolve is one of the things it reports.
        return check::run(&cli.config);
    }
    let config = match Config::resolve(&cli.config) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("broadsheet: {e}");
            return ExitCode::from(2);
        }
    };
    init_logging(config.log_format);
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .expect("tokio runtime");
    let result = runtime.block_on(async move {
        match cli.command.unwrap_or(Command::Serve) {
            Command::Serve => serve::run(config).await,
            Command::Migrate => migrate(config).await,
            Command::Check => unreachable!("run before the configuration is resolved"),
            Command::Import { files } => match files.as_slice() {
                [dir] if export::is_export_dir(dir) => export::run_import(config, dir).await,
                _ => import::run(config, &files).await,
            },
            Command::Export { dest } => export::run_export(config, &dest).await,
            Command::ImportWordpress { file, uploads } => {
                import_xml::wordpress(config, &file, uploads.as_deref()).await
            }
            Command::ImportDisqus { file } => import_xml::disqus(config, &file).await,
            Command::User { command } => user::run(config, command).await,
            Command::Site { command } => site::run(config, command).await,
            Command::Generate {
                articles,
                comments,
                thread_comments,
                thread_article,
                members,
                reply_share,
            } => {
                let plan = generate::Plan {
                    articles,
                    comments,
                    thread_comments,
                    thread_article,
                    members,
                    reply_share,
                };
                generate::run(config, plan).await
            }
            Command::Backup { dest } => backup::run(config, &dest).await,
        }
    });
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) => {
            eprintln!("broadsheet: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn init_logging(format: LogFormat) {
    use tracing_subscriber::EnvFilter;
    let filter = EnvFilter::try_from_env("BROADSHEET_LOG")
        .unwrap_or_else(|_| EnvFilter::new("info,sqlx=warn,tower_http=info"));
    use std::io::IsTerminal;
    let builder = tracing_subscriber::fmt()
        .with_env_filter(filter)
        // Colours for a person at a terminal; plain text in files and log collectors.
        .with_ansi(std::io::stderr().is_terminal())
        .with_writer(std::io::stderr);
    let _ = match format {
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
        LogFormat::Text => builder.compact().try_init(),
    };
}

pub(crate) async fn open_store(config: &Config) -> anyhow::Result<Store> {
    let opts = ConnectOptions {
        max_connections: config.db_max_connections,
        acquire_timeout: config.db_acquire_timeout,
    };
    Store::open(config.database_url.expose(), &opts)
        .await
        .map_err(|e| anyhow::anyhow!("cannot open the database {}: {e}", config.database_url))
}

async fn migrate(config: Config) -> anyhow::Result<()> {
    let store = open_store(&config).await?;
    let applied = store.applied_migrations().await?;
    println!(
        "database {} is at migration {} ({} applied)",
        config.database_url,
        applied.last().copied().unwrap_or(0),
        applied.len()
    );
    store.close().await;
    Ok(())
}
