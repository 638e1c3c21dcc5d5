# The autosave of a new article never saved, offered back on the new-article page.
# $time: when it was autosaved ("14:05" today, else a date and time).
autosave-new-offer = Ein neuer Artikel, an dem Sie geschrieben haben, wurde um { $time } automatisch gesichert, aber nie gespeichert.
