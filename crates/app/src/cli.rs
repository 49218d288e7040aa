//! The command line.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};

use aireg::{jobs, mail};
use aireg_domain::org::{Country, OrgKind};
use aireg_domain::{Lang, Vocabulary};
use aireg_rules::Content;
use aireg_store_sql::SqlStore;

use crate::{audit, demo, export, import, orgs, people, serve};

#[derive(Parser)]
#[command(
    name = "aireg",
    version,
    about = "The AI register and AI governance platform for municipalities"
)]
pub struct Cli {
    /// Database URL: `sqlite:PATH` (the default, a file in the data directory) or
    /// `postgres://user@host/db`.
    // hide_env_values: `--help` would print a password in the variable's URL.
    #[arg(long, env = "DATABASE_URL", global = true, hide_env_values = true)]
    pub database: Option<String>,
    /// Directory for the default SQLite database.
    #[arg(long, env = "AIREG_DATA_DIR", default_value = "data", global = true)]
    pub data_dir: PathBuf,
    /// A content directory: its `ai-act/`, `policies/` and `assessments/` replace the built-in
    /// AI Act pack, policy packs and assessment templates (each one present), and `demo/` the
    /// demo data. Checked at start; a pack with problems stops aireg, naming the file.
    #[arg(long, env = "AIREG_CONTENT_DIR", global = true)]
    pub content_dir: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Subcommand)]
pub enum Command {
    /// Run the web server (migrates the database first).
    Serve(ServeArgs),
    /// Migrate, load the demo data into an empty database, print the demo accounts and serve.
    Demo(DemoArgs),
    /// Apply pending database migrations.
    Migrate,
    /// Manage organisations.
    Org {
        #[command(subcommand)]
        command: OrgCommand,
    },
    /// Manage accounts.
    User {
        #[command(subcommand)]
        command: UserCommand,
    },
    /// Manage API tokens.
    Token {
        #[command(subcommand)]
        command: TokenCommand,
    },
    /// Write the register (organisations, products, AI system records) as JSON: a staff export
    /// with drafts and internal fields, or with --public what residents see.
    Export(ExportArgs),
    /// Import records into an organisation (and those below it) from CSV or XLSX (the open
    /// data's columns) or a record standard (Dutch, Eurocities, UK ATRS); --dry-run reports
    /// what would happen.
    Import(ImportArgs),
    /// A synthetic register for the benchmark (bench/run.sh): creates 300 organisations and
    /// writes N records as a CSV to import into `synth`.
    Synth(SynthArgs),
    /// Build the search index afresh from the records (it is kept current by every save and
    /// rebuilt at start when the search changes; this is for a restored or hand-edited database).
    Reindex,
    /// Check the audit log.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
    },
    /// Write a consistent copy of the SQLite database to FILE while the server runs, and check
    /// the copy's audit chain (PostgreSQL: pg_dump, see the README).
    Backup {
        #[arg(long)]
        output: PathBuf,
    },
    /// Restore a backup as the database after checking its audit chain on a copy; a backup that
    /// does not pass is not used. Stop the server first; --force replaces an existing database.
    Restore {
        file: PathBuf,
        #[arg(long)]
        force: bool,
    },
    /// The annual AI report of an organisation (and those below it) for a year, as a PDF: the
    /// inventory, the year's changes, high-risk systems and their obligations, approvals and
    /// assessments, incidents, residents' feedback, the policy's changes and reviews, and the
    /// audit chain's head.
    Report {
        #[arg(long)]
        org: String,
        #[arg(long)]
        year: i32,
        /// fi, sv or en.
        #[arg(long, default_value = "fi")]
        lang: String,
        #[arg(long)]
        output: PathBuf,
        /// The address the report's links point at.
        #[arg(
            long,
            env = "AIREG_PUBLIC_URL",
            default_value = "http://127.0.0.1:8080"
        )]
        public_url: String,
    },
    /// Staff's AI usage figures.
    Usage {
        #[command(subcommand)]
        command: UsageCommand,
    },
    /// Deliver or inspect the job queue (e-mail).
    Jobs {
        #[command(subcommand)]
        command: JobsCommand,
    },
    /// Classify an AI system under the EU AI Act from a JSON file of facts (`-` reads standard
    /// input) and print the outcome as JSON. Exits 2 when the facts are not valid.
    Classify {
        /// The facts file, e.g. {"ai_system": true, "roles": ["deployer"], "annex_iii": "5a"}.
        file: PathBuf,
    },
}

#[derive(Args, Clone)]
pub struct ServeArgs {
    /// Address to listen on.
    #[arg(long, env = "AIREG_BIND", default_value = "127.0.0.1")]
    pub bind: String,
    #[arg(long, env = "AIREG_PORT", default_value_t = 8080)]
    pub port: u16,
    /// The address people reach aireg at; https makes session cookies Secure. Defaults to
    /// http://BIND:PORT.
    #[arg(long, env = "AIREG_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// Proxies (addresses or CIDR networks, comma-separated) whose `Forwarded` /
    /// `X-Forwarded-For` name the client address that sign-in and feedback throttling count.
    /// By default none: the TCP peer is the client.
    #[arg(long, env = "AIREG_TRUSTED_PROXIES", default_value = "")]
    pub trusted_proxies: String,
    /// The header the trusted proxies write the client into: `x-forwarded-for` (nginx's
    /// `proxy_add_x_forwarded_for`, the default) or `forwarded` (RFC 7239). Only that one is read.
    #[arg(long, env = "AIREG_FORWARDED_HEADER", default_value = "x-forwarded-for",
          value_parser = ["x-forwarded-for", "forwarded"])]
    pub forwarded_header: String,
    #[command(flatten)]
    pub token_lifetimes: TokenLifetimes,
    /// Megabytes of public answers (pages and API of the public register, for visitors not
    /// signed in) kept in memory until the register changes; 0 keeps none.
    #[arg(long, env = "AIREG_PUBLIC_CACHE_MB", default_value_t = 32)]
    pub public_cache_mb: usize,
    /// Serve metrics for Prometheus (`GET /metrics`: requests by route and status, latency,
    /// the database pool, the e-mail queue, the reminder scan) on this address, e.g.
    /// 127.0.0.1:9464; never on the public address. Off when not given.
    #[arg(long, env = "AIREG_METRICS_BIND")]
    pub metrics_bind: Option<String>,
    /// The fewest distinct users a published usage figure may have (per organisation, tool and
    /// month); 10 at least, and it may only be raised.
    #[arg(long, env = "AIREG_USAGE_MIN_USERS", default_value_t = aireg_domain::usage::MIN_USERS,
          value_parser = clap::value_parser!(u32).range(i64::from(aireg_domain::usage::MIN_USERS)..))]
    pub usage_min_users: u32,
    /// The key that signs a checkpoint of the audit chain every hour (see `aireg audit`).
    #[command(flatten)]
    pub audit_key: AuditKeyArgs,
    #[command(flatten)]
    pub mail: MailArgs,
}

/// Where e-mail goes. `hide_env_values`: `--help` must not print the password in the URL.
#[derive(Args, Clone)]
pub struct MailArgs {
    /// The SMTP relay: smtp://host:port (no TLS: a relay on this host or network),
    /// smtp://user:password@host:587?tls=starttls or smtps://user:password@host:465. Without
    /// it, e-mail jobs stay queued. Prefer the variable for a password: other users of the
    /// machine can see command lines.
    #[arg(long, env = mail::SMTP_URL_VAR, hide_env_values = true)]
    pub smtp_url: Option<String>,
    /// The sender of e-mail, e.g. "Kajaanin kaupunki <noreply@kajaani.fi>".
    #[arg(long, env = mail::MAIL_FROM_VAR, default_value = mail::DEFAULT_FROM)]
    pub mail_from: String,
}

impl ServeArgs {
    /// The public address when no server options are given (commands that only write e-mail).
    pub fn default_public_url() -> String {
        "http://127.0.0.1:8080".into()
    }
}

impl MailArgs {
    /// The mailer, or `None` when no relay is configured.
    pub fn mailer(&self) -> anyhow::Result<Option<mail::Mailer>> {
        match self.smtp_url.as_deref().map(str::trim) {
            None | Some("") => Ok(None),
            Some(url) => mail::Mailer::new(url, &self.mail_from).map(Some),
        }
    }
}

#[derive(Args)]
pub struct DemoArgs {
    #[command(flatten)]
    pub serve: ServeArgs,
    /// Load the demo data and exit instead of serving.
    #[arg(long)]
    pub no_serve: bool,
}

#[derive(Subcommand)]
pub enum OrgCommand {
    /// Add an organisation; prints its slug and id.
    Add(OrgAddArgs),
    /// List the organisations by slug: slug, kind, parent, name.
    List,
    /// Name the licence of an organisation's open data (and of those below it that name none):
    /// CC-BY-4.0 (the default), CC0-1.0 or CC-BY-SA-4.0; without --licence, the default again.
    Licence {
        #[arg(long)]
        slug: String,
        #[arg(long)]
        licence: Option<String>,
    },
    /// Sign the organisation's people in through its own OpenID Connect provider (Entra ID,
    /// Keycloak…); the client secret is read from standard input. With --remove, stop.
    Sso(SsoArgs),
}

#[derive(Args)]
pub struct SsoArgs {
    /// The organisation (slug).
    #[arg(long)]
    pub slug: String,
    /// Remove the organisation's provider.
    #[arg(long, conflicts_with_all = ["issuer", "client_id", "domains", "map"])]
    pub remove: bool,
    /// The provider's issuer, e.g. https://login.microsoftonline.com/TENANT/v2.0.
    #[arg(long, required_unless_present = "remove")]
    pub issuer: Option<String>,
    /// aireg's client (application) id at the provider.
    #[arg(long, required_unless_present = "remove")]
    pub client_id: Option<String>,
    /// E-mail domains the provider speaks for (comma-separated).
    #[arg(long, value_delimiter = ',', required_unless_present = "remove")]
    pub domains: Vec<String>,
    /// The ID token claim with groups or roles.
    #[arg(long, default_value = "groups")]
    pub role_claim: String,
    /// A claim value and the role it gives: `VALUE=ROLE` (repeat for more).
    #[arg(long)]
    pub map: Vec<String>,
    /// The organisation's people may sign in only through the provider.
    #[arg(long)]
    pub no_passwords: bool,
}

#[derive(Args)]
pub struct OrgAddArgs {
    /// The organisation's part of addresses: lower-case letters a-z, digits and hyphens.
    #[arg(long)]
    pub slug: String,
    /// region, regional_council, municipality, joint_authority, unit or other.
    #[arg(long, value_parser = choice::<OrgKind>)]
    pub kind: OrgKind,
    /// The name in Finnish. At least one name is needed, and one in the primary language.
    #[arg(long, required_unless_present_any = ["name_sv", "name_en"])]
    pub name_fi: Option<String>,
    /// The name in Swedish.
    #[arg(long)]
    pub name_sv: Option<String>,
    /// The name in English.
    #[arg(long)]
    pub name_en: Option<String>,
    /// FI or SE: whose business-id rules apply.
    #[arg(long, default_value = "FI", value_parser = choice::<Country>)]
    pub country: Country,
    /// The languages it publishes in, the primary one first, e.g. fi,sv. Without it: the
    /// country's language (fi or sv).
    #[arg(long, value_delimiter = ',')]
    pub languages: Vec<Lang>,
    /// The slug of the organisation above it: the region, or the municipality of a unit.
    #[arg(long)]
    pub parent: Option<String>,
    /// The Y-tunnus (FI, e.g. 0208201-1) or organisationsnummer (SE, e.g. 212000-2197).
    #[arg(long)]
    pub business_id: Option<String>,
    /// An http:// or https:// address.
    #[arg(long)]
    pub website: Option<String>,
}

/// Parses one of a closed set of values (any case), naming the allowed ones when it is not.
fn choice<T: Vocabulary>(s: &str) -> Result<T, String> {
    T::all()
        .iter()
        .copied()
        .find(|v| v.text().eq_ignore_ascii_case(s.trim()))
        .ok_or_else(|| {
            let allowed: Vec<_> = T::all().iter().map(|v| v.text()).collect();
            format!("use one of {}", allowed.join(", "))
        })
}

#[derive(Subcommand)]
pub enum UserCommand {
    /// Add an account. Without --password-stdin a password is generated and printed.
    Add {
        #[arg(long)]
        email: String,
        #[arg(long)]
        name: String,
        /// fi, sv or en.
        #[arg(long, default_value = "fi")]
        language: String,
        #[arg(long)]
        platform_admin: bool,
        /// Read the password from standard input.
        #[arg(long)]
        password_stdin: bool,
        /// Give the account a role: ORG-SLUG:ROLE (repeatable), e.g. kajaani:editor.
        #[arg(long = "role")]
        roles: Vec<String>,
    },
    /// Disable an account: it cannot sign in, its sessions end and its API tokens are refused.
    Disable {
        #[arg(long)]
        email: String,
    },
    /// Enable a disabled account again (its API tokens work again; it signs in anew).
    Enable {
        #[arg(long)]
        email: String,
    },
    /// Set a new password and end the account's sessions. Without --password-stdin a password
    /// is generated and printed.
    Password {
        #[arg(long)]
        email: String,
        /// Read the password from standard input.
        #[arg(long)]
        password_stdin: bool,
    },
    /// Turn an account's authenticator app off (its phone was lost): it signs in with the
    /// password alone, or sets a new app up where its organisation requires one.
    SecondFactorOff {
        #[arg(long)]
        email: String,
    },
}

#[derive(Subcommand)]
pub enum TokenCommand {
    /// Create an API token for an account and print it (it is shown only once).
    Create {
        #[arg(long)]
        user: String,
        #[arg(long, default_value = "command line")]
        name: String,
        /// What the token may do, each including the ones before: read, write (create, edit,
        /// govern, report), publish (also publish, withdraw, decide, sign off), admin.
        #[arg(long, default_value = "write", value_parser = ["read", "write", "publish", "admin"])]
        scope: String,
        /// How long it works: `30m`, `12h`, `90d` (default: --token-lifetime).
        #[arg(long, default_value = "")]
        expires_in: String,
        /// The organisation (slug) it acts in; needed when the account holds roles in more
        /// than one. A platform administrator's token without one acts everywhere.
        #[arg(long)]
        org: Option<String>,
        #[command(flatten)]
        lifetimes: TokenLifetimes,
    },
}

/// How long API tokens live: the operator's setting, read by the server and the CLI alike.
#[derive(Args, Clone)]
pub struct TokenLifetimes {
    /// The lifetime of a new API token when none is asked for (`30m`, `12h`, `90d`).
    #[arg(long, env = "AIREG_TOKEN_LIFETIME", default_value = "90d")]
    pub token_lifetime: String,
    /// The longest lifetime an API token may be given.
    #[arg(long, env = "AIREG_TOKEN_MAX_LIFETIME", default_value = "365d")]
    pub token_max_lifetime: String,
}

impl TokenLifetimes {
    pub fn rules(&self) -> anyhow::Result<aireg_service::accounts::TokenRules> {
        let parse = |flag: &str, v: &str| {
            aireg_domain::clock::parse_lifetime(v).ok_or_else(|| {
                anyhow::anyhow!("--{flag}: {v:?} is not a length of time such as 30m, 12h or 90d")
            })
        };
        Ok(aireg_service::accounts::TokenRules {
            default_lifetime: parse("token-lifetime", &self.token_lifetime)?,
            max_lifetime: parse("token-max-lifetime", &self.token_max_lifetime)?,
        })
    }
}

#[derive(Args)]
pub struct ExportArgs {
    /// `json` (the whole register as aireg keeps it); the open data `csv`, `xlsx`, `json-open`;
    /// the standards `nl-algoritmeregister`, `eurocities` (v0.3.1), `atrs` (the UK ATRS v3.0
    /// template's attributes), `eu-database` (AI Act Annex VIII section C) and `dcat-ap` (a
    /// DCAT-AP 3 catalogue in Turtle). All but `json` hold published records only.
    #[arg(long, default_value = "json")]
    pub format: String,
    /// The public address of the register, for the links in open data and standards.
    #[arg(long, env = "AIREG_PUBLIC_URL")]
    pub public_url: Option<String>,
    /// One organisation (and the organisations below it) instead of all.
    #[arg(long)]
    pub org: Option<String>,
    /// Write here instead of standard output.
    #[arg(long)]
    pub output: Option<PathBuf>,
    /// Only what the public register shows: published records and their public fields.
    /// Without it the export is for staff: drafts, withdrawn records and internal fields too.
    #[arg(long)]
    pub public: bool,
}

#[derive(Args)]
pub struct SynthArgs {
    /// How many records.
    #[arg(long, default_value_t = 10_000)]
    pub records: usize,
    /// The CSV file to write.
    #[arg(long)]
    pub output: PathBuf,
}

#[derive(Args, Clone)]
pub struct ImportArgs {
    /// `csv`, `xlsx` (the columns of the open data download and the template),
    /// `nl-algoritmeregister` (the Dutch publication standard 1.0, JSON), `eurocities`
    /// (the Eurocities standard v0.3.1, JSON) or `atrs` (the UK ATRS: objects with the v3.0
    /// template's attributes, or GOV.UK Content API records, JSON).
    #[arg(long)]
    pub format: String,
    /// The file to read.
    pub file: PathBuf,
    /// The organisation (slug) the records belong to.
    #[arg(long)]
    pub org: String,
    /// Report, row by row, what would be created or updated, and every problem; save nothing.
    #[arg(long)]
    pub dry_run: bool,
    /// Save the rows without problems even when other rows have some (otherwise all or nothing).
    #[arg(long)]
    pub partial: bool,
    /// The language of the report: fi, sv or en.
    #[arg(long, default_value = "en")]
    pub lang: String,
    /// The language a single-language file's texts are stored in (fi, sv or en); the
    /// organisation's first language when not given.
    #[arg(long)]
    pub text_lang: Option<String>,
}

#[derive(Subcommand)]
pub enum UsageCommand {
    /// Count a usage file into figures per tool and month and save them for the organisation,
    /// in place of the months it covers. The file is `date,user,tool,count` (one line per user
    /// and day) or the Microsoft 365 Copilot usage report (CSV); users are counted as the file
    /// is read and never stored. Published figures hold back every cell of fewer than 10 users.
    Import {
        file: PathBuf,
        /// The organisation the figures belong to.
        #[arg(long)]
        org: String,
        /// Replace a tool's month saved before (a published figure that changes can be compared
        /// with its earlier copy: replace only what was wrong).
        #[arg(long)]
        replace: bool,
    },
}

#[derive(Subcommand)]
pub enum JobsCommand {
    /// Deliver the jobs that are due now, once; exits 1 when any failed.
    Run(MailArgs),
    /// Queue the reminders due today (reviews due or overdue, AI Act obligations coming due);
    /// each goes out once ever. `aireg serve` does this every hour by itself.
    Remind {
        /// The address people reach aireg at, for the links in the messages.
        #[arg(
            long,
            env = "AIREG_PUBLIC_URL",
            default_value = "http://127.0.0.1:8080"
        )]
        public_url: String,
    },
    /// List jobs (no message contents): id, kind, attempts, next run, state, last error.
    List {
        /// Only jobs whose dedup key starts with this, e.g. `review-due:`. Without it every
        /// job is listed.
        #[arg(long, default_value = "")]
        prefix: String,
    },
}

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Walk the hash chain; exit 0 when intact, 1 naming the first broken event. With
    /// checkpoints, the chain must also pass through each signed head (truncation and
    /// rewriting show); exit 2 when a checkpoint itself is not valid.
    Verify {
        /// A checkpoint, or the public feed of them, as a file or an http(s) URL (e.g.
        /// https://airekisteri.example.fi/api/v1/public/audit/checkpoints). May be repeated.
        #[arg(long)]
        checkpoint: Vec<String>,
        /// The signing key's public key (hex) the checkpoints must carry.
        #[arg(long)]
        public_key: Option<String>,
    },
    /// Sign the chain's head now with the audit key and publish the checkpoint in the feed;
    /// prints it as JSON (keep a copy).
    Checkpoint {
        #[command(flatten)]
        key: AuditKeyArgs,
    },
    /// Make a new audit signing key: writes its seed to FILE (readable by you only) and prints
    /// its public key. Keep the file outside the database's backups.
    Keygen {
        #[arg(long)]
        out: PathBuf,
    },
}

/// Where the key that signs audit checkpoints is: a file holding its seed in hex, or the seed
/// itself in the environment. Without one, no checkpoints are written.
#[derive(Args, Clone, Default)]
pub struct AuditKeyArgs {
    #[arg(long, env = "AIREG_AUDIT_KEY_FILE")]
    pub audit_key_file: Option<PathBuf>,
    #[arg(long, env = "AIREG_AUDIT_KEY", hide_env_values = true)]
    pub audit_key: Option<String>,
}

impl Cli {
    fn database_url(&self) -> anyhow::Result<String> {
        if let Some(url) = &self.database {
            return Ok(url.clone());
        }
        std::fs::create_dir_all(&self.data_dir).with_context(|| {
            format!(
                "cannot create the data directory {}",
                self.data_dir.display()
            )
        })?;
        Ok(format!(
            "sqlite:{}",
            self.data_dir.join("aireg.db").display()
        ))
    }

    async fn open(&self) -> anyhow::Result<SqlStore> {
        let url = self.database_url()?;
        let store = SqlStore::connect(&url)
            .await
            .with_context(|| format!("cannot open {}", aireg_store_sql::redact(&url)))?;
        store
            .migrate()
            .await
            .context("cannot migrate the database")?;
        Ok(store)
    }
}

/// The content in use: the content directory's, else the built-in.
fn content(cli: &Cli) -> anyhow::Result<Content> {
    Content::load(cli.content_dir.as_deref()).context("the content cannot be used")
}

pub async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    // Classifying is pure: no database. Nor is making a key.
    if let Command::Classify { file } = &cli.command {
        return crate::classify::run(&content(&cli)?.ai_act, file);
    }
    if let Command::Audit {
        command: AuditCommand::Keygen { out },
    } = &cli.command
    {
        return audit::keygen(out);
    }
    // The content first: a broken pack stops the start before anything is opened.
    let content = content(&cli)?;
    // A restore replaces the database: it is not opened first.
    if let Command::Restore { file, force } = &cli.command {
        return crate::backup::restore(&cli.database_url()?, content, file, *force).await;
    }
    let store = std::sync::Arc::new(cli.open().await?);
    let public_url = match &cli.command {
        Command::Serve(args) | Command::Demo(DemoArgs { serve: args, .. }) => {
            serve::public_url(args)
        }
        Command::Jobs {
            command: JobsCommand::Remind { public_url },
        } => public_url.clone(),
        _ => ServeArgs::default_public_url(),
    };
    let services = serve::services(store.clone(), content, &public_url);
    let result = match cli.command {
        Command::Migrate => {
            eprintln!(
                "The database is up to date ({}).",
                aireg_store::Store::engine(&*store)
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve(args) => serve::run(store.clone(), services, args)
            .await
            .map(|()| ExitCode::SUCCESS),
        Command::Demo(args) => demo::run(store.clone(), services, cli.content_dir.as_deref(), args)
            .await
            .map(|()| ExitCode::SUCCESS),
        Command::User {
            command:
                UserCommand::Add {
                    email,
                    name,
                    language,
                    platform_admin,
                    password_stdin,
                    roles,
                },
        } => people::add_user(
            &services,
            email,
            name,
            &language,
            platform_admin,
            password_stdin,
            roles,
        )
        .await
        .map(|()| ExitCode::SUCCESS),
        Command::User {
            command: UserCommand::Disable { email },
        } => people::set_disabled(&services, &email, true)
            .await
            .map(|_| ExitCode::SUCCESS),
        Command::User {
            command: UserCommand::SecondFactorOff { email },
        } => people::second_factor_off(&services, &email)
            .await
            .map(|()| ExitCode::SUCCESS),
        Command::User {
            command: UserCommand::Enable { email },
        } => people::set_disabled(&services, &email, false)
            .await
            .map(|_| ExitCode::SUCCESS),
        Command::User {
            command:
                UserCommand::Password {
                    email,
                    password_stdin,
                },
        } => people::change_password(&services, &email, password_stdin)
            .await
            .map(|()| ExitCode::SUCCESS),
        Command::Token {
            command:
                TokenCommand::Create {
                    user,
                    name,
                    scope,
                    expires_in,
                    org,
                    lifetimes,
                },
        } => people::create_token(
            &services,
            &user,
            people::TokenAsked {
                name,
                scope,
                expires_in,
                org,
            },
            &lifetimes.rules()?,
        )
        .await
        .map(|()| ExitCode::SUCCESS),
        Command::Org {
            command: OrgCommand::Add(args),
        } => orgs::add(&services, args).await.map(|_| ExitCode::SUCCESS),
        Command::Org {
            command: OrgCommand::List,
        } => orgs::list(services.store(), &mut std::io::stdout().lock())
            .await
            .map(|()| ExitCode::SUCCESS),
        Command::Org {
            command: OrgCommand::Licence { slug, licence },
        } => orgs::licence(&services, &slug, licence.as_deref())
            .await
            .map(|()| ExitCode::SUCCESS),
        Command::Org {
            command: OrgCommand::Sso(args),
        } => orgs::sso(&services, args).await.map(|()| ExitCode::SUCCESS),
        Command::Export(args) => export::run(&store, &services, args)
            .await
            .map(|()| ExitCode::SUCCESS),
        Command::Import(args) => import::run(&store, &services, args).await,
        Command::Synth(args) => crate::synth::run(&services, args)
            .await
            .map(|()| ExitCode::SUCCESS),
        Command::Reindex => {
            let n = aireg_store::RecordStore::reindex(&*store, &|done, total| {
                if done.is_multiple_of(5000) || done == total {
                    eprintln!("indexing: {done}/{total} records");
                }
            })
            .await?;
            eprintln!("The search index holds {n} records.");
            Ok(ExitCode::SUCCESS)
        }
        Command::Audit {
            command:
                AuditCommand::Verify {
                    checkpoint,
                    public_key,
                },
        } => audit::verify(&services, &checkpoint, public_key.as_deref()).await,
        Command::Audit {
            command: AuditCommand::Checkpoint { key },
        } => audit::checkpoint(&services, &key).await,
        Command::Audit {
            command: AuditCommand::Keygen { .. },
        } => unreachable!("handled before the database is opened"),
        Command::Report {
            org,
            year,
            lang,
            output,
            public_url,
        } => crate::report::write(&services, &org, year, &lang, &output, &public_url)
            .await
            .map(|()| ExitCode::SUCCESS),
        Command::Backup { output } => {
            let content = Content::load(cli.content_dir.as_deref())?;
            crate::backup::backup(&store, content, &output).await
        }
        Command::Restore { .. } => unreachable!("handled before the database is opened"),
        Command::Usage {
            command: UsageCommand::Import { file, org, replace },
        } => crate::usage::import(&services, &file, &org, replace)
            .await
            .map(|()| ExitCode::SUCCESS),
        Command::Jobs {
            command: JobsCommand::Run(args),
        } => match args.mailer() {
            Ok(Some(mailer)) => jobs::run_once(&*store, &mailer).await,
            Ok(None) => Err(anyhow::anyhow!(
                "e-mail is not configured: set {} or --smtp-url",
                mail::SMTP_URL_VAR
            )),
            Err(e) => Err(e),
        },
        Command::Jobs {
            command: JobsCommand::Remind { .. },
        } => crate::serve::remind_once(&services).await,
        Command::Jobs {
            command: JobsCommand::List { prefix },
        } => jobs::list(&*store, &prefix, &mut std::io::stdout().lock())
            .await
            .map(|()| ExitCode::SUCCESS),
        Command::Classify { .. } => Ok(ExitCode::SUCCESS),
    };
    store.close().await;
    result
}
