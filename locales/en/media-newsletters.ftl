# The media library's refusals and sizes, and the newsroom's newsletter checks (ids `nlm-`).

## Sizes
# $size: a number as the language writes it ("1.5").
nlm-size-kb = { $size } KB
nlm-size-mb = { $size } MB

## Uploading an image
# $size: the site's limit, as nlm-size-mb words it.
nlm-upload-too-large = The file is larger than the { $size } this site accepts for an image. Make it smaller (a photograph rarely needs more than 4000 pixels across) and upload it again.
# The same, when the upload is refused by its declared length before it is read.
nlm-upload-too-large-early = The file is larger than the { $size } this site accepts for an image. Make it smaller and upload it again.
nlm-upload-garbled = The upload arrived incomplete or garbled. Please choose the file and send the form again.
nlm-upload-one-at-a-time = Upload one image at a time.
# $field: the form field's name as sent (alt, caption…).
nlm-upload-field-too-long = The { $field } field is too long.
nlm-upload-not-multipart = Send the upload form as multipart/form-data, with the file in its `file` field.
nlm-upload-not-stored = The image could not be stored. Please try again.
nlm-upload-store-failed = The image could not be stored just now, and nothing was kept. Please try again in a moment.
nlm-storage-down = The image storage cannot be reached just now. Please try again in a moment.
nlm-image-unavailable = This image cannot be fetched just now. Please try again in a moment.
# Who uploaded an image whose uploader's account is gone.
nlm-former-member = a former member

## Why an image was refused
nlm-image-empty = The file is empty. Choose an image file and upload it again.
nlm-image-gif = GIF images are not accepted. Save the picture as JPEG, PNG or WebP and upload that file.
nlm-image-svg = SVG drawings are not accepted (they can carry scripts). Export the drawing as PNG and upload that file.
nlm-image-not-an-image = This file is not an image the site can read: its content is not JPEG, PNG or WebP, whatever its name says. Upload a JPEG, PNG or WebP file.
nlm-image-no-pixels = The image declares no pixels (0 wide or 0 high): the file is damaged. Export it again and upload the new file.
# What the site takes, within nlm-image-too-large: $side and $megapixels are numbers as the language writes them.
nlm-image-limits = at most { $side } pixels on a side and { $megapixels } megapixels
# $dimensions: "4000 × 3000"; $limits: nlm-image-limits.
nlm-image-too-large = The image is { $dimensions } pixels, too large to process: the site takes { $limits }. Resize it and upload it again.
nlm-image-too-large-to-decode = The image is too large to process: the site takes { $limits }. Resize it and upload it again.
# $kind: the format's name (JPEG, PNG, WebP).
nlm-image-truncated = The file ends before the image does: this { $kind } was cut short, perhaps while it was copied or uploaded. Export or download it again and upload the new file.
nlm-image-unsupported = This { $kind } uses a feature the site cannot read. Open it in an image editor, export it again as an ordinary JPEG, PNG or WebP, and upload that file.
nlm-image-damaged = The file could not be read as a { $kind }: it is damaged, or not really a { $kind } despite its first bytes. Export it again and upload the new file.
nlm-image-not-encoded = The image was read but could not be saved again. Please try once more; if it keeps failing, export it as JPEG and upload that.
nlm-image-failed = This image could not be processed. Export it again and upload the new file.
nlm-image-shutting-down = The server is shutting down; try again in a moment.

## Newsletters and editions
nlm-editors-only = Only editors and admins manage newsletters.
nlm-name-required = The name is required.
nlm-sender-required = The sender name is required.
nlm-subject-required = The subject is required.
nlm-description-required = The description is required.
nlm-intro-required = The introduction is required.
# $max: how many characters the field takes.
nlm-name-too-long = The name can be at most { $max } { $max ->
        [one] character
       *[other] characters
    }.
nlm-description-too-long = The description can be at most { $max } { $max ->
        [one] character
       *[other] characters
    }.
nlm-sender-too-long = The sender name can be at most { $max } { $max ->
        [one] character
       *[other] characters
    }.
nlm-subject-too-long = The subject can be at most { $max } { $max ->
        [one] character
       *[other] characters
    }.
nlm-intro-too-long = The introduction can be at most { $max } { $max ->
        [one] character
       *[other] characters
    }.
nlm-sender-chars = The sender name cannot hold line breaks or the characters < > " \.
nlm-hour-range = The hour must be from 0 to 23.
nlm-subject-one-line = The subject is one line.
nlm-slug-too-long = An article's slug is at most { $max } { $max ->
        [one] character
       *[other] characters
    }.
# $max: how many articles an edition takes.
nlm-too-many-articles = An edition carries at most { $max } { $max ->
        [one] article
       *[other] articles
    }.
# $name: the name typed.
nlm-name-taken = A newsletter named “{ $name }” exists already.
# $slug: a slug the editor listed.
nlm-no-published-article = No published article has the slug “{ $slug }”.
nlm-edition-sent = This edition has been sent: it can no longer be changed.
# The media library's text for a thumbnail the site fetched for an embed (a video's, a post's).
nlm-embed-thumbnail-alt = Thumbnail of embedded content
