# The autosave of a new article never saved, offered back on the new-article page.
# $time: when it was autosaved ("14:05" today, else a date and time).
autosave-new-offer = Un artículo nuevo que estaba escribiendo se guardó automáticamente a las { $time }, pero nunca lo guardó.
