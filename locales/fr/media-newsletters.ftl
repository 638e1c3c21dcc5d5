# Les refus et les tailles de la médiathèque, et les vérifications des lettres d'information (identifiants `nlm-`).

## Tailles
nlm-size-kb = { $size } Ko
nlm-size-mb = { $size } Mo

## Téléverser une image
nlm-upload-too-large = Le fichier dépasse les { $size } que ce site accepte pour une image. Réduisez-le (une photo a rarement besoin de plus de 4000 pixels de large) et téléversez-le de nouveau.
nlm-upload-too-large-early = Le fichier dépasse les { $size } que ce site accepte pour une image. Réduisez-le et téléversez-le de nouveau.
nlm-upload-garbled = Le fichier est arrivé incomplet ou abîmé. Choisissez-le de nouveau et renvoyez le formulaire.
nlm-upload-one-at-a-time = Téléversez une seule image à la fois.
nlm-upload-field-too-long = Le champ « { $field } » est trop long.
nlm-upload-not-multipart = Envoyez le formulaire de téléversement en multipart/form-data, avec le fichier dans son champ `file`.
nlm-upload-not-stored = L'image n'a pas pu être enregistrée. Veuillez réessayer.
nlm-upload-store-failed = L'image n'a pas pu être enregistrée pour le moment, et rien n'a été conservé. Réessayez dans un instant.
nlm-storage-down = Le stockage des images est injoignable pour le moment. Réessayez dans un instant.
nlm-image-unavailable = Cette image ne peut pas être récupérée pour le moment. Réessayez dans un instant.
nlm-former-member = un ancien membre

## Pourquoi une image a été refusée
nlm-image-empty = Le fichier est vide. Choisissez un fichier image et téléversez-le de nouveau.
nlm-image-gif = Les images GIF ne sont pas acceptées. Enregistrez l'image en JPEG, PNG ou WebP et téléversez ce fichier.
nlm-image-svg = Les dessins SVG ne sont pas acceptés (ils peuvent contenir des scripts). Exportez le dessin en PNG et téléversez ce fichier.
nlm-image-not-an-image = Ce fichier n'est pas une image que le site sait lire : son contenu n'est ni du JPEG, ni du PNG, ni du WebP, quel que soit son nom. Téléversez un fichier JPEG, PNG ou WebP.
nlm-image-no-pixels = L'image n'annonce aucun pixel (0 de large ou 0 de haut) : le fichier est endommagé. Exportez-le de nouveau et téléversez le nouveau fichier.
nlm-image-limits = au plus { $side } pixels de côté et { $megapixels } mégapixels
nlm-image-too-large = L'image fait { $dimensions } pixels, trop pour être traitée : le site accepte { $limits }. Redimensionnez-la et téléversez-la de nouveau.
nlm-image-too-large-to-decode = L'image est trop grande pour être traitée : le site accepte { $limits }. Redimensionnez-la et téléversez-la de nouveau.
nlm-image-truncated = Le fichier s'arrête avant la fin de l'image : ce { $kind } a été tronqué, peut-être pendant une copie ou un téléversement. Exportez-le ou téléchargez-le de nouveau et téléversez le nouveau fichier.
nlm-image-unsupported = Ce { $kind } utilise une fonction que le site ne sait pas lire. Ouvrez-le dans un logiciel de retouche, exportez-le en JPEG, PNG ou WebP ordinaire et téléversez ce fichier.
nlm-image-damaged = Le fichier n'a pas pu être lu comme un { $kind } : il est endommagé, ou ce n'est pas vraiment un { $kind } malgré ses premiers octets. Exportez-le de nouveau et téléversez le nouveau fichier.
nlm-image-not-encoded = L'image a été lue mais n'a pas pu être réenregistrée. Réessayez ; si l'échec persiste, exportez-la en JPEG et téléversez ce fichier.
nlm-image-failed = Cette image n'a pas pu être traitée. Exportez-la de nouveau et téléversez le nouveau fichier.
nlm-image-shutting-down = Le serveur est en cours d'arrêt ; réessayez dans un instant.

## Lettres d'information et éditions
nlm-editors-only = Seuls les éditeurs et les administrateurs gèrent les lettres d'information.
nlm-name-required = Le nom est obligatoire.
nlm-sender-required = Le nom de l'expéditeur est obligatoire.
nlm-subject-required = L'objet est obligatoire.
nlm-description-required = La description est obligatoire.
nlm-intro-required = L'introduction est obligatoire.
nlm-name-too-long = Le nom ne peut pas dépasser { $max } { $max ->
        [one] caractère
       *[other] caractères
    }.
nlm-description-too-long = La description ne peut pas dépasser { $max } { $max ->
        [one] caractère
       *[other] caractères
    }.
nlm-sender-too-long = Le nom de l'expéditeur ne peut pas dépasser { $max } { $max ->
        [one] caractère
       *[other] caractères
    }.
nlm-subject-too-long = L'objet ne peut pas dépasser { $max } { $max ->
        [one] caractère
       *[other] caractères
    }.
nlm-intro-too-long = L'introduction ne peut pas dépasser { $max } { $max ->
        [one] caractère
       *[other] caractères
    }.
nlm-sender-chars = Le nom de l'expéditeur ne peut contenir ni saut de ligne ni les caractères < > " \.
nlm-hour-range = L'heure doit être comprise entre 0 et 23.
nlm-subject-one-line = L'objet doit tenir sur une seule ligne.
nlm-slug-too-long = Le slug d'un article compte au plus { $max } { $max ->
        [one] caractère
       *[other] caractères
    }.
nlm-too-many-articles = Une édition contient au plus { $max } { $max ->
        [one] article
       *[other] articles
    }.
nlm-name-taken = Une lettre d'information nommée « { $name } » existe déjà.
nlm-no-published-article = Aucun article publié n'a le slug « { $slug } ».
nlm-edition-sent = Cette édition a été envoyée : elle ne peut plus être modifiée.
nlm-embed-thumbnail-alt = Miniature du contenu intégré
