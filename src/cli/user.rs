//! `broadsheet user …`

use std::io::BufRead;

use super::UserCommand;
use crate::config::Config;
use crate::domain::Clock;
use crate::domain::user::{Email, Role, check_password, hash_password};

pub async fn run(config: Config, command: UserCommand) -> anyhow::Result<()> {
    match command {
        UserCommand::Create {
            email,
            role,
            display_name,
        } => {
            let email = Email::parse(&email)?;
            let role = Role::parse(&role)?;
            let display_name = display_name
                .unwrap_or_else(|| email.as_str().split('@').next().unwrap_or("").to_owned());
            let display_name = display_name.trim();
            if display_name.is_empty() || display_name.chars().count() > 60 {
                anyhow::bail!("the display name must be 1 to 60 characters long");
            }
            let password = match std::env::var("BROADSHEET_PASSWORD") {
                Ok(p) => p,
                Err(_) => {
                    let mut line = String::new();
                    std::io::stdin().lock().read_line(&mut line)?;
                    line.trim_end_matches(['\r', '\n']).to_owned()
                }
            };
            check_password(&password)?;
            let hash = tokio::task::spawn_blocking(move || hash_password(&password)).await?;
            let store = super::open_store(&config).await?;
            let result = store
                .create_user(&email, display_name, &hash, role, Clock::system().now())
                .await;
            store.close().await;
            let id = result?;
            println!("created {} account {email} (id {id})", role.as_str());
            Ok(())
        }
    }
}
