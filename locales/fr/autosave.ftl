# The autosave of a new article never saved, offered back on the new-article page.
# $time: when it was autosaved ("14:05" today, else a date and time).
autosave-new-offer = Un nouvel article que vous écriviez a été sauvegardé automatiquement à { $time }, mais vous ne l’avez jamais enregistré.
