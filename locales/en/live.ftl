# Live coverage: what app.js says when updates arrive, the live desk's refusals, and the
# article history's revision diff.

## What app.js says on a live page (the `live-words` data block)

live-js-new-update = New update
live-js-new-updates =
    { $count ->
        [one] { $count } new update
       *[other] { $count } new updates
    }

## The live desk's refusals

live-writers-only = Live coverage is written by contributors, editors and admins.
live-editors-only-coverage = Only editors and admins open and end live coverage; contributors write updates for them to publish.
live-editors-only-publish = Only editors and admins publish updates; contributors write updates for them to publish.
live-editors-only-change = Only editors and admins publish, edit and delete updates; contributors write updates for them to publish.
live-editors-only-answers = Only editors and admins publish answers; contributors write updates for them to publish.
live-choose-coverage = Choose to open or to end the coverage.
live-choose-update-action = Choose to publish, edit or delete the update.
live-already-published = This update is published already.
live-coverage-changed = Someone changed this coverage meanwhile: reload and try again.
live-update-changed = Someone changed this update meanwhile: reload it and try again.
live-question-changed = Someone answered or rejected this question meanwhile: reload the desk.
live-answer-not-live = Questions are answered while coverage is live.
live-answer-answered = This question has been answered already.
live-answer-not-approved = Only questions a moderator approved can be answered.

## An article's revision diff: one field a line, then the body

live-diff-headline = Headline: { $value }
live-diff-slug = Slug: { $value }
live-diff-summary = Summary: { $value }
live-diff-section = Section: { $value }
live-diff-authors = Authors: { $value }
live-diff-tags = Tags: { $value }
live-diff-image = Image: { $value }
live-diff-alt-text = Alt text: { $value }
live-diff-caption = Caption: { $value }
