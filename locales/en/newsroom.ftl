# The newsroom: articles, the editor, media, labels, editions, newsletters and live coverage.
