# The page frame every page shares: header, navigation, footer.

skip-link = Skip to main content
search-landmark = Site
search-label = Search
search-placeholder = Search
sections-nav = Sections
nav-newsroom = Newsroom
nav-moderation = Moderation
nav-admin = Admin
nav-settings = Settings
nav-sign-out = Sign out
nav-sign-in = Sign in
nav-create-account = Create account
# $site: the site's name.
footer-tagline = <a>{ $site }</a> — news, analysis and opinion, with a conversation under every story.
footer-demo = Demo content on this site is fictional.
site-description = The latest news, analysis and opinion, with a conversation under every story.
