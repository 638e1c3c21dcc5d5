# The article editor's autosave: its status line, its refusals and the offer of an autosaved draft.

editor-autosave-saving = Saving…
# $time: when it was saved ("14:05" today, else a date and time).
editor-autosave-saved = Saved at { $time }
editor-autosave-failed = Could not autosave just now. Your text is still here, and autosave tries again after your next change.
# $name: who saved the newer revision; $time: when.
editor-autosave-stale = { $name } saved a newer revision at { $time }, so autosave has stopped and kept nothing over it. Your text is still in the editor: save it to see both versions side by side, or open the article afresh to start from theirs.
editor-autosave-stale-unknown = A newer revision was saved after you opened this article, so autosave has stopped and kept nothing over it. Your text is still in the editor: save it to see both versions side by side, or open the article afresh to start from the newer one.
editor-autosave-someone = Someone
# $mib: the largest body, in MiB.
editor-autosave-body-too-long = The body is longer than { $mib } MiB, so this draft was not autosaved. Shorten it to go on autosaving.
editor-autosave-field-too-long = A field is longer than the form allows, so this draft was not autosaved. Shorten it to go on autosaving.
# $time: when the draft was autosaved.
editor-autosave-offer = An autosaved draft from { $time } is newer than the last saved revision.
editor-autosave-restore = Restore the autosaved draft from { $time }
editor-autosave-discard = Discard it
editor-autosave-restored = The autosaved draft from { $time } is in the form below. Save it to keep it as a revision.
