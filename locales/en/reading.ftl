# The public reading pages: front page, sections, articles, search, live coverage and newsletters.
