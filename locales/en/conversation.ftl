# The conversation under a story: comments, replies, reports, members' pages and app.js.
