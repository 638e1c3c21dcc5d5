# The conversation framed on another site, its sign-in popup and its policies.

## The framed thread (/embed/thread)

# $title: the host page's title.
embed-frame-title = Comments: { $title }
# $count: the number of comments readers see.
embed-comments-heading = Comments ({ $count })
embed-join-title = Join the conversation
embed-join = <a>Sign in</a> to share your thoughts and engage with the community.
embed-premoderated = Comments here are read by a moderator before they appear.
embed-no-comments = No comments yet
embed-be-first = Be the first to share your thoughts!
embed-sort-label = Sort comments
# $name: the member's display name.
embed-signed-in-as = Signed in as { $name }
embed-your-data = Your data
embed-sign-out = Sign out
embed-source = The conversation about <a>this page</a>.
# The host page may be anything (a post, a product, a recipe): not "this article".
embed-closed = Comments are closed here.
embed-closed-refusal = Comments are closed here, so nothing more can be posted.
embed-reply-invalid = The comment being replied to is not valid.
embed-honeypot = This comment could not be accepted. If you are a person, leave the hidden Website field empty.

## Why a frame is refused (read by the host site's developer)

embed-site-not-number = The site (data-site) must be the number /admin/sites shows.
# $id: the site number the request named.
embed-no-such-site = There is no registered site { $id }.
embed-page-not-address = The page address (data-page) is not a full http(s) address.
# $origin: scheme, host and port of the page.
embed-no-site-for-origin = No registered site allows the conversation on pages at { $origin }.
# $site: the site's name; $origin: where the frame was loaded from.
embed-origin-refused = The site “{ $site }” does not allow the conversation to be shown on pages at { $origin }.

## The sign-in popup (/embed/signin) and signing in inside the frame

embed-signin-title = Signed in to the conversation
embed-signin-heading = You are signed in
# $name: the member's display name; $site: the embedding site's name.
embed-signin-as = Signed in as { $name } for the conversation on { $site }.
embed-signin-close = If this window does not close by itself, close it and choose Sign in again in the conversation.
embed-signin-site-number = The site must be the number /admin/sites shows.
embed-signin-code-spent = This sign-in has expired or was already used. Choose Sign in again.
embed-signin-other-site = This sign-in was made for another site's conversation. Choose Sign in again.

## The sites (/admin/sites)

embed-sites-title = Sites
embed-admins-only = Only administrators can manage the sites that embed the conversation.
# $example: an origin, shown as code.
embed-sites-intro = Sites that show the conversation under their own pages. Each lists the origins whose pages may embed it (scheme, host and port, such as { $example }); a page elsewhere gets no conversation. The signing secret signs the site's own sign-in tokens: it is shown once, when the site is added or its secret is replaced.
# $site: the site's name; $id: its number.
embed-secret-heading = Signing secret of “{ $site }” (site { $id })
embed-secret-copy = Copy it now: it is not shown again.
embed-add-site = Add a site
embed-site-name = Name
embed-site-origins = Allowed origins
embed-site-origins-hint = One or more, separated by spaces or new lines. https only; plain http for localhost and 127.0.0.1.
embed-add-site-button = Add site
embed-registered-sites = Registered sites
embed-no-sites = No sites yet.
# $id: the site's number; $date: when it was added.
embed-site-added = (site { $id }, added { $date })
# $site: the site's name.
embed-site-origins-of = Allowed origins of { $site }
embed-save-origins = Save origins
# $site: the site's name.
embed-replace-secret-label = Replace secret of { $site }
embed-replace-secret = Replace secret
embed-snippet-intro = Paste under each page, with that page's address and title:
embed-count-snippet-intro = On listing pages, each page's comment count (one request for all of a page's links):
# Inside the snippet a site owner pastes: the example page title and the count link's text.
embed-snippet-page-title = Your page's title
embed-snippet-count-text = Comments
embed-default-policy = Default comment policy
# $site: the site's name.
embed-threads-of = Threads of { $site }
# $name: the name typed.
embed-site-name-taken = There is already a site named “{ $name }”: choose another name.
# $id: the site's number; $problem: what is wrong with the origins.
embed-site-origins-problem = Site { $id }: { $problem }

## A site's threads and one thread (/admin/sites/{id}/threads, /admin/threads/{id})

embed-all-sites = All sites
# $site: the site's name.
embed-site-policy-intro = Every thread of { $site } follows this unless the thread has its own; what is left “as the wider setting” follows the site-wide policy at <a>moderation settings</a>.
embed-threads = Threads
embed-no-threads = No page has loaded the conversation yet.
embed-column-page = Page
embed-column-address = Address
embed-column-comments = Comments
embed-column-first-loaded = First loaded
# $title: the thread's page title.
embed-thread-page-title = Thread: { $title }
embed-thread-page = Page
embed-thread-site = Site
embed-thread-comments = Comments
# $count: the thread's visible comments.
embed-thread-comment-count = { $count } (<a>read the conversation</a>; held and reported ones are on the <a>moderation desk</a>)
embed-thread-in-force = Policy in force
embed-thread-own-policy = This thread's own policy
embed-thread-own-policy-intro = What is left “as the wider setting” follows the site's default.
embed-in-force-open = open
embed-in-force-closed = closed
embed-in-force-premoderated = pre-moderated (every comment)
# $count: how many approved comments of a member are read first.
embed-in-force-premoderated-first = { $count ->
    [one] pre-moderated (a member's first { $count } approved comments)
   *[other] pre-moderated (a member's first { $count } approved comments)
}
# $mode: the policy in force; $date: when comments closed.
embed-in-force-closed-since = { $mode }; closed since { $date }
# $mode: the policy in force; $date: when comments close.
embed-in-force-closes = { $mode }; closes { $date }

## The policy form

# $site: the site's name.
embed-policy-site = Comments on { $site }
embed-policy-thread = Comments on this thread
# $site: the site's name.
embed-policy-save-site = Save policy of { $site }
embed-policy-save-thread = Save policy of this thread
embed-policy-inherit = As the wider setting
embed-policy-open = Open
embed-policy-premoderated = Pre-moderated
embed-policy-closed = Closed
embed-policy-first = Pre-moderate only a member's first N approved comments (blank: all)
embed-policy-days = Close this many days after the page's first load (blank: as the wider setting; 0: never)
embed-policy-save = Save policy
