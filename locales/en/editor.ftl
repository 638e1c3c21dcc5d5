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

# The rich editor's words (static/editor.js, from editor/src): its toolbar, the block dialogs,
# the block headers and its messages, handed to the script in the page's `editor-words` block.
editor-js-toolbar = Formatting and blocks
editor-js-bold = Bold
editor-js-bold-short = B
editor-js-italic = Italic
editor-js-italic-short = I
editor-js-strikethrough = Strikethrough
editor-js-strikethrough-short = S
editor-js-link = Link
editor-js-link-address = Address
editor-js-heading = Heading
editor-js-subheading = Subheading
editor-js-paragraph = Paragraph
editor-js-bulleted-list = Bulleted list
editor-js-numbered-list = Numbered list
editor-js-quote = Quote
editor-js-lift-out = Lift out
editor-js-image = Image
editor-js-gallery = Gallery
editor-js-embed = Embed
editor-js-pull-quote = Pull quote
editor-js-fact-box = Fact box
editor-js-read-more = Read more
editor-js-note = Note
editor-js-undo = Undo
editor-js-redo = Redo
editor-js-edit-as-markdown = Edit as Markdown
editor-js-body = Body
editor-js-insert = Insert
editor-js-save = Save
editor-js-cancel = Cancel
editor-js-edit = Edit
editor-js-remove = Remove
# Filled in by the script: name.
editor-js-edit-named = Edit { $name }
# Filled in by the script: name.
editor-js-remove-named = Remove { $name }
editor-js-this-field = This field
# Filled in by the script: name, problem.
editor-js-field-problem = { $name }: { $problem }
editor-js-unreachable = The site could not be reached: check your connection and try again.
# Filled in by the script: status.
editor-js-library-failed = The image library could not be loaded (error { $status }).
# Filled in by the script: status.
editor-js-upload-failed = The image was not uploaded (error { $status }).
editor-js-picker-images = Images from the library
editor-js-picker-one = From the library
editor-js-picker-empty = The library has no images yet.
editor-js-layout = Layout
editor-js-layout-column = Column width
editor-js-layout-wide = Wide
editor-js-layout-full = Full bleed
editor-js-insert-image = Insert image
editor-js-edit-image = Edit image
editor-js-upload-new = Or upload a new image
editor-js-upload-hint = JPEG, PNG or WebP. It is added to the library.
editor-js-alt-text = Alt text
editor-js-alt-hint = What the image shows, for readers who cannot see it. Required.
editor-js-caption = Caption
editor-js-credit = Credit
editor-js-image-missing = Choose an image from the library or a file to upload.
editor-js-alt-missing = Describe the image in its alt text: readers who cannot see it rely on it.
editor-js-insert-gallery = Insert gallery
editor-js-edit-gallery = Edit gallery
editor-js-gallery-too-few = Choose at least two images for a gallery.
editor-js-embed-link = Embed a link
editor-js-edit-embed = Edit embed
editor-js-embed-hint = Paste the address of a video, post, map or document (YouTube, Vimeo, Bluesky, Mastodon, X, OpenStreetMap, DocumentCloud, PDF). Readers load it only when they ask.
editor-js-title-optional = Title (optional)
editor-js-title = Title
editor-js-article-slug = Article slug
editor-js-slug-hint = The last part of the article’s address, as in /articles/the-slug.
editor-js-cite-optional = Who said it (optional)
editor-js-kind = Kind
editor-js-kind-editor = Editor’s note
editor-js-kind-correction = Correction
editor-js-kind-update = Update
# Filled in by the script: alt.
editor-js-describe-image = Image: { $alt }
editor-js-no-alt = (no alt text)
# Filled in by the script: caption.
editor-js-describe-caption = caption “{ $caption }”
# Filled in by the script: id.
editor-js-describe-library-image = library image { $id }
# Filled in by the script: link.
editor-js-describe-embed = Embed: { $link }
# Filled in by the script: address.
editor-js-describe-readmore = Read more: { $address }
# Filled in by the script: title.
editor-js-describe-factbox = Fact box: { $title }
