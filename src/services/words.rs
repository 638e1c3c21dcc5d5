//! This process's matcher for the moderation word lists.

use std::sync::Arc;

use tokio::sync::RwLock;

use crate::domain::wordfilter::WordFilter;
use crate::store::{Result, Store};

/// The word matcher, rebuilt when the lists' version in the database changes (an admin saved
/// them here or in another process).
#[derive(Default)]
pub struct WordCache {
    current: RwLock<Option<(i64, Arc<WordFilter>)>>,
}

impl WordCache {
    pub async fn filter(&self, store: &Store, version: i64) -> Result<Arc<WordFilter>> {
        if let Some((v, f)) = &*self.current.read().await
            && *v == version
        {
            return Ok(f.clone());
        }
        let (banned, suspect, version) = store.word_lists().await?;
        let lines = |s: &str| s.lines().map(str::to_owned).collect::<Vec<_>>();
        let filter = Arc::new(WordFilter::new(&lines(&banned), &lines(&suspect)));
        *self.current.write().await = Some((version, filter.clone()));
        Ok(filter)
    }
}
