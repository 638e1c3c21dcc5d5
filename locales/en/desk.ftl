# The moderation desk and the site's administration: users, log, webhooks, sites, tokens.
