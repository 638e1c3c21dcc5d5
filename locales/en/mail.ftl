# The mails about a member's account. Each mail is put together from these lines, with blank
# lines between paragraphs.

# $name: the member's display name.
mail-hello-name = Hello { $name },
mail-hello = Hello,

mail-reset-subject = Reset your password
# $site: the site's name.
mail-reset-intro = Someone (we hope you) asked to reset the password of your { $site } account.
mail-reset-open = Open this link within an hour to choose a new password:
mail-reset-ignore = If you did not ask for this, ignore this message: your password stays as it is.

mail-signin-subject = Your sign-in link
# $site: the site's name.
mail-signin-intro = Someone (we hope you) asked to sign in to { $site } without a password.
# $minutes: how long the link works.
mail-signin-open = Open this link within { $minutes } minutes and press "Sign in":
mail-signin-ignore = The link works once. If you did not ask for it, ignore this message: nobody can sign in without it.

mail-signup-subject = Finish creating your account
# $site: the site's name; $hours: how long the link works.
mail-signup-intro = Someone (we hope you) asked to create an account on { $site } with this address. Open this link within { $hours } hours and press "Create account" to finish:
mail-signup-ignore = The link works once. If you did not ask for this, ignore this message: no account is made without it.

mail-taken-subject = Someone tried to create an account with your address
# $site: the site's name.
mail-taken-intro = Someone (perhaps you) tried to create a new account on { $site } with this address. You already have an account, so no new one was made and yours is unchanged.
mail-taken-sign-in = Sign in:
mail-taken-reset = Forgotten your password? Choose a new one:
mail-taken-ignore = If it was not you, there is nothing to do.

mail-verify-subject = Confirm your e-mail address
# $site: the site's name; $hours: how long the link works.
mail-verify-intro = Please confirm that this is your address for { $site }: open this link within { $hours } hours.
# $site: the site's name.
mail-verify-until = Until you do, { $site } sends you nothing but what you ask for yourself.
mail-verify-ignore = If you did not create an account, ignore this message.

## Replies, mentions and the daily digest. A link follows each line that ends with a colon.

# $author: who wrote the comment; $title: the article's headline.
mail-reply-subject = { $author } replied to your comment on “{ $title }”
mail-mention-subject = { $author } mentioned you on “{ $title }”
mail-read-and-answer = Read it and answer:
# $site: the site's name.
mail-why-replies = You get this mail from { $site } because you asked to hear about replies to your comments.
mail-why-mentions = You get this mail from { $site } because you asked to hear when someone mentions you.
mail-why-digest = You get this daily digest from { $site } because you asked for replies and mentions once a day.
mail-stop-these = Stop these mails with one click:
mail-choose-what = Choose what you receive:
# $count: how many replies and mentions the digest holds.
mail-digest-subject = { $count ->
    [one] Your daily digest: { $count } reply or mention
   *[other] Your daily digest: { $count } replies and mentions
}
mail-digest-since = { $count ->
    [one] Since your last digest: { $count } reply or mention.
   *[other] Since your last digest: { $count } replies and mentions.
}

## The moderation-queue alert to staff.

# $count: the items waiting.
mail-alert-subject = { $count ->
    [one] The moderation queue holds { $count } item
   *[other] The moderation queue holds { $count } items
}
# $count: the items waiting; $threshold: the number the member chose.
mail-alert-holds = { $count ->
    [one] The moderation queue holds { $count } item, at or above the { $threshold } you chose:
   *[other] The moderation queue holds { $count } items, at or above the { $threshold } you chose:
}
mail-queue-pending = pending
mail-queue-reported = reported
mail-queue-flagged = flagged
mail-alert-open = Open the moderation desk:
# $threshold: the number the member chose.
mail-alert-quiet = You will not hear again until the queue has fallen below { $threshold } and grown back.
mail-alert-stop = Stop these alerts with one click:
mail-alert-change = Change the threshold:

## A reader's question answered in live coverage.

# $site: the site's name.
mail-answered-subject = The newsroom answered your question — { $site }
# $title: the article's headline.
mail-answered-asked = You asked the newsroom, on “{ $title }”:
mail-answered-where = The answer is in the live coverage:
mail-answered-why = You get this one mail because you asked to be told when your question was answered.

## The words around a newsletter edition.

mail-newsletter-web = Read this edition on the web
# $newsletter: the newsletter's name; $site: the site's name.
mail-newsletter-why = You get { $newsletter } from { $site } because you subscribed to it.
mail-newsletter-unsubscribe = Unsubscribe with one click
