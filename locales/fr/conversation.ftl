# La discussion sous un article : commentaires, réponses, signalements, pages des membres et app.js.

## Le bloc de discussion d’une page d’article

conv-heading = Commentaires ({ $count })
conv-none-title = Aucun commentaire pour l’instant
conv-none-first = Soyez le premier à donner votre avis !
conv-sort-label = Trier les commentaires
conv-sort-oldest = Plus anciens
conv-sort-newest = Plus récents
conv-sort-most-liked = Plus appréciés
conv-show-more = Afficher plus de commentaires
conv-closed = Les commentaires sont fermés pour cet article.
conv-join = Participez à la discussion
conv-join-sign-in = <a>Connectez-vous</a> pour donner votre avis et échanger avec la communauté.

## Le formulaire de commentaire

conv-replying-to = En réponse à { $name }
conv-replying-to-comment = En réponse à ce commentaire
conv-cancel-reply = Annuler la réponse
conv-comment-label = Commentaire
conv-premoderated = Les commentaires sur cet article sont lus par un modérateur avant d’être publiés.
conv-hint = Restez courtois et dans le sujet. Le Markdown fonctionne : *emphase*, [liens](https://example.org), `code`, > citations et listes.
conv-honeypot-label = Site web
conv-post = Publier le commentaire

## Un commentaire

conv-muted-summary = Commentaire d’un membre que vous avez masqué — afficher
conv-deleted-author = [supprimé]
conv-replying-to-lower = en réponse à { $name }
conv-edited = (modifié)
conv-pick = Choix de la rédaction
conv-held = <strong>En attente de validation.</strong> Vous seul voyez ce commentaire jusqu’à ce qu’un modérateur l’approuve.
conv-rejected = <strong>Non publié.</strong> Un modérateur a refusé ce commentaire : { $reason }. Vous seul pouvez le voir.
conv-likes =
    { $count ->
        [one] { $count } j’aime
       *[other] { $count } j’aime
    }
conv-tombstone-removed = Ce commentaire a été retiré par un modérateur.
conv-tombstone-hidden = Ce commentaire est masqué pendant que les modérateurs l’examinent.
conv-tombstone-deleted = Ce commentaire a été supprimé.
conv-like = J’aime
conv-reply = Répondre
conv-edit = Modifier
conv-delete = Supprimer
conv-report = Signaler
conv-mute = Masquer
conv-unmute = Ne plus masquer

## Modifier un commentaire

conv-edit-title = Modifier votre commentaire
conv-edit-hint = Un commentaire peut être modifié pendant 15 minutes après sa publication ; il est alors signalé comme modifié.
conv-save = Enregistrer les modifications
conv-back = Retour à la discussion

## Signaler un commentaire

conv-report-title = Signaler un commentaire
conv-report-thanks = Merci. Les modérateurs vont examiner ce commentaire.
conv-report-why = Pourquoi les modérateurs devraient-ils l’examiner ?
conv-reason-spam = Spam ou publicité
conv-reason-abuse = Injurieux, haineux ou harcelant
conv-reason-off-topic = Hors sujet
conv-reason-misinformation = Faux ou trompeur
conv-reason-other = Autre chose
conv-report-note = Ce que les modérateurs devraient savoir (facultatif)
conv-report-send = Envoyer le signalement

## La page publique d’un membre

conv-member-kicker = Membre
conv-member-since = Membre depuis le { $date }
conv-member-comments = Commentaires
conv-member-none = Aucun commentaire pour l’instant.
conv-member-no-older = Il n’y a pas de commentaires plus anciens.
conv-member-on = Sur <a>{ $title }</a>
conv-member-pages = Pages
conv-member-newest = Commentaires les plus récents
conv-member-older = Commentaires plus anciens
conv-member-comments-by = Commentaires de { $name }

## Commentaires d’un ancien compte (importés)

conv-earlier-title = Commentaires d’un ancien compte
conv-earlier-intro = Les commentaires repris de l’ancien système de commentaires du site portent l’adresse que leur auteur y avait donnée. Ceux écrits avec votre adresse, <strong>{ $email }</strong>, peuvent devenir les vôtres. <a>Retour aux paramètres</a>.
conv-earlier-yours =
    { $count ->
        [one] { $count } commentaire de votre ancien compte ({ $names }).
       *[other] { $count } commentaires de votre ancien compte ({ $names }).
    }
conv-earlier-claim = Les récupérer
conv-earlier-verify-first =
    { $count ->
        [one] { $count } commentaire d’un ancien compte porte votre adresse. Confirmez d’abord votre adresse (suivez le lien du message que nous vous avons envoyé) ; vous pourrez ensuite le récupérer ici.
       *[other] { $count } commentaires d’un ancien compte portent votre adresse. Confirmez d’abord votre adresse (suivez le lien du message que nous vous avons envoyé) ; vous pourrez ensuite les récupérer ici.
    }
conv-earlier-none = Aucun commentaire d’un ancien compte ne porte votre adresse.
conv-earlier-claimed =
    { $count ->
        [one] { $count } commentaire de votre ancien compte est désormais le vôtre.
       *[other] { $count } commentaires de votre ancien compte sont désormais les vôtres.
    }
conv-earlier-unverified = Votre adresse n’est pas encore confirmée : suivez le lien du message que nous vous avons envoyé, puis récupérez les commentaires ici.

## Refus et erreurs

conv-empty = Écrivez quelque chose avant de publier : le commentaire est vide.
conv-too-long = Le commentaire compte { $got } caractères ; la limite est de { $max }. Raccourcissez-le et publiez-le à nouveau.
conv-too-fast =
    { $seconds ->
        [one] Vous publiez plus de { $limit } commentaires par minute. Attendez { $seconds } seconde, puis publiez à nouveau : votre texte est conservé ci-dessous.
       *[other] Vous publiez plus de { $limit } commentaires par minute. Attendez { $seconds } secondes, puis publiez à nouveau : votre texte est conservé ci-dessous.
    }
conv-honeypot = Ce commentaire n’a pas pu être accepté. Si vous êtes une personne, laissez vide le champ caché « Site web ».
conv-bad-parent = Le commentaire auquel vous répondez n’est pas valide.
conv-parent-missing = Le commentaire auquel vous répondez n’existe pas (il a peut-être été retiré). Publiez plutôt votre texte comme nouveau commentaire.
conv-parent-elsewhere = Le commentaire auquel vous répondez appartient à un autre article. Publiez plutôt votre texte ici comme nouveau commentaire.
conv-parent-deleted = Le commentaire auquel vous répondez a été supprimé. Publiez plutôt votre texte comme nouveau commentaire.
conv-closed-post = Les commentaires sont fermés pour cet article : plus rien ne peut y être publié.
conv-closed-edit = Les commentaires sont fermés pour cet article : ceux publiés ici ne peuvent plus être modifiés. Votre texte reste ici pour que vous puissiez le copier.
conv-banned-word-post = Votre commentaire contient « { $word } », qui n’est pas autorisé ici. Retirez-le et publiez à nouveau : votre texte est conservé ci-dessous.
conv-banned-word-save = Votre commentaire contient « { $word } », qui n’est pas autorisé ici. Retirez-le et enregistrez à nouveau : votre texte est conservé ci-dessous.
conv-only-author = Seul l’auteur d’un commentaire peut le modifier.
conv-edit-late = Les 15 minutes pour modifier ce commentaire sont écoulées : il n’a pas été modifié. Votre texte reste ici pour que vous puissiez le copier.
conv-edit-deleted = Ce commentaire a été supprimé : il ne peut plus être modifié.
conv-already-deleted = Ce commentaire a déjà été supprimé.
conv-one-action = Choisissez une action pour un commentaire : aimer, ne plus aimer, supprimer, masquer ou ne plus masquer.
conv-like-own = Vous ne pouvez pas aimer votre propre commentaire.
conv-like-cannot = Ce commentaire ne peut pas être aimé.
conv-like-already = Vous aimez déjà ce commentaire.
conv-like-not-liked = Vous n’aimiez pas ce commentaire : il n’y avait rien à retirer.
conv-report-own = Vous ne pouvez pas signaler votre propre commentaire.
conv-report-reason = Choisissez un motif de signalement.
conv-report-note-long = La note ne peut pas dépasser 1 000 caractères.
conv-report-already = Vous avez déjà signalé ce commentaire ; les modérateurs vont l’examiner.
conv-mute-self = Vous ne pouvez pas vous masquer vous-même.
conv-mute-cannot = L’auteur de ce commentaire ne peut pas être masqué d’ici (le commentaire ou son compte n’existe plus). Gérez les membres masqués dans vos paramètres.
conv-bad-page = Ce lien vers une page de commentaires n’est pas valide. Utilisez plutôt le lien « Afficher plus de commentaires ».
conv-member-bad-page = Ce lien de page n’est pas valide. Parcourez la liste avec le lien « Commentaires plus anciens », ou recommencez depuis la première page.

## Ce que dit le script (app.js)

conv-js-posted = Votre commentaire a été publié
conv-js-not-posted = Le commentaire n’a pas été publié
conv-js-not-sent = Le commentaire n’a pas pu être envoyé
conv-js-like-not-saved = Le « j’aime » n’a pas été enregistré
conv-js-like-not-sent = Le « j’aime » n’a pas pu être envoyé
conv-js-signed-out = { $what } : vous semblez déconnecté. Reconnectez-vous, puis réessayez.
conv-js-failed = { $what } (erreur { $status }). Rechargez la page et réessayez.
conv-js-offline = { $what } : vérifiez votre connexion et réessayez.
conv-js-new-from = Nouveau commentaire de { $name }
conv-js-new = Nouveau commentaire
conv-js-reload = Nouveaux commentaires – recharger
