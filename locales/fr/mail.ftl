mail-hello-name = Bonjour { $name },
mail-hello = Bonjour,

mail-reset-subject = Réinitialiser votre mot de passe
mail-reset-intro = Quelqu’un (vous, espérons-le) a demandé à réinitialiser le mot de passe de votre compte { $site }.
mail-reset-open = Ouvrez ce lien dans l’heure pour choisir un nouveau mot de passe :
mail-reset-ignore = Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : votre mot de passe reste inchangé.

mail-signin-subject = Votre lien de connexion
mail-signin-intro = Quelqu’un (vous, espérons-le) a demandé à se connecter à { $site } sans mot de passe.
mail-signin-open = Ouvrez ce lien { $minutes ->
    [one] dans la minute
   *[other] dans les { $minutes } minutes
} et appuyez sur « Se connecter » :
mail-signin-ignore = Le lien ne fonctionne qu’une fois. Si vous ne l’avez pas demandé, ignorez ce message : personne ne peut se connecter sans lui.

mail-signup-subject = Finalisez la création de votre compte
mail-signup-intro = Quelqu’un (vous, espérons-le) a demandé à créer un compte sur { $site } avec cette adresse. Ouvrez ce lien { $hours ->
    [one] dans l’heure
   *[other] dans les { $hours } heures
} et appuyez sur « Créer le compte » pour terminer :
mail-signup-ignore = Le lien ne fonctionne qu’une fois. Si vous n’êtes pas à l’origine de cette demande, ignorez ce message : aucun compte n’est créé sans lui.

mail-taken-subject = Quelqu’un a tenté de créer un compte avec votre adresse
mail-taken-intro = Quelqu’un (vous, peut-être) a tenté de créer un nouveau compte sur { $site } avec cette adresse. Vous avez déjà un compte : aucun nouveau n’a été créé et le vôtre reste inchangé.
mail-taken-sign-in = Se connecter :
mail-taken-reset = Mot de passe oublié ? Choisissez-en un nouveau :
mail-taken-ignore = Si ce n’était pas vous, vous n’avez rien à faire.

mail-verify-subject = Confirmez votre adresse e-mail
mail-verify-intro = Merci de confirmer qu’il s’agit bien de votre adresse pour { $site } : ouvrez ce lien { $hours ->
    [one] dans l’heure
   *[other] dans les { $hours } heures
}.
mail-verify-until = D’ici là, { $site } ne vous envoie que ce que vous demandez vous-même.
mail-verify-ignore = Si vous n’avez pas créé de compte, ignorez ce message.

## Replies, mentions and the daily digest. A link follows each line that ends with a colon.

mail-reply-subject = { $author } a répondu à votre commentaire sur « { $title } »
mail-mention-subject = { $author } vous a mentionné sur « { $title } »
mail-read-and-answer = Lire et répondre :
mail-why-replies = Vous recevez ce message de { $site } parce que vous avez demandé à être prévenu des réponses à vos commentaires.
mail-why-mentions = Vous recevez ce message de { $site } parce que vous avez demandé à être prévenu quand quelqu’un vous mentionne.
mail-why-digest = Vous recevez ce résumé quotidien de { $site } parce que vous avez demandé les réponses et mentions une fois par jour.
mail-stop-these = Ne plus recevoir ces messages, en un clic :
mail-choose-what = Choisir ce que vous recevez :
mail-digest-subject = { $count ->
    [one] Votre résumé du jour : { $count } réponse ou mention
   *[other] Votre résumé du jour : { $count } réponses et mentions
}
mail-digest-since = { $count ->
    [one] Depuis votre dernier résumé : { $count } réponse ou mention.
   *[other] Depuis votre dernier résumé : { $count } réponses et mentions.
}

## The moderation-queue alert to staff.

mail-alert-subject = { $count ->
    [one] La file de modération contient { $count } élément
   *[other] La file de modération contient { $count } éléments
}
mail-alert-holds = { $count ->
    [one] La file de modération contient { $count } élément, soit au moins les { $threshold } que vous avez choisis :
   *[other] La file de modération contient { $count } éléments, soit au moins les { $threshold } que vous avez choisis :
}
mail-queue-pending = en attente
mail-queue-reported = signalés
mail-queue-flagged = repérés
mail-alert-open = Ouvrir la modération :
mail-alert-quiet = Vous ne serez plus prévenu tant que la file ne sera pas repassée sous { $threshold } puis remontée.
mail-alert-stop = Ne plus recevoir ces alertes, en un clic :
mail-alert-change = Changer le seuil :

## A reader's question answered in live coverage.

mail-answered-subject = La rédaction a répondu à votre question — { $site }
mail-answered-asked = Vous avez posé une question à la rédaction, sur « { $title } » :
mail-answered-where = La réponse se trouve dans le direct :
mail-answered-why = Vous recevez ce seul message parce que vous avez demandé à être prévenu de la réponse à votre question.

## The words around a newsletter edition.

mail-newsletter-web = Lire cette édition sur le web
mail-newsletter-why = Vous recevez { $newsletter } de { $site } parce que vous y êtes abonné.
mail-newsletter-unsubscribe = Se désabonner en un clic
