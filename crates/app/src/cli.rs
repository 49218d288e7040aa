//! The command line.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, Parser, Subcommand};

use aireg_store_sql::SqlStore;

use crate::{audit, demo, export, people, serve};

#[derive(Parser)]
#[command(
    name = "aireg",
    version,
    about = "The AI register and AI governance platform for municipalities"
)]
pub struct Cli {
    /// Database URL: `sqlite:PATH` (the default, a file in the data directory) or
    /// `postgres://user@host/db`.
    #[arg(long, env = "DATABASE_URL", global = true)]
    pub database: Option<String>,
    /// Directory for the default SQLite database.
    #[arg(long, env = "AIREG_DATA_DIR", default_value = "data", global = true)]
    pub data_dir: PathBuf,
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
    /// Write the register (organisations, products, AI system records) as JSON.
    Export(ExportArgs),
    /// Check the audit log.
    Audit {
        #[command(subcommand)]
        command: AuditCommand,
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
}

#[derive(Args)]
pub struct DemoArgs {
    #[command(flatten)]
    pub serve: ServeArgs,
    /// Load the demo data and exit instead of serving.
    #[arg(long)]
    pub no_serve: bool,
    /// Read the demo files from this directory instead of those built in.
    #[arg(long)]
    pub content_dir: Option<PathBuf>,
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
}

#[derive(Subcommand)]
pub enum TokenCommand {
    /// Create an API token for an account and print it (it is shown only once).
    Create {
        #[arg(long)]
        user: String,
        #[arg(long, default_value = "command line")]
        name: String,
    },
}

#[derive(Args)]
pub struct ExportArgs {
    /// Only `json` for now.
    #[arg(long, default_value = "json")]
    pub format: String,
    /// One organisation (and the organisations below it) instead of all.
    #[arg(long)]
    pub org: Option<String>,
    /// Write here instead of standard output.
    #[arg(long)]
    pub output: Option<PathBuf>,
}

#[derive(Subcommand)]
pub enum AuditCommand {
    /// Walk the hash chain; exit 0 when intact, 1 naming the first broken event.
    Verify,
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

pub async fn run(cli: Cli) -> anyhow::Result<ExitCode> {
    // Classifying is pure: no database.
    if let Command::Classify { file } = &cli.command {
        return crate::classify::run(file);
    }
    let store = std::sync::Arc::new(cli.open().await?);
    let result = match cli.command {
        Command::Migrate => {
            eprintln!(
                "The database is up to date ({}).",
                aireg_store::Store::engine(&*store)
            );
            Ok(ExitCode::SUCCESS)
        }
        Command::Serve(args) => serve::run(store.clone(), args)
            .await
            .map(|()| ExitCode::SUCCESS),
        Command::Demo(args) => demo::run(store.clone(), args)
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
            &store,
            email,
            name,
            &language,
            platform_admin,
            password_stdin,
            roles,
        )
        .await
        .map(|()| ExitCode::SUCCESS),
        Command::Token {
            command: TokenCommand::Create { user, name },
        } => people::create_token(&store, &user, name)
            .await
            .map(|()| ExitCode::SUCCESS),
        Command::Export(args) => export::run(&store, args).await.map(|()| ExitCode::SUCCESS),
        Command::Audit {
            command: AuditCommand::Verify,
        } => audit::verify(&store).await,
        Command::Classify { .. } => Ok(ExitCode::SUCCESS),
    };
    store.close().await;
    result
}
