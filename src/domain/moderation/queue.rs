//! Why a comment is held, and the desk's queues that list held comments.

/// Why a comment waits for a moderator.
#[derive(Clone, Copy, Debug, PartialEq, Eq, serde::Serialize, serde::Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum HoldReason {
    #[serde(rename = "premoderation")]
    PreModeration,
    /// A new member's first comment, when the site holds those.
    FirstComment,
    Link,
    SuspectWord,
    Spam,
    Reports,
}

impl HoldReason {
    pub fn as_str(self) -> &'static str {
        match self {
            HoldReason::PreModeration => "premoderation",
            HoldReason::FirstComment => "first_comment",
            HoldReason::Link => "link",
            HoldReason::SuspectWord => "suspect_word",
            HoldReason::Spam => "spam",
            HoldReason::Reports => "reports",
        }
    }

    pub fn parse(s: &str) -> Option<HoldReason> {
        Some(match s {
            "premoderation" => HoldReason::PreModeration,
            "first_comment" => HoldReason::FirstComment,
            "link" => HoldReason::Link,
            "suspect_word" => HoldReason::SuspectWord,
            "spam" => HoldReason::Spam,
            "reports" => HoldReason::Reports,
            _ => return None,
        })
    }

    /// The queue the held comment is listed in.
    pub fn queue(self) -> Queue {
        match self {
            HoldReason::PreModeration | HoldReason::FirstComment | HoldReason::Link => {
                Queue::Pending
            }
            HoldReason::SuspectWord | HoldReason::Spam => Queue::Flagged,
            HoldReason::Reports => Queue::Reported,
        }
    }
}

/// The desk's queues.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub enum Queue {
    /// Held for review by policy: pre-moderation, new members' first comments and links.
    #[default]
    Pending,
    /// Comments readers reported (still shown until the threshold hides them).
    Reported,
    /// Held by the word lists or the spam filter.
    Flagged,
}

impl Queue {
    pub const ALL: [Queue; 3] = [Queue::Pending, Queue::Reported, Queue::Flagged];

    pub fn parse(s: Option<&str>) -> Queue {
        match s {
            Some("reported") => Queue::Reported,
            Some("flagged") => Queue::Flagged,
            _ => Queue::Pending,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Queue::Pending => "pending",
            Queue::Reported => "reported",
            Queue::Flagged => "flagged",
        }
    }

    /// The held reasons listed in this queue (the reported queue also lists visible comments
    /// with open reports).
    pub fn held_reasons(self) -> &'static [&'static str] {
        match self {
            Queue::Pending => &["premoderation", "first_comment", "link"],
            Queue::Flagged => &["suspect_word", "spam"],
            Queue::Reported => &["reports"],
        }
    }
}
