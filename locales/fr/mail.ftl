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
