# Los rechazos y tamaños de la mediateca y las comprobaciones de los boletines (identificadores `nlm-`).

## Tamaños
nlm-size-kb = { $size } KB
nlm-size-mb = { $size } MB

## Subir una imagen
nlm-upload-too-large = El archivo supera los { $size } que este sitio admite para una imagen. Redúcelo (una foto rara vez necesita más de 4000 píxeles de ancho) y vuelve a subirlo.
nlm-upload-too-large-early = El archivo supera los { $size } que este sitio admite para una imagen. Redúcelo y vuelve a subirlo.
nlm-upload-garbled = El archivo llegó incompleto o dañado. Vuelve a elegirlo y envía el formulario de nuevo.
nlm-upload-one-at-a-time = Sube las imágenes de una en una.
nlm-upload-field-too-long = El campo «{ $field }» es demasiado largo.
nlm-upload-not-multipart = Envía el formulario de subida como multipart/form-data, con el archivo en su campo `file`.
nlm-upload-not-stored = No se pudo guardar la imagen. Inténtalo de nuevo.
nlm-upload-store-failed = No se pudo guardar la imagen en este momento y no se conservó nada. Inténtalo de nuevo dentro de un momento.
nlm-storage-down = El almacén de imágenes no está disponible en este momento. Inténtalo de nuevo dentro de un momento.
nlm-image-unavailable = Esta imagen no se puede obtener en este momento. Inténtalo de nuevo dentro de un momento.
nlm-former-member = un antiguo miembro

## Por qué se rechazó una imagen
nlm-image-empty = El archivo está vacío. Elige un archivo de imagen y vuelve a subirlo.
nlm-image-gif = No se admiten imágenes GIF. Guarda la imagen como JPEG, PNG o WebP y sube ese archivo.
nlm-image-svg = No se admiten dibujos SVG (pueden contener scripts). Exporta el dibujo como PNG y sube ese archivo.
nlm-image-not-an-image = Este archivo no es una imagen que el sitio pueda leer: su contenido no es JPEG, PNG ni WebP, diga lo que diga su nombre. Sube un archivo JPEG, PNG o WebP.
nlm-image-no-pixels = La imagen no declara ningún píxel (0 de ancho o 0 de alto): el archivo está dañado. Vuelve a exportarlo y sube el archivo nuevo.
nlm-image-limits = como máximo { $side } píxeles por lado y { $megapixels } megapíxeles
nlm-image-too-large = La imagen mide { $dimensions } píxeles, demasiado para procesarla: el sitio admite { $limits }. Redimensiónala y vuelve a subirla.
nlm-image-too-large-to-decode = La imagen es demasiado grande para procesarla: el sitio admite { $limits }. Redimensiónala y vuelve a subirla.
nlm-image-truncated = El archivo termina antes que la imagen: este { $kind } quedó cortado, quizá al copiarlo o subirlo. Vuelve a exportarlo o descargarlo y sube el archivo nuevo.
nlm-image-unsupported = Este { $kind } usa una función que el sitio no sabe leer. Ábrelo en un editor de imágenes, expórtalo como un JPEG, PNG o WebP normal y sube ese archivo.
nlm-image-damaged = No se pudo leer el archivo como { $kind }: está dañado o no es realmente un { $kind }, aunque lo parezca por sus primeros bytes. Vuelve a exportarlo y sube el archivo nuevo.
nlm-image-not-encoded = La imagen se leyó, pero no se pudo volver a guardar. Inténtalo otra vez; si sigue fallando, expórtala como JPEG y sube ese archivo.
nlm-image-failed = No se pudo procesar esta imagen. Vuelve a exportarla y sube el archivo nuevo.
nlm-image-shutting-down = El servidor se está apagando; inténtalo de nuevo dentro de un momento.

## Boletines y ediciones
nlm-editors-only = Solo los editores y los administradores gestionan los boletines.
nlm-name-required = El nombre es obligatorio.
nlm-sender-required = El nombre del remitente es obligatorio.
nlm-subject-required = El asunto es obligatorio.
nlm-description-required = La descripción es obligatoria.
nlm-intro-required = La introducción es obligatoria.
nlm-name-too-long = El nombre puede tener como máximo { $max } { $max ->
        [one] carácter
       *[other] caracteres
    }.
nlm-description-too-long = La descripción puede tener como máximo { $max } { $max ->
        [one] carácter
       *[other] caracteres
    }.
nlm-sender-too-long = El nombre del remitente puede tener como máximo { $max } { $max ->
        [one] carácter
       *[other] caracteres
    }.
nlm-subject-too-long = El asunto puede tener como máximo { $max } { $max ->
        [one] carácter
       *[other] caracteres
    }.
nlm-intro-too-long = La introducción puede tener como máximo { $max } { $max ->
        [one] carácter
       *[other] caracteres
    }.
nlm-sender-chars = El nombre del remitente no puede contener saltos de línea ni los caracteres < > " \.
nlm-hour-range = La hora debe estar entre 0 y 23.
nlm-subject-one-line = El asunto debe ocupar una sola línea.
nlm-slug-too-long = El slug de un artículo tiene como máximo { $max } { $max ->
        [one] carácter
       *[other] caracteres
    }.
nlm-too-many-articles = Una edición lleva como máximo { $max } { $max ->
        [one] artículo
       *[other] artículos
    }.
nlm-name-taken = Ya existe un boletín llamado «{ $name }».
nlm-no-published-article = Ningún artículo publicado tiene el slug «{ $slug }».
nlm-edition-sent = Esta edición ya se envió: ya no se puede modificar.
nlm-embed-thumbnail-alt = Miniatura del contenido insertado
