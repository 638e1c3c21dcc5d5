# The public reading pages: front page, sections, articles, search, live coverage and newsletters.

## Shared by cards, articles and listings

reading-live-badge = Live
# Before a byline's names: "By Ann, Bob and Cy".
reading-by = By
# Between the last two names of a byline.
reading-and = and
# Between the other names of a byline (spaces kept as written).
reading-list-comma = { ", " }
# $count: the number, for the plural; $shown: the same number as the reader's language writes it.
reading-comment-count =
    { $count ->
        [one] { $shown } comment
       *[other] { $shown } comments
    }

## Front page

# $site: the site's name.
reading-front-heading = { $site }: latest stories
reading-front-lead = Lead story
reading-front-empty = No stories have been published yet.
reading-front-discussed = Most discussed

## Section, topic and author pages

reading-kind-section = Section
reading-kind-topic = Topic
reading-kind-author = Author
reading-listing-empty = No stories here yet.
reading-listing-no-older = There are no older stories.
reading-listing-stories = Stories
reading-listing-pages = Pages
reading-listing-newest = Newest stories
reading-listing-older = Older stories
# $heading: the section's, topic's or author's name.
reading-listing-older-title = { $heading } (older stories)
reading-listing-bad-cursor = This page link is not valid. Use the “Older stories” links to move through the list, or start again from the first page.

## Article page (its conversation has its own catalogue)

reading-published = Published
reading-updated = Updated
reading-read-in-label = Read in
reading-read-in = Read in:
reading-corrections = Corrections
reading-topics = Topics
reading-related = Related articles
# $title: the article's title (a feed offered in the page's head).
reading-feed-live-updates = Live updates on { $title } (Atom)
# $title: the article's title.
reading-feed-comments = Comments on { $title } (Atom)

## Live coverage

reading-live-updates = Live updates
reading-coverage-ended = Coverage has ended
reading-no-updates = No updates yet.
reading-older-updates = Older updates
reading-ask-heading = Ask the newsroom
reading-ask-blurb = A question about this story? Our journalists answer readers' questions here, in the live updates.
reading-ask-link = Ask a question
reading-key-events = Key events
reading-key-event = Key event
reading-question-from = Question from
reading-a-reader = A reader
reading-the-newsroom = The newsroom
# An answered question as plain text (the key events and structured data): $asker, $question.
reading-asked = { $asker } asked: { $question }
reading-earlier-updates = Earlier updates
# $title: the article's title.
reading-earlier-updates-title = Earlier updates: { $title }
reading-no-earlier = No earlier updates.
reading-back-to-latest = Back to the latest updates
reading-live-bad-cursor = That page of updates does not exist: go back to the article.
# $title: the article's title; $site: the site's name.
reading-feed-live-title = Live: { $title } — { $site }

## Asking the newsroom

# $title: the article's title.
reading-ask-title = Ask the newsroom: { $title }
reading-ask-sent = Thank you: your question is with the newsroom. A moderator reads it first; if a journalist answers it, the answer appears in the <a>live updates</a>, with your question and your name.
reading-ask-ended = The live coverage has ended, so the newsroom takes no more questions here. <a>Read the updates</a>.
reading-ask-sign-in = <a>Sign in</a> to ask the newsroom a question about this story.
reading-ask-intro = Ask one question about this story. A moderator reads every question first; journalists answer some of them in the live updates, quoting the question with your display name.
reading-ask-your-question = Your question
# $max: the most characters a question may have.
reading-ask-hint = Up to { $max } characters, as plain text.
reading-ask-notify = Email me when my question is answered
reading-ask-send = Send question
reading-ask-back = Back to the live coverage
reading-ask-not-live = Questions are taken while the coverage is live, and this coverage is not.
reading-ask-empty = Write your question before sending it.
# $max: the most characters a question may have; $chars: how many the question has.
reading-ask-too-long = A question is at most { $max } characters; yours is { $chars }. Shorten it and send it again.
reading-ask-closed = The conversation on this article is closed, and questions with it.
# $word: the word that is not allowed.
reading-ask-banned-word = Your question contains “{ $word }”, which is not allowed here. Take it out and send it again: your text is kept below.
# $max: questions a minute; $wait: seconds to wait.
reading-ask-too-fast = You are asking faster than { $max } questions a minute. Wait { $wait } seconds, then send it again: your text is kept below.

## Search

reading-search-title = Search
# $query: what the reader searched for.
reading-search-page-title = Search: { $query }
reading-search-landmark = Search articles
reading-search-for = Search for
reading-search-section = Section
reading-search-all-sections = All sections
reading-search-from = From
reading-search-to = To
reading-search-order = Order
reading-search-best-match = Best match
reading-search-newest-first = Newest first
reading-search-button = Search
# $query: what the reader searched for.
reading-search-none = No articles match “{ $query }”.
# $query: what the reader searched for; $page: the page's number.
reading-search-none-on-page = No articles match “{ $query }” on page { $page }.
# $query: what the reader searched for.
reading-search-results = Results for “{ $query }”
# $query: what the reader searched for; $page: the page's number.
reading-search-results-page = Results for “{ $query }”, page { $page }
reading-search-try-again = Try fewer or different words, or remove the filters.
reading-search-result-pages = Result pages
reading-search-previous = Previous results
reading-search-more = More results
reading-search-help = Type a few words from a headline, a story, a topic or an author’s name. Put “quotes” around a phrase.
# $value: what was typed in the date field.
reading-search-bad-from = The “from” date should look like 2026-11-27; “{ $value }” was ignored.
# $value: what was typed in the date field.
reading-search-bad-to = The “to” date should look like 2026-11-27; “{ $value }” was ignored.
# $max: a number of characters.
reading-search-limit-chars = Only the first { $max } characters of the search were used.
# $max: a number of words.
reading-search-limit-words = Only the first { $max } words were searched (words in quotes count too).
# $min: a number of letters.
reading-search-limit-short-prefixes = A * finds longer words only after at least { $min } letters; shorter ones were searched as whole words.
# $max: a number of words.
reading-search-limit-prefixes = Only the first { $max } words were searched as word beginnings; the others as whole words.
reading-search-swapped = The “from” date was after the “to” date, so the two were swapped.
# $section: the section asked for.
reading-search-no-section = There is no section “{ $section }”, so every section was searched.
reading-search-timeout = That search took too long and was stopped. Try fewer or more specific words, fewer word beginnings (*), a section or a shorter date range.
reading-search-nothing = That search has no letters or digits to look for. Try some words from the story.

## Feeds

# $title: the feed's own title.
reading-feed-latest = The latest from { $title }
# Before a correction's text in a feed's copy of an article; $time: when it was made.
reading-feed-correction = Correction, { $time }:

## Newsletters

reading-newsletters-title = Newsletters
reading-newsletters-subscribed = You are subscribed.
reading-newsletters-left = You are unsubscribed.
reading-newsletters-none = There are no newsletters yet.
reading-newsletters-receiving = You receive this newsletter.
# $name: the newsletter's name.
reading-newsletters-unsubscribe-from = Unsubscribe from { $name }
reading-newsletters-unsubscribe = Unsubscribe
# $name: the newsletter's name.
reading-newsletters-subscribe-to = Subscribe to { $name }
reading-newsletters-subscribe = Subscribe
# $minutes: minutes to wait.
reading-newsletters-too-many = Too many subscriptions were asked for from your network in the last hour. Try again in { $minutes } minutes.
# $email: the address; $newsletter: the newsletter's name.
reading-newsletters-check-mail = Check your e-mail: we sent a link to { $email } to confirm your subscription to { $newsletter }.
# $newsletter: the newsletter's name.
reading-newsletters-mail-subject = Confirm your subscription to { $newsletter }
# $newsletter: the newsletter's name; $site: the site's name (the link works for 48 hours, CONFIRM_LINK_HOURS).
reading-newsletters-mail-asked = Someone (we hope you) asked to receive { $newsletter } from { $site } at this address. Open this link within 48 hours and press "Confirm subscription":
reading-newsletters-mail-ignore = The link works once. If you did not ask for this, ignore this message: nothing is sent to you without it.
reading-confirm-title = Confirm your subscription
# $newsletter: the newsletter's name.
reading-confirm-done = You are subscribed to { $newsletter }. The next edition will reach you by e-mail; every edition has a link to unsubscribe in one click.
reading-confirm-sign-in-later = To sign in later, ask for a <a>sign-in link by e-mail</a>.
# $newsletter: the newsletter's name (already made safe for HTML); $email: the address (the same).
reading-confirm-press = Press the button to receive <strong>{ $newsletter }</strong> at <strong>{ $email }</strong>.
reading-confirm-button = Confirm subscription
reading-confirm-expired = This confirmation link has expired or has already been used. Links work once, for 48 hours.
reading-confirm-again = You can subscribe again on the <a>newsletters page</a>.
reading-unsubscribe-title = Unsubscribe
reading-unsubscribe-newsletter-invalid = This unsubscribe link is not valid. Signed in, you can choose your newsletters on the <a>newsletters page</a>.
# $name: the newsletter's name.
reading-unsubscribe-newsletter-done = Done: you will no longer receive { $name }. You can subscribe again on the <a>newsletters page</a>.
# $name: the newsletter's name.
reading-unsubscribe-newsletter-ask = Stop receiving { $name }?
reading-unsubscribe-button = Unsubscribe
reading-edition-subscribe = Subscribe to our newsletters

## Unsubscribing from the site's own mails

reading-unsubscribe-invalid = This unsubscribe link is not valid. Signed in, you can choose what the site mails you in <a>your settings</a>.
# $kind: which mails (replies, mentions, digest, queue-alert).
reading-unsubscribe-done =
    { $kind ->
        [replies] Done: you will no longer get e-mail when someone replies to your comments. You can turn it back on in <a>your settings</a>.
        [mentions] Done: you will no longer get e-mail when someone mentions you in a comment. You can turn it back on in <a>your settings</a>.
        [digest] Done: you will no longer get the daily digest of replies and mentions. You can turn it back on in <a>your settings</a>.
       *[queue-alert] Done: you will no longer get alerts about the moderation queue. You can turn it back on in <a>your settings</a>.
    }
# $kind: which mails (replies, mentions, digest, queue-alert).
reading-unsubscribe-ask =
    { $kind ->
        [replies] Stop e-mail when someone replies to your comments?
        [mentions] Stop e-mail when someone mentions you in a comment?
        [digest] Stop the daily digest of replies and mentions?
       *[queue-alert] Stop alerts about the moderation queue?
    }
