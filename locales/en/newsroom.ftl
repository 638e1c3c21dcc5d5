# The newsroom: articles, the editor, media, labels, editions, newsletters and live coverage.

## The article list

newsroom-articles = Articles
newsroom-dashboard = Dashboard
newsroom-new-article = New article
newsroom-sections = Sections
newsroom-authors = Authors
newsroom-tags = Tags
newsroom-showing-own = Showing the articles you started
newsroom-status = Status
newsroom-any = Any
newsroom-section = Section
newsroom-filter-author = Author (byline slug)
newsroom-filter-headline = Headline contains
newsroom-filter = Filter
newsroom-no-articles-match = No articles match.
newsroom-headline = Headline
newsroom-workflow = Workflow
newsroom-publication = Publication
newsroom-last-change = Last change
newsroom-changes-unpublished = Changes not yet published
newsroom-status-draft = Draft
newsroom-status-in-review = In review
newsroom-status-approved = Approved
newsroom-status-approved-unpublished = Approved, not published
newsroom-status-scheduled = Scheduled
newsroom-status-published = Published
newsroom-status-unpublished = Not published
newsroom-not-published = Not published
# $time: when it will be published, with its time zone.
newsroom-scheduled-for = Scheduled for { $time }
# $time: when it was published, with its time zone.
newsroom-published-at = Published { $time }

## Revisions

newsroom-back-to-editor = Back to the editor
# $title: the article's headline.
newsroom-revisions-of = Revisions of “{ $title }”
newsroom-no-revisions = No revisions yet: this article was imported and has not been saved here.
newsroom-from = From
newsroom-to = To
newsroom-revision = Revision
newsroom-saved = Saved
newsroom-actions = Actions
# $number: a revision's number.
newsroom-compare-from = Compare from revision { $number }
# $number: a revision's number.
newsroom-compare-to = Compare to revision { $number }
newsroom-revision-newest = (newest)
newsroom-revision-published = (published)
# $name: who saved the revision; the time follows.
newsroom-saved-by = by { $name },
# $number: a revision's number.
newsroom-restore-revision = Restore revision { $number }
newsroom-restore = Restore
newsroom-compare = Compare
# $from, $to: revision numbers.
newsroom-changes-between = Changes from revision { $from } to revision { $to }

## The preview

newsroom-back-to-article = Back to the article
newsroom-preview-alone = The preview on its own
# $title: the article's headline.
newsroom-preview-of = Preview: { $title }
newsroom-preview-intro = The saved working copy, as readers will see it. Save the article to see your latest changes here.
newsroom-preview-width = Preview width
newsroom-preview-phone = Phone (390 pixels wide)
newsroom-preview-desktop = Desktop (the full width)
newsroom-preview-frame-phone = The article as readers will see it, at a phone’s width
newsroom-preview-frame-desktop = The article as readers will see it, at desktop width

## The dashboard

# $code: the setting's name, shown as code.
newsroom-dash-not-counting = Page views are not counted on this site (the { $code } setting), so the most read stories stay empty.
newsroom-dash-the-numbers = The numbers

## Newsletters and editions

newsroom-newsletters = Newsletters
newsroom-newsletter = Newsletter
newsroom-all-newsletters = All newsletters
newsroom-subscribers = Subscribers
newsroom-add-newsletter-heading = Add a newsletter
newsroom-add-newsletter = Add newsletter
# $count: how many members receive the newsletter.
newsroom-subscribers-count = { $count ->
    [one] { $count } subscriber.
   *[other] { $count } subscribers.
}
newsroom-newsletter-settings = Settings
newsroom-save-newsletter = Save newsletter
newsroom-new-edition = New edition
newsroom-subject = Subject
newsroom-introduction = Introduction
newsroom-edition-articles = Articles (their slugs, one a line)
newsroom-create-draft = Create draft
newsroom-editions = Editions
newsroom-none-yet = None yet.
# $count: how many members an edition went to.
newsroom-recipients-count = { $count ->
    [one] { $count } recipient
   *[other] { $count } recipients
}
newsroom-name = Name
newsroom-description = Description
newsroom-sender-name = Sender name
newsroom-what-fills = What fills an edition
newsroom-source-picked = Hand-picked articles, sent when an editor says so
newsroom-source-section = A section's new articles, daily
newsroom-source-tag = A tag's new articles, daily
newsroom-tag = Tag
newsroom-none-option = (none)
# $zone: the site's time zone, by its IANA name.
newsroom-newsletter-hour = Hour an automatic edition goes out (0–23, the site’s time zone: { $zone })
newsroom-edition-status = Status:
newsroom-recipients = Recipients
newsroom-queued = Queued
newsroom-sent = Sent
newsroom-failed = Failed
newsroom-web-version = Web version
newsroom-preview-as-mailed = Preview as mailed
newsroom-plain-text-part = Plain-text part
newsroom-send-test = Send a test to me
newsroom-compose = Compose
newsroom-save-draft = Save draft
newsroom-send-to-all = Send to every subscriber

## The media library

newsroom-images = Images
newsroom-media-intro = Upload a photograph or graphic for an article. The site keeps it at widths of 480, 960 and 1600 pixels (never wider than the original), without its metadata: EXIF data such as the camera and the place it was taken (GPS) is removed. Paste an image's URL into the article's featured-image field, or its "In a story" line into the body where the picture belongs; pages offer browsers every width.
newsroom-media-already = This image was already in the library
# $name: who uploaded it first; the time follows.
newsroom-media-already-by = (uploaded by { $name },
newsroom-media-already-end = ); nothing new was stored. Its URL:
newsroom-media-uploaded = Uploaded.
newsroom-media-uploaded-url = Its URL, for the featured-image field:
newsroom-image-url = Image URL
newsroom-upload-heading = Upload an image
newsroom-image-file = Image file
# $size: the largest upload, such as "10 MiB".
newsroom-image-file-hint = JPEG, PNG or WebP, at most { $size }.
newsroom-alt-text = Alt text
newsroom-alt-text-hint = What the image shows, for readers who cannot see it. Required.
newsroom-caption-or-credit = Caption or credit
newsroom-caption-placeholder = Photo: A. Photographer
newsroom-upload-image = Upload image
# $count: how many images the library holds.
newsroom-library = Library ({ $count })
newsroom-no-images = No images yet.
# $count: how many images the page shows.
newsroom-newest-shown = The { $count } newest are shown.
newsroom-url = URL
newsroom-in-a-story = In a story
# $kind: the image's format (JPEG, PNG, WebP); $dimensions: such as "1600 × 900".
newsroom-media-facts = { $kind }, { $dimensions } pixels;
# $widths: the widths kept, such as "480, 960".
newsroom-media-widths = widths { $widths }.
# $name: who uploaded the image; the time follows.
newsroom-uploaded-by = Uploaded by { $name },
# $alt: the image's alt text.
newsroom-media-alt = Alt text: { $alt }
# $caption: the image's caption.
newsroom-media-caption = Caption: { $caption }

## Sections, authors and tags

newsroom-slug = Slug
newsroom-slug-from-name = made from the name
newsroom-position = Position on the front page
newsroom-photo-address = Photo address
newsroom-save = Save
newsroom-description-field = Description
newsroom-biography = Biography
newsroom-add-section-heading = Add a section
newsroom-add-author-heading = Add a author
newsroom-add-tag-heading = Add a tag
newsroom-add-section = Add section
newsroom-add-author = Add author
newsroom-add-tag = Add tag
newsroom-all-sections = All sections
newsroom-all-authors = All authors
newsroom-all-tags = All tags
# $name: the section's name.
newsroom-save-section = Save section { $name }
# $name: the author's name.
newsroom-save-author = Save author { $name }
# $name: the tag's name.
newsroom-save-tag = Save tag { $name }
newsroom-labels-forbidden = Only editors and admins manage sections, authors and tags.

## Live coverage

newsroom-all-articles = All articles
newsroom-edit-the-article = Edit the article
newsroom-as-readers-see-it = The article as readers see it
# $title: the article's headline.
newsroom-live-of = Live coverage: { $title }
newsroom-coverage = Coverage
newsroom-since = Since
newsroom-ended = Ended
newsroom-end-coverage = End coverage
newsroom-open-coverage = Open live coverage
newsroom-new-update = New update
newsroom-update = Update
newsroom-update-hint = Markdown, as in articles.
newsroom-key-event-pinned = Key event (pinned in the summary at the top)
newsroom-image-address-optional = Image address (optional)
newsroom-image-hint-live = From the <a>media library</a>, or any http(s) address.
newsroom-image-alt = Image alt text
newsroom-image-address = Image address
newsroom-publish-update = Publish update
newsroom-save-as-draft = Save as draft
newsroom-readers-questions = Readers' questions
newsroom-no-questions-waiting = No approved questions waiting. Moderators approve them on the <a>questions desk</a>.
# $name: the reader's display name.
newsroom-question-from = Question from { $name }
newsroom-answer = Answer
newsroom-key-event = Key event
newsroom-publish-answer = Publish answer
newsroom-save-answer-draft = Save answer as draft
newsroom-updates = Updates
newsroom-no-updates = No updates yet.
newsroom-updated = Updated
newsroom-publish = Publish
newsroom-edit = Edit
newsroom-save-changes = Save changes
newsroom-delete = Delete
newsroom-live-state-none = Not live
newsroom-live-state-live = Live
newsroom-live-state-ended = Coverage has ended
newsroom-update-deleted = Deleted
newsroom-former-account = A former account
newsroom-a-reader = A reader
newsroom-live-done-open = Live coverage is open: readers see the Live badge and the updates.
newsroom-live-done-end = Coverage has ended. The article keeps its updates.
newsroom-live-done-draft = Update saved as a draft for an editor to publish.
newsroom-live-done-published = Update published.
newsroom-live-done-edited = Update changed; readers see it marked Updated.
newsroom-live-done-deleted = Update deleted; its revisions are kept.
newsroom-live-done-answered = Answer published: readers see the question and its answer.
newsroom-live-done-answer-draft = Answer saved as a draft for an editor to publish.

## The questions desk

newsroom-comments = Comments
newsroom-questions-intro = Questions readers send to the newsroom from live coverage. Approved ones appear on the article's live desk for a journalist to answer; the answer quotes the question with the reader's display name.
newsroom-questions-by-status = Questions by status
# $status: the tab's name, such as "pending".
newsroom-no-questions-here = No questions here ({ $status }).
newsroom-with-selected-questions = With the selected questions
newsroom-note = Note
newsroom-approve-selected = Approve selected
newsroom-reject-selected = Reject selected
newsroom-first-hundred = Showing the first 100; decide on these to see more.
newsroom-question-on = on
newsroom-spam-score = Spam score
newsroom-approve = Approve
newsroom-reject = Reject

## The editor

newsroom-revisions = Revisions
newsroom-live-coverage = Live coverage
newsroom-preview-saved = Preview the saved version
newsroom-preview-widths = Preview at phone and desktop widths
newsroom-edit-article = Edit article
newsroom-the-live-article = the live article
newsroom-changes = Changes
newsroom-changes-pending = Saved changes are not yet published: readers see the published version.
newsroom-conflict-heading = The newer revision (−) and your text (+)
newsroom-slug-hint = Leave empty to make it from the headline. Changing the slug of a published article keeps its old address working.
newsroom-summary = Summary
newsroom-choose-section = Choose a section
newsroom-section-hint = Only editors add sections, under Sections.
newsroom-authors-hint = The byline: names separated by commas.
newsroom-tags-hint = Separated by commas.
newsroom-body = Body
# $code: the block syntax, shown as code.
newsroom-body-hint = Markdown, with the story blocks (images, galleries, embeds, pull quotes, fact boxes, read-more cards, notes) as { $code } lines. Preview shows it exactly as readers will see it.
newsroom-featured-image = Featured image
newsroom-image-hint = An http(s) URL or a path on this site such as /media/photo.jpg.
newsroom-caption-and-credit = Caption and credit
newsroom-preview = Preview
newsroom-save-and-submit = Save and submit for review
newsroom-with-the-editors = This article is with the editors: you can read it here and in its preview, and edit it again if it is sent back to you.
newsroom-mark-updated = Mark as an update (shows “Updated” with the time)
newsroom-publish-changes = Publish changes
newsroom-publish-now = Publish now
# $zone: the time zone the field is read in (the person's own, else the site's).
newsroom-publish-at = Publish at ({ $zone })
newsroom-schedule = Schedule
newsroom-send-back = Send back for a rewrite
newsroom-unpublish = Unpublish
newsroom-corrections = Corrections
newsroom-correction-note = Correction note
newsroom-add-correction = Add correction
newsroom-language-heading = Language and translations
# $language: the site's language tag, such as "en".
newsroom-article-language = Language (a tag such as de or pt-BR; empty: the site’s, { $language })
newsroom-translation-of = Translation of (the other article’s address; empty: none)
newsroom-save-language = Save language
# $title: the article's headline.
newsroom-edit-title = Edit: { $title }
# $number: the revision the save made.
newsroom-saved-as-revision = Saved as revision { $number }.
# $number: the revision the restore made.
newsroom-restored-as = Restored as revision { $number }.
newsroom-done-submit = Submitted for review.
newsroom-done-send-back = Sent back to draft for a rewrite.
newsroom-done-send-back-unscheduled = Sent back to draft for a rewrite, and its scheduled time was cleared: schedule it again once the rewrite is approved.
newsroom-done-publish = Published.
newsroom-done-schedule = Scheduled.
newsroom-done-unpublish = Taken off the site.
newsroom-done-correct = Correction added.
newsroom-done-language = Language and translations saved.
newsroom-someone = someone
# $name: who saved it (or "someone"); $time: when, with its time zone.
newsroom-saved-by-at = by { $name } at { $time }
# $number: the newer revision; $by: who saved it and when ("by Ann at …").
newsroom-revision-saved-by = Revision { $number } was saved { $by } after you opened this article, so your changes were not saved.
# $number: the newer revision.
newsroom-revision-saved = Revision { $number } was saved after you opened this article, so your changes were not saved.
newsroom-conflict-explained = The differences between that revision (−) and your text (+) are below. Save again to replace it with your text, or open the article afresh to start from it.

## What is wrong with a draft

newsroom-problem-no-headline = Give the article a headline.
newsroom-problem-bad-slug = The slug may hold only lower-case letters, digits and single hyphens (like harbour-reopens).
newsroom-problem-no-section = Choose the article's section.
newsroom-problem-no-author = Name at least one author for the byline.
# $max: the most authors a byline takes.
newsroom-problem-too-many-authors = Name at most { $max } authors in the byline.
# $max: the most tags an article takes.
newsroom-problem-too-many-tags = Use at most { $max } tags.
# $name: an author's or tag's name as typed.
newsroom-problem-name-without-letters = “{ $name }” needs at least one letter or digit.
# $mib: the largest body, in mebibytes.
newsroom-problem-body-too-long = The body is longer than { $mib } MiB.
newsroom-problem-image-text-alone = Alt text and caption describe a featured image: add its address or clear them.
newsroom-problem-bad-image-address = The image address must be an http(s) URL or a path on this site starting with /.
newsroom-problem-no-alt-text = Describe the featured image in its alt text, for readers who cannot see it.
newsroom-problem-no-caption = Give the featured image a caption or credit.
# $field: the field (one of the newsroom-field- messages); $max: its limit in characters.
newsroom-problem-too-long = { $field } is longer than { $max } characters.
newsroom-field-headline = The headline
newsroom-field-summary = The summary
newsroom-field-section = The section
# $name: an author's or tag's name as typed.
newsroom-field-name = “{ $name }”
newsroom-field-image-address = The image address
newsroom-field-alt-text = The alt text
newsroom-field-caption = The caption
# $section: the section as typed.
newsroom-problem-unknown-section = There is no section “{ $section }”: choose one of the site's sections. Only editors add sections, under Sections in the admin.

## What the store refuses of a newsroom write
# $slug: the slug as typed.
newsroom-clash-article-slug = The slug “{ $slug }” is used by another article: choose another.
# $slug: the slug as typed.
newsroom-clash-label-slug = The slug “{ $slug }” is taken: choose another.
# $slug: the slug as typed.
newsroom-clash-no-article = No article has the address /articles/{ $slug }.
newsroom-clash-translation-of-itself = An article cannot be a translation of itself.

## Scheduling

# $zone: the time zone the field is read in.
newsroom-schedule-unreadable = Give the publication time as a date and time in { $zone }, such as 2026-11-30T07:00.
# $zone: the time zone the field is read in.
newsroom-schedule-skipped = That time does not exist in { $zone }: the clocks skip it when they go forward. Choose another.
newsroom-schedule-passed = That time has passed: choose a time in the future, or publish now.
newsroom-schedule-live = This article is live: publish the changes now, or unpublish it first.
newsroom-correction-empty = Write the correction: what was wrong and what is right.
# $max: the longest correction, in characters.
newsroom-correction-too-long = A correction is at most { $max } characters.
newsroom-choose-two-revisions = Choose two revisions of this article to compare.
newsroom-former-member = a former member
# $number: the newer revision.
newsroom-restore-conflict = Revision { $number } was saved after you opened the history, so nothing was restored. Open the history again to see it, then choose.
newsroom-label-no-name = Give it a name with at least one letter or digit.
newsroom-label-bad-slug = The slug may hold only lower-case letters, digits and single hyphens.
newsroom-label-bad-position = The position is a whole number: 1 comes first.
newsroom-label-bad-photo = The photo address must be an http(s) URL or a path on this site starting with /.
newsroom-label-field-name = The name
newsroom-label-field-description = The description
newsroom-label-field-photo = The photo address
newsroom-dash-forbidden = The dashboard is for the staff: contributors, moderators, editors and admins.
newsroom-dash-nothing-yet = Nothing yet.
newsroom-dash-none-in-time = None in this time.
newsroom-dash-story = Story
newsroom-dash-views = Views
newsroom-dash-status = Articles by status
newsroom-dash-your-status = Your articles by status
newsroom-dash-scheduled-next = Scheduled next
newsroom-dash-nothing-scheduled = Nothing is scheduled.
newsroom-dash-read-day = Most read, last 24 hours
newsroom-dash-read-week = Most read, last 7 days
newsroom-dash-discussed-day = Most discussed, last 24 hours
newsroom-dash-discussed-week = Most discussed, last 7 days
newsroom-dash-newsroom = Newsroom
newsroom-dash-queue-pending = Pending
newsroom-dash-queue-reported = Reported
newsroom-dash-queue-flagged = Auto-flagged
newsroom-dash-queues-now = Queues now
newsroom-dash-queue = Queue
newsroom-dash-hourly = Comments per hour, last 48 hours
# $zone: the time zone the hours are counted in.
newsroom-dash-hour-column = Hour ({ $zone })
newsroom-dash-posted = Posted
newsroom-dash-held-now = Held now
newsroom-dash-rejected = Rejected
newsroom-dash-decision = Time to a decision, last 7 days
newsroom-dash-measure = Measure
newsroom-dash-value = Value
newsroom-dash-median = Median time from posting to a decision
newsroom-dash-decisions = Decisions
newsroom-dash-no-decisions = No decisions in the last 7 days.
newsroom-dash-threads = Busiest threads, last 24 hours
newsroom-dash-thread = Thread
# $title: the article's headline; $thread: the thread's first comment's number.
newsroom-dash-thread-label = { $title } (thread { $thread })
newsroom-dash-no-comments-day = No comments in the last 24 hours.
newsroom-dash-moderation = Moderation
newsroom-dash-the-desk = The desk
newsroom-dash-members = Members
# $series: a line's name; $count: its total.
newsroom-dash-in-all = { $series } in all: { $count }
# $first, $last: the first and last hour or day of a chart.
newsroom-dash-from-to = From { $first } to { $last }.
newsroom-dash-daily = Comments and sign-ups per day, last 30 days
# $zone: the time zone the days are counted in.
newsroom-dash-day-column = Day ({ $zone })
newsroom-dash-signups = Sign-ups
newsroom-dash-mail = Mail
newsroom-dash-webhooks = Webhooks
# $waiting, $failed: how many jobs wait and how many were given up.
newsroom-dash-waiting-given-up = { $waiting } waiting, { $failed } given up
newsroom-dash-jobs = Mail and webhook queues
newsroom-dash-waiting = Waiting
newsroom-dash-given-up = Given up
newsroom-dash-no-pages = No pages served yet
newsroom-dash-cache = Page cache since this process started
newsroom-dash-hit-rate = Hit rate (signed-out pages answered from the cache)
newsroom-dash-from-cache = Answered from the cache
newsroom-dash-rendered = Rendered and stored
newsroom-dash-site = Site
newsroom-dash-policies = Policies and word lists
newsroom-dash-audit-log = Audit log
# $s: seconds.
newsroom-dash-seconds = { $s } s
# $min: minutes.
newsroom-dash-minutes = { $min } min
# $h: hours.
newsroom-dash-hours = { $h } h
# $h: hours; $min: minutes.
newsroom-dash-hours-minutes = { $h } h { $min } min
# $d: days.
newsroom-dash-days = { $d } d
# $d: days; $h: hours.
newsroom-dash-days-hours = { $d } d { $h } h
newsroom-not-scored = not scored yet
newsroom-question-waiting = Waiting
newsroom-question-approved = Approved
newsroom-question-rejected = Rejected
newsroom-question-answered = Answered
newsroom-questions-choose = Choose approve or reject.
newsroom-questions-select = Select at least one question first, then choose an action.
# $max: the most questions decided at once.
newsroom-questions-at-most = Act on at most { $max } questions at once.
# $count: how many questions were approved.
newsroom-questions-approved = { $count ->
    [one] { $count } question approved.
   *[other] { $count } questions approved.
}
# $count: how many questions were rejected.
newsroom-questions-rejected = { $count ->
    [one] { $count } question rejected.
   *[other] { $count } questions rejected.
}
# $list: the questions left as they were, and why.
newsroom-questions-not-changed = Not changed: { $list }.
newsroom-media-choose-file = Choose an image file to upload (JPEG, PNG or WebP).
newsroom-media-forbidden = Only contributors, editors and other staff can upload images.
newsroom-newsletter-picked = Hand-picked articles
# $name: the section's name; $at: the hour and the site's time zone, such as "07:00 UTC".
newsroom-newsletter-daily-section = New articles in { $name } daily at { $at }
# $name: the tag's name; $at: the hour and the site's time zone, such as "07:00 UTC".
newsroom-newsletter-daily-tag = New articles tagged { $name } daily at { $at }
newsroom-newsletter-source-gone = Its section or tag was deleted: no automatic edition
newsroom-newsletter-hour-wrong = Choose the hour an automatic edition goes out, from 0 to 23.
newsroom-newsletter-choose-section = Choose the section whose new articles fill the newsletter.
newsroom-newsletter-choose-tag = Choose the tag whose new articles fill the newsletter.
newsroom-edition-draft = draft
newsroom-edition-sending = sending
newsroom-edition-sent = sent
# $subject: the edition's subject line.
newsroom-edition-title = Edition: { $subject }
# $email: the editor's own address.
newsroom-test-sent = A test was sent to { $email }.
# $error: why the mail server refused (in English, from the server).
newsroom-test-failed = The test could not be sent: { $error }
newsroom-edition-empty = This edition is empty: add articles or an introduction first.

## Refusals

newsroom-forbidden = The newsroom is for contributors, editors and admins.
newsroom-refused-why = Contributors edit their own drafts until they submit them; editors and admins publish.
newsroom-cannot-history = You cannot see this article's history.
newsroom-cannot-restore = You cannot restore revisions of this article.
newsroom-cannot-preview = You cannot preview this article.
newsroom-cannot-submit = You cannot submit this article.
newsroom-cannot-send-back = You cannot send articles back.
newsroom-cannot-publish = You cannot publish articles.
newsroom-cannot-unpublish = You cannot unpublish articles.
newsroom-cannot-correct = You cannot add corrections.
newsroom-cannot-language = You cannot set an article's language or translations.
newsroom-cannot-open = You cannot open an article someone else started.
newsroom-cannot-edit = You cannot edit this article now.
newsroom-workflow-stale = Someone changed this article's workflow meanwhile: reload it and try again.
newsroom-only-drafts-submitted = Only a draft can be submitted for review.
newsroom-already-draft = This article is already a draft.
newsroom-choose-workflow-action = Choose submit, send back, publish, schedule or unpublish.
# $why: what is wrong with the typed language tag (in English, from the tag parser).
newsroom-language-refused = Language: { $why }.
# $address: the address typed.
newsroom-no-such-address = No article has the address { $address }.
# $language: a language tag, such as "de".
newsroom-translation-taken = Another of its translations is already in { $language }: give this one its own language.
newsroom-note-created = Created
newsroom-note-api = Replaced through the API
# $number: the revision restored.
newsroom-note-restored = Restored revision { $number }
newsroom-media-no-alt = Describe the image in the alt text field: it is what people who cannot see the image read or hear instead.
# $max: the longest alt text, in characters.
newsroom-media-alt-too-long = The alt text is longer than { $max } characters: describe the image in a sentence or two, and put the rest in the caption.
# $max: the longest caption, in characters.
newsroom-media-caption-too-long = The caption is longer than { $max } characters: shorten it.
newsroom-media-not-plain = The alt text and caption must be plain text on one line.

## Why live coverage or an update was refused
newsroom-live-already-live = This article is live already.
newsroom-live-not-live = This article's coverage is not live.
newsroom-live-update-deleted = This update was deleted.
newsroom-live-not-open = Updates are written while coverage is live: open it first.
newsroom-live-empty-update = Write the update before sending it.
# $max: the limit in bytes; $length: the update's length in bytes.
newsroom-live-update-too-long = An update is at most { $max } bytes; this one is { $length }.
newsroom-live-alt-without-image = Alt text describes an image: add its address or clear it.
# $max: the longest alt text, in characters.
newsroom-live-no-alt = Describe the image in its alt text (up to { $max } characters).
