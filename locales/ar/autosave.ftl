# The autosave of a new article never saved, offered back on the new-article page.
# $time: when it was autosaved ("14:05" today, else a date and time).
autosave-new-offer = حُفظ مقال جديد كنت تكتبه تلقائيًا عند { $time }، لكنك لم تحفظه قط.
