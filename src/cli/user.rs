//! `broadsheet user …`

use std::io::BufRead;

use super::UserCommand;
use crate::config::Config;
use crate::domain::Clock;
use crate::domain::token::{MAX_TOKENS_PER_USER, Scopes, check_token_name};
use crate::domain::user::{Email, Role, check_password, hash_password};
use crate::web::accounts::tokens::issue_token;

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
            let now = Clock::system().now();
            let result = async {
                let id = store
                    .create_user(&email, display_name, &hash, role, now)
                    .await?;
                // The operator vouches for the address: no verification link is needed.
                store.mark_email_verified(id, now).await?;
                Ok::<i64, crate::store::Error>(id)
            }
            .await;
            store.close().await;
            let id = result?;
            println!("created {} account {email} (id {id})", role.as_str());
            Ok(())
        }
        UserCommand::Role { email, role } => {
            let email = Email::parse(&email)?;
            let role = Role::parse(&role)?;
            let store = super::open_store(&config).await?;
            // Logged like a grant at /admin/users, with the command line as the actor.
            let result = async {
                match store.user_by_email(&email).await? {
                    Some(user) => {
                        let actor = crate::store::moderation::Actor::command_line();
                        store
                            .grant_role(user.id, role, &actor, chrono::Utc::now())
                            .await
                    }
                    None => Ok(false),
                }
            }
            .await;
            store.close().await;
            if !result? {
                anyhow::bail!("there is no account with the e-mail address {email}");
            }
            println!("{email} is now {}", role.as_str());
            Ok(())
        }
        UserCommand::Token {
            email,
            name,
            scopes,
        } => {
            let email = Email::parse(&email)?;
            let name = check_token_name(&name).map_err(anyhow::Error::msg)?;
            let store = super::open_store(&config).await?;
            let result = async {
                let user = store
                    .user_by_email(&email)
                    .await?
                    .ok_or_else(|| anyhow::anyhow!("there is no account with the e-mail address {email}"))?;
                let role = Role::parse(&user.role)?;
                let scopes = Scopes::choose(scopes.split([' ', ',']), role)?;
                let secret = issue_token(&store, user.id, &name, &scopes, Clock::system().now())
                    .await?
                    .ok_or_else(|| anyhow::anyhow!("{email} already has {MAX_TOKENS_PER_USER} live tokens: revoke one first"))?;
                anyhow::Ok((secret, scopes))
            }
            .await;
            store.close().await;
            let (secret, scopes) = result?;
            eprintln!(
                "token for {email} with scopes {} (shown once):",
                scopes.to_stored()
            );
            println!("{secret}");
            Ok(())
        }
    }
}
