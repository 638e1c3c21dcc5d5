//! `broadsheet site …`

use super::SiteCommand;
use crate::config::Config;
use crate::domain::Clock;
use crate::domain::embed::{parse_origins, site_name};

pub async fn run(config: Config, command: SiteCommand) -> anyhow::Result<()> {
    match command {
        SiteCommand::Add { name, origins } => {
            let name = site_name(&name).map_err(anyhow::Error::msg)?;
            let origins = parse_origins(&origins.join(" ")).map_err(anyhow::Error::msg)?;
            let secret = crate::web::embed::new_site_secret();
            let store = super::open_store(&config).await?;
            let result = store
                .create_site(&name, &origins, &secret, Clock::system().now())
                .await;
            store.close().await;
            let id = match result {
                Err(crate::store::Error::Duplicate(k)) if k.is("sites", &["name"]) => {
                    anyhow::bail!("there is already a site named “{name}”")
                }
                r => r?,
            };
            println!("site {} “{name}” registered", id.0);
            println!("id: {}", id.0);
            println!("secret: {secret}");
            println!("(the secret signs your readers' sign-in tokens; it is not shown again)");
            Ok(())
        }
    }
}
