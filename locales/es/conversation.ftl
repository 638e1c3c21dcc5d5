# La conversación bajo un artículo: comentarios, respuestas, denuncias, páginas de miembros y app.js.

## El bloque de conversación de la página de un artículo

conv-heading = Comentarios ({ $count })
conv-none-title = Todavía no hay comentarios
conv-none-first = ¡Sé el primero en opinar!
conv-sort-label = Ordenar comentarios
conv-sort-oldest = Más antiguos
conv-sort-newest = Más recientes
conv-sort-most-liked = Más valorados
conv-show-more = Mostrar más comentarios
conv-closed = Los comentarios de este artículo están cerrados.
conv-join = Únete a la conversación
conv-join-sign-in = <a>Inicia sesión</a> para dar tu opinión y conversar con la comunidad.

## El formulario de comentarios

conv-replying-to = Respondiendo a { $name }
conv-replying-to-comment = Respondiendo a este comentario
conv-cancel-reply = Cancelar respuesta
conv-comment-label = Comentario
conv-premoderated = Un moderador lee los comentarios de este artículo antes de que se publiquen.
conv-hint = Sé amable y no te salgas del tema. Puedes usar Markdown: *énfasis*, [enlaces](https://example.org), `código`, > citas y listas.
conv-honeypot-label = Sitio web
conv-post = Publicar comentario

## Un comentario

conv-muted-summary = Comentario de un miembro que silenciaste — mostrar
conv-deleted-author = [eliminado]
conv-replying-to-lower = en respuesta a { $name }
conv-edited = (editado)
conv-pick = Selección de la redacción
conv-held = <strong>Pendiente de revisión.</strong> Solo tú ves este comentario hasta que un moderador lo apruebe.
conv-rejected = <strong>No publicado.</strong> Un moderador rechazó este comentario: { $reason }. Solo tú puedes verlo.
conv-likes =
    { $count ->
        [one] { $count } me gusta
       *[other] { $count } me gusta
    }
conv-tombstone-removed = Un moderador eliminó este comentario.
conv-tombstone-hidden = Este comentario está oculto mientras los moderadores lo revisan.
conv-tombstone-deleted = Este comentario se eliminó.
conv-like = Me gusta
conv-reply = Responder
conv-edit = Editar
conv-delete = Eliminar
conv-report = Denunciar
conv-mute = Silenciar
conv-unmute = Dejar de silenciar

## Editar un comentario

conv-edit-title = Edita tu comentario
conv-edit-hint = Los comentarios se pueden editar durante 15 minutos después de publicarlos; un comentario editado lo indica.
conv-save = Guardar cambios
conv-back = Volver a la conversación

## Denunciar un comentario

conv-report-title = Denunciar un comentario
conv-report-thanks = Gracias. Los moderadores revisarán este comentario.
conv-report-why = ¿Por qué deberían revisarlo los moderadores?
conv-reason-spam = Spam o publicidad
conv-reason-abuse = Ofensivo, de odio o acoso
conv-reason-off-topic = Fuera de tema
conv-reason-misinformation = Falso o engañoso
conv-reason-other = Otro motivo
conv-report-note = Algo que los moderadores deban saber (opcional)
conv-report-send = Enviar denuncia

## La página pública de un miembro

conv-member-kicker = Miembro
conv-member-since = Miembro desde el { $date }
conv-member-comments = Comentarios
conv-member-none = Todavía no hay comentarios.
conv-member-no-older = No hay comentarios más antiguos.
conv-member-on = En <a>{ $title }</a>
conv-member-pages = Páginas
conv-member-newest = Comentarios más recientes
conv-member-older = Comentarios más antiguos
conv-member-comments-by = Comentarios de { $name }

## Comentarios de una cuenta anterior (importados)

conv-earlier-title = Comentarios de una cuenta anterior
conv-earlier-intro = Los comentarios traídos del anterior sistema de comentarios del sitio llevan la dirección que su autor dio allí. Los escritos con tu dirección, <strong>{ $email }</strong>, pueden pasar a ser tuyos. <a>Volver a los ajustes</a>.
conv-earlier-yours =
    { $count ->
        [one] { $count } comentario de tu cuenta anterior ({ $names }).
       *[other] { $count } comentarios de tu cuenta anterior ({ $names }).
    }
conv-earlier-claim = Reclamarlos
conv-earlier-verify-first =
    { $count ->
        [one] { $count } comentario de una cuenta anterior lleva tu dirección. Primero confirma tu dirección (sigue el enlace del mensaje que te enviamos); después podrás reclamarlo aquí.
       *[other] { $count } comentarios de una cuenta anterior llevan tu dirección. Primero confirma tu dirección (sigue el enlace del mensaje que te enviamos); después podrás reclamarlos aquí.
    }
conv-earlier-none = Ningún comentario de una cuenta anterior lleva tu dirección.
conv-earlier-claimed =
    { $count ->
        [one] { $count } comentario de tu cuenta anterior ya es tuyo.
       *[other] { $count } comentarios de tu cuenta anterior ya son tuyos.
    }
conv-earlier-unverified = Tu dirección aún no está confirmada: sigue el enlace del mensaje que te enviamos y luego reclama los comentarios aquí.

## Rechazos y errores

conv-empty = Escribe algo antes de publicar: el comentario está vacío.
conv-too-long = El comentario tiene { $got } caracteres; el límite es { $max }. Acórtalo y vuelve a publicarlo.
conv-too-fast =
    { $seconds ->
        [one] Estás publicando más de { $limit } comentarios por minuto. Espera { $seconds } segundo y vuelve a publicar: tu texto se conserva abajo.
       *[other] Estás publicando más de { $limit } comentarios por minuto. Espera { $seconds } segundos y vuelve a publicar: tu texto se conserva abajo.
    }
conv-honeypot = No se pudo aceptar este comentario. Si eres una persona, deja vacío el campo oculto «Sitio web».
conv-bad-parent = El comentario al que respondes no es válido.
conv-parent-missing = El comentario al que respondes no existe (puede que se haya eliminado). Publica tu texto como un comentario nuevo.
conv-parent-elsewhere = El comentario al que respondes pertenece a otro artículo. Publica tu texto aquí como un comentario nuevo.
conv-parent-deleted = El comentario al que respondes se eliminó. Publica tu texto como un comentario nuevo.
conv-closed-post = Los comentarios de este artículo están cerrados: ya no se puede publicar nada aquí.
conv-closed-edit = Los comentarios de este artículo están cerrados: los comentarios de aquí ya no se pueden cambiar. Tu texto sigue aquí para que lo copies.
conv-banned-word-post = Tu comentario contiene «{ $word }», que no está permitido aquí. Quítalo y vuelve a publicar: tu texto se conserva abajo.
conv-banned-word-save = Tu comentario contiene «{ $word }», que no está permitido aquí. Quítalo y vuelve a guardar: tu texto se conserva abajo.
conv-only-author = Solo el autor de un comentario puede cambiarlo.
conv-edit-late = Ya pasaron los 15 minutos para editar este comentario, así que no se cambió. Tu texto sigue aquí para que lo copies.
conv-edit-deleted = Este comentario se eliminó, así que no se puede editar.
conv-already-deleted = Este comentario ya se había eliminado.
conv-one-action = Elige una acción para un comentario: dar me gusta, quitar el me gusta, eliminar, silenciar o dejar de silenciar.
conv-like-own = No puedes dar me gusta a tu propio comentario.
conv-like-cannot = No se puede dar me gusta a este comentario.
conv-like-already = Ya le diste me gusta a este comentario.
conv-like-not-liked = No le habías dado me gusta a este comentario, así que no había nada que quitar.
conv-report-own = No puedes denunciar tu propio comentario.
conv-report-reason = Elige un motivo para la denuncia.
conv-report-note-long = La nota puede tener como máximo 1000 caracteres.
conv-report-already = Ya denunciaste este comentario; los moderadores lo revisarán.
conv-mute-self = No puedes silenciarte a ti mismo.
conv-mute-cannot = No se puede silenciar desde aquí al autor de este comentario (el comentario o la cuenta de su autor ya no existe). Gestiona los silenciados en tus ajustes.
conv-bad-page = Este enlace a una página de comentarios no es válido. Usa el enlace «Mostrar más comentarios».
conv-member-bad-page = Este enlace de página no es válido. Usa el enlace «Comentarios más antiguos» para recorrer la lista, o vuelve a empezar desde la primera página.

## Lo que dice el script (app.js)

conv-js-posted = Tu comentario se publicó
conv-js-not-posted = El comentario no se publicó
conv-js-not-sent = No se pudo enviar el comentario
conv-js-like-not-saved = No se guardó el me gusta
conv-js-like-not-sent = No se pudo enviar el me gusta
conv-js-signed-out = { $what }: parece que cerraste sesión. Vuelve a iniciarla e inténtalo de nuevo.
conv-js-failed = { $what } (error { $status }). Recarga la página e inténtalo de nuevo.
conv-js-offline = { $what }: revisa tu conexión e inténtalo de nuevo.
conv-js-new-from = Nuevo comentario de { $name }
conv-js-new = Nuevo comentario
conv-js-reload = Nuevos comentarios – recargar
