# Le direct : ce que dit app.js quand des mises à jour arrivent, les refus du pupitre du direct
# et la comparaison des révisions dans l'historique d'un article.

## Ce que dit app.js sur une page en direct (le bloc de données `live-words`)

live-js-new-update = Nouvelle mise à jour
live-js-new-updates =
    { $count ->
        [one] { $count } nouvelle mise à jour
        [many] { $count } nouvelles mises à jour
       *[other] { $count } nouvelles mises à jour
    }

## Les refus du pupitre du direct

live-writers-only = Le direct est écrit par les contributeurs, les éditeurs et les administrateurs.
live-editors-only-coverage = Seuls les éditeurs et les administrateurs ouvrent et clôturent un direct ; les contributeurs écrivent des mises à jour que les éditeurs publient.
live-editors-only-publish = Seuls les éditeurs et les administrateurs publient les mises à jour ; les contributeurs écrivent des mises à jour que les éditeurs publient.
live-editors-only-change = Seuls les éditeurs et les administrateurs publient, modifient et suppriment les mises à jour ; les contributeurs écrivent des mises à jour que les éditeurs publient.
live-editors-only-answers = Seuls les éditeurs et les administrateurs publient les réponses ; les contributeurs écrivent des mises à jour que les éditeurs publient.
live-choose-coverage = Choisissez d'ouvrir ou de clôturer le direct.
live-choose-update-action = Choisissez de publier, de modifier ou de supprimer la mise à jour.
live-already-published = Cette mise à jour est déjà publiée.
live-coverage-changed = Quelqu'un a modifié ce direct entre-temps : rechargez la page et réessayez.
live-update-changed = Quelqu'un a modifié cette mise à jour entre-temps : rechargez-la et réessayez.
live-question-changed = Quelqu'un a répondu à cette question ou l'a refusée entre-temps : rechargez le pupitre.
live-answer-not-live = On répond aux questions pendant que le direct est ouvert.
live-answer-answered = Cette question a déjà reçu une réponse.
live-answer-not-approved = Seules les questions approuvées par un modérateur peuvent recevoir une réponse.

## La comparaison des révisions d'un article : un champ par ligne, puis le texte

live-diff-headline = Titre : { $value }
live-diff-slug = Slug : { $value }
live-diff-summary = Résumé : { $value }
live-diff-section = Rubrique : { $value }
live-diff-authors = Auteurs : { $value }
live-diff-tags = Mots-clés : { $value }
live-diff-image = Image : { $value }
live-diff-alt-text = Texte alternatif : { $value }
live-diff-caption = Légende : { $value }
