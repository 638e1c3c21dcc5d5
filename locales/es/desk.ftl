# The moderation desk and the site's administration: users, log, webhooks, sites, tokens.

## Shared words

desk-link-dashboard = Panel
desk-link-questions = Preguntas de los lectores
desk-link-members = Miembros
desk-link-policies = Normas y listas de palabras
desk-link-log = Registro
desk-link-desk = Moderación
desk-link-role-changes = Cambios de rol
desk-forbidden = Tu rol no lo permite: pídeselo a un administrador si lo necesitas.
desk-yes = Sí
desk-no = No
desk-reason = Motivo
desk-note = Nota
desk-status = Estado
desk-undo = Deshacer
desk-undone = (deshecho)
desk-days = { $count ->
    [one] { $count } día
   *[other] { $count } días
}

## The desk (/admin/moderation)

desk-title = Moderación
desk-queues = Colas
desk-queue-pending = Pendientes
desk-queue-reported = Denunciados
desk-queue-flagged = Marcados automáticamente
desk-order = Orden:
desk-order-priority = prioridad
desk-order-oldest = los más antiguos primero
desk-keys = Teclado:
desk-keys-move = siguiente y anterior
desk-keys-approve = aprobar
desk-keys-reject = rechazar (con el motivo elegido)
desk-keys-select = seleccionar.
desk-queue-empty = No hay nada esperando en «{ $queue }». Buen trabajo.
desk-with-selected = Con los comentarios seleccionados
desk-approve-selected = Aprobar selección
desk-reject-selected = Rechazar selección
desk-first-hundred = Se muestran los 100 primeros; decide sobre estos para ver más.
desk-comment-by = Comentario de { $author }
desk-comment-on = en
desk-editors-pick = Destacado por la redacción
desk-why-held = Por qué se retuvo
desk-spam-score = Puntuación de spam
desk-not-scored = aún sin puntuar
desk-author = Autor
desk-trust-level = Nivel de confianza
desk-reports = Denuncias
desk-report-uncounted = (de un miembro nuevo: no cuenta para ocultar)
desk-report-double = (de un miembro de confianza: cuenta doble)
desk-in-reply-to = En respuesta a { $name }: { $text }
desk-deleted-author = [eliminado]
desk-earlier-decisions = Decisiones anteriores ({ $count })
desk-decision-by = { $what } por { $by }
desk-approve = Aprobar
desk-reject = Rechazar
desk-pin = Fijar como destacado
desk-unpin = Dejar de fijar
desk-ban-for = Bloquear durante
desk-ban-good = siempre
desk-ban-author = Bloquear al autor
desk-record-published = { $count ->
    [one] { $count } publicado
   *[other] { $count } publicados
}
desk-record-waiting = { $count } en espera
desk-record-rejected = { $count ->
    [one] { $count } rechazado
   *[other] { $count } rechazados
}
desk-record-deleted = { $count ->
    [one] { $count } eliminado
   *[other] { $count } eliminados
}
desk-member-since = miembro desde el { $day }
desk-banned-for-good = bloqueado para siempre
desk-banned-until = bloqueado hasta el { $day }

desk-status-visible = Visible para los lectores
desk-status-held = Retenido
desk-status-rejected = Rechazado
desk-status-deleted = Eliminado

desk-held-premoderation = Moderación previa
desk-held-first-comment = Primer comentario de un miembro nuevo
desk-held-link = Enlace de un miembro nuevo
desk-held-suspect-word = Palabra sospechosa
desk-held-spam = Filtro de spam
desk-held-reports = Oculto tras denuncias

desk-reject-spam = Spam o publicidad
desk-reject-abuse = Ofensivo, de odio o un ataque personal
desk-reject-off-topic = Fuera de tema
desk-reject-personal = Revela datos personales de alguien
desk-reject-other = Incumple las normas de la comunidad
desk-rejection-with-note = { $reason }: { $note }

desk-trust-new = nuevo
desk-trust-member = miembro
desk-trust-trusted = de confianza

desk-why-premoderated-first = moderación previa: uno de los { $count } primeros comentarios de un miembro
desk-why-premoderated = moderación previa: aquí espera cada comentario
desk-why-first-comment = primer comentario de un miembro nuevo
desk-why-first-link = primer enlace de un miembro nuevo
desk-why-link = enlace de un miembro (nivel: { $level }) con pocos comentarios aprobados
desk-why-suspect-word = palabra sospechosa: { $word }
desk-why-suspect = palabra sospechosa
desk-why-spam-score = puntuación de spam { $score }
desk-why-spam = filtro de spam
desk-why-reports-weighing = oculto tras denuncias con un peso de { $weight }
desk-why-reports = oculto tras denuncias
desk-why-edited = editado después de publicarse; { $why }

desk-did-approve = aprobado
desk-did-reject = rechazado
desk-did-pin = fijado como destacado
desk-did-unpin = desfijado
desk-did-auto-hide = oculto tras denuncias
desk-did-ban = bloqueado
desk-did-unban = bloqueo levantado
desk-did-role = rol cambiado
desk-did-question-approve = pregunta aprobada
desk-did-question-reject = pregunta rechazada
desk-did-undo = deshecho
desk-did-policy = norma de comentarios cambiada
desk-did-words = listas de palabras cambiadas
desk-did-settings = ajustes cambiados
desk-did-other = cambiado

desk-done-items = { $count ->
    [one] { $count } elemento { $what }
   *[other] { $count } elementos { $what }
}
desk-done = Hecho: { $list }.
desk-not-changed = Sin cambios: { $list }.
desk-refuse-action = No se entendió la acción de ese botón; recarga la página.
desk-refuse-comment = No se entendió el comentario de ese botón; recarga la página.
desk-refuse-none-selected = Selecciona primero al menos un comentario y después elige una acción.
desk-refuse-too-many = Actúa sobre { $count } comentarios como máximo a la vez.
desk-refuse-ban = Tu rol no permite bloquear.
desk-refuse-reason = Elige un motivo para rechazar: el autor lo leerá.
desk-refuse-unknown = Elige aprobar, rechazar, fijar o bloquear.

desk-undone-count = { $count ->
    [one] Deshecho: { $count } acción.
   *[other] Deshecho: { $count } acciones.
}
desk-not-undone = Sin deshacer: { $list }.
desk-undo-no-entry = #{ $id } no existe
desk-undo-missing = #{ $id }: no existe
desk-undo-role = #{ $id }: tu rol no puede deshacerlo
desk-undo-already = #{ $id }: ya estaba deshecho
desk-undo-settings = #{ $id }: es un cambio de ajustes; vuelve a cambiarlos
desk-undo-changed = #{ $id }: otra decisión lo ha cambiado desde entonces; deshaz esa primero

## The audit log (/admin/moderation/log)

desk-log-title = Registro
desk-log-action = Acción
desk-log-any = Cualquiera
desk-log-by-member = Por el miembro n.º
desk-log-comment = Comentario n.º
desk-log-about-member = Sobre el miembro n.º
desk-log-filter = Filtrar
desk-log-none = No hay nada registrado que coincida.
desk-log-when = Cuándo
desk-log-who = Quién
desk-log-what = Qué
desk-log-about = Sobre
desk-log-why = Por qué
desk-undo-entry = Deshacer #{ $id }
desk-log-older = Entradas anteriores
desk-log-comment-by = comentario #{ $id } de { $name }
desk-log-comment-number = comentario #{ $id }
desk-log-member = miembro { $name }
desk-action-approve = aprobación
desk-action-reject = rechazo
desk-action-pin = fijación
desk-action-unpin = desfijación
desk-action-auto-hide = ocultación automática
desk-action-ban = bloqueo
desk-action-unban = desbloqueo
desk-action-undo = deshacer
desk-action-role = rol
desk-action-policy = norma
desk-action-words = palabras
desk-action-settings = ajustes

## Members (/admin/users)

desk-users-title = Miembros
desk-users-search = El nombre o el correo contiene
desk-users-find = Buscar
desk-users-none = Ningún miembro coincide.
desk-users-member = Miembro
desk-users-role = Rol
desk-users-conversation = Conversación
desk-users-joined = se unió el
desk-users-role-of = Rol de { $name }
desk-users-set-role-of = Asignar el rol de { $name }
desk-users-set-role = Asignar rol
desk-users-ban-for = Bloquear a { $name } durante
desk-users-lift = Levantar el bloqueo
desk-for-good = para siempre
desk-users-apply-to = Aplicar a { $name }
desk-users-apply = Aplicar
desk-users-more = Más miembros
desk-users-banned-for-good = Bloqueado para siempre
desk-users-banned-until = Bloqueado hasta el { $day }
desk-users-own-role = No puedes cambiar tu propio rol; pídeselo a otro administrador.
desk-users-role-set = Rol asignado: { $role }.
desk-users-ban-lifted = Bloqueo levantado.
desk-users-banned = Miembro bloqueado.
desk-role-member = miembro
desk-role-contributor = colaborador
desk-role-moderator = moderador
desk-role-editor = editor
desk-role-admin = administrador

## Moderation settings (/admin/moderation/settings)

desk-settings-title = Ajustes de moderación
desk-settings-site = Para todo el sitio
desk-settings-comments = Comentarios
desk-settings-open = Abiertos
desk-settings-premoderated = Con moderación previa
desk-settings-closed = Cerrados
desk-settings-first = Moderar antes solo los N primeros comentarios aprobados de un miembro (vacío: todos)
desk-settings-close = Cerrar los comentarios estos días después de la publicación (0: nunca)
desk-settings-link-hold = Retener los enlaces de miembros con menos comentarios aprobados que
desk-settings-report-threshold = Ocultar un comentario para revisarlo a partir de estas denuncias (0: nunca)
desk-settings-reporters-hint = Todas las denuncias llegan a moderación; solo las de miembros consolidados cuentan para ocultar un comentario, y las de miembros de confianza cuentan doble. Las denuncias del equipo cuentan siempre. Los tres ajustes siguientes marcan el umbral de confianza de los lectores: quien no lo alcanza es
desk-settings-reporters-new = nuevo
desk-settings-reporters-links = (sus enlaces esperan revisión).
desk-settings-report-verified = Contar solo las denuncias de miembros que confirmaron su correo
desk-settings-report-days = Contar solo las denuncias de cuentas con al menos estos días de antigüedad
desk-settings-report-approved = Contar solo las denuncias de miembros con al menos estos comentarios aprobados
desk-settings-spam-threshold = Retener los comentarios cuya puntuación de spam sea al menos
desk-settings-spam-trained = El filtro de spam aprende de las decisiones de moderación: { $spam } comentarios aprendidos como spam, { $ham } como legítimos.
desk-settings-banned = Palabras prohibidas (una por línea; los comentarios que las contengan se rechazan)
desk-settings-suspect = Palabras sospechosas (una por línea; los comentarios que las contengan esperan revisión)
desk-settings-matching = La comparación ignora mayúsculas y acentos, detecta caracteres parecidos (0 por o, @ por a), letras espaciadas, con puntos o alargadas, y solo encuentra palabras completas.
desk-settings-save = Guardar ajustes
desk-settings-saved = Ajustes guardados.
desk-trust-hold-first = Retener para revisión el primer comentario de un miembro nuevo
desk-trust-days = Confiar en los miembros cuya cuenta tenga al menos estos días
desk-trust-approved = … y que tengan al menos estos comentarios aprobados
desk-trust-hint = Los miembros de confianza tienen un correo confirmado y ningún rechazo reciente; sus enlaces nunca se retienen y sus denuncias cuentan doble.
desk-trust-demote-after = Volver a considerar nuevo a un miembro tras estos comentarios rechazados (0: nunca)
desk-trust-demote-window = … en estos días
desk-trust-demote-hint = Basta un solo rechazo en ese periodo para que un miembro deje de ser de confianza.

desk-policy-title = Una sección o un artículo
desk-policy-for = Para
desk-policy-a-section = una sección
desk-policy-an-article = un artículo
desk-policy-target = Dirección de la sección o del artículo (p. ej. { $example }, o en un artículo la parte que sigue a /articles/)
desk-policy-inherit = Como el ajuste general
desk-policy-close = Cerrar estos días después de la publicación (vacío: como el ajuste general; 0: nunca)
desk-policy-save = Guardar norma
desk-policy-saved = Norma guardada.
desk-policy-where = Dónde
desk-policy-name = Nombre
desk-policy-closing = Cierre
desk-policy-section = Sección
desk-policy-article = Artículo
desk-policy-as-wider = como el ajuste general
desk-policy-never = nunca
desk-policy-days-after = { $count ->
    [one] { $count } día después de la publicación
   *[other] { $count } días después de la publicación
}
desk-mode-open = abiertos
desk-mode-closed = cerrados
desk-mode-premoderated = con moderación previa (cada comentario)
desk-mode-premoderated-first = con moderación previa (los { $count } primeros comentarios aprobados de un miembro)
desk-policy-no-section = No hay ninguna sección con la dirección «{ $target }».
desk-policy-no-article = No hay ningún artículo con la dirección «{ $target }»: indica la parte que sigue a /articles/.
desk-policy-no-scope = Elige si la norma es para una sección o para un artículo.

## Webhooks (/admin/webhooks)

desk-hooks-title = Webhooks
desk-hooks-sent-as = Cada evento se envía como JSON firmado en una petición
desk-hooks-header = : la cabecera
desk-hooks-header-is = es
desk-hooks-hmac = , donde HEX es el HMAC-SHA256, con el secreto del punto de destino, de
desk-hooks-retried = , un punto y el cuerpo. Una entrega fallida se reintenta con esperas crecientes (30 segundos, que se duplican, 8 intentos).
desk-hooks-add-heading = Añadir un punto de destino
desk-hooks-url = URL del punto de destino
desk-hooks-events = Eventos
desk-hooks-add = Añadir punto de destino
desk-hooks-endpoints = Puntos de destino
desk-hooks-none = Aún no hay puntos de destino.
desk-hooks-col-url = URL
desk-hooks-col-secret = Secreto de firma
desk-hooks-col-actions = Acciones
desk-hooks-added = añadido el
desk-hooks-its-deliveries = sus entregas
desk-hooks-delete-named = Eliminar el punto de destino { $url }
desk-hooks-delete = Eliminar
desk-hooks-log = Registro de entregas
desk-hooks-filtered = Solo las entregas al punto de destino { $id }.
desk-hooks-show-all = <a>Ver todas</a>.
desk-hooks-nothing-sent = Todavía no se ha enviado nada.
desk-hooks-col-event = Evento
desk-hooks-col-endpoint = Punto de destino
desk-hooks-col-attempts = Intentos
desk-hooks-col-answer = Última respuesta
desk-hooks-next-try = próximo intento
desk-hooks-redeliver-named = Volver a enviar la entrega { $id }
desk-hooks-redeliver = Volver a enviar
desk-delivery-pending = pendiente
desk-delivery-delivered = entregada
desk-delivery-failed = fallida
desk-hooks-admins-only = Solo los administradores pueden gestionar los webhooks.
desk-hooks-no-events = Elige al menos un evento para enviar.
desk-hooks-url-empty = Escribe la URL que debe recibir los eventos.
desk-hooks-url-long = La URL puede tener como máximo { $max } caracteres.
desk-hooks-url-scheme = La URL debe empezar por https:// (o http:// para un receptor en tu propia red).
desk-hooks-url-host = La URL debe indicar un servidor, como en https://example.com/hooks.

## API tokens (/settings/tokens)

desk-tokens-title = Tokens de API
desk-tokens-intro = Un token permite que un script u otro servicio use la <a>API de Broadsheet</a> en tu nombre.
desk-tokens-send-as = Envíalo como
desk-tokens-revoked-by = . Cambiar o restablecer la contraseña, o cerrar sesión en todas partes, revoca todos los tokens.
desk-tokens-back = <a>Volver a los ajustes</a>.
desk-tokens-new = <strong>Tu nuevo token</strong>: cópialo ahora, porque no se volverá a mostrar.
desk-tokens-token = Token
desk-tokens-create-heading = Crear un token
desk-tokens-name = Nombre del token
desk-tokens-name-example = Script del boletín
desk-tokens-may = Qué puede hacer
desk-scope-read = Leer: la API tal como ves el sitio
desk-scope-comment = Comentar: publicar, editar y eliminar tus comentarios
desk-scope-publish = Publicar: crear artículos
desk-scope-name-read = lectura
desk-scope-name-comment = comentarios
desk-scope-name-publish = publicación
desk-tokens-password = Tu contraseña (necesaria para un token que pueda publicar)
desk-tokens-create = Crear token
desk-tokens-yours = Tus tokens
desk-tokens-none = No tienes tokens.
desk-tokens-col-name = Nombre
desk-tokens-col-scopes = Permisos
desk-tokens-col-used = Último uso
desk-tokens-col-action = Acción
desk-tokens-created = creado el
desk-tokens-never = nunca
desk-tokens-revoked = revocado el
desk-tokens-revoke-named = Revocar { $name }
desk-tokens-revoke = Revocar
desk-tokens-no-password = Un token que puede publicar necesita tu contraseña, y tu cuenta aún no tiene (inicias sesión con inicio de sesión único o con enlaces por correo). Crea una primero: «¿Olvidaste tu contraseña?» en la página de inicio de sesión te envía un enlace para elegirla. Después crea el token.
desk-tokens-wrong-password = Escribe tu contraseña actual para crear un token que pueda publicar. El token no se ha creado.
desk-tokens-too-many = Ya tienes { $count } tokens activos. Revoca uno que ya no uses y después crea este.
desk-tokens-name-empty = Ponle un nombre al token, como el del script o servicio que lo usará.
desk-tokens-name-long = El nombre de un token puede tener como máximo { $max } caracteres.
desk-tokens-name-control = El nombre de un token no puede contener caracteres de control.
desk-scope-none = Elige al menos un permiso: read, comment o publish
desk-scope-unknown = «{ $scope }» no es un permiso: usa read, comment o publish
desk-scope-not-allowed = Tu rol no permite el permiso «{ $scope }»

## Refused settings forms

desk-settings-number = «{ $what }» debe ser un número entero de 0 a { $max }.
desk-settings-whole = «{ $what }» debe ser un número entero.
desk-field-close-days = Días hasta que se cierran los comentarios
desk-field-link-hold = Comentarios aprobados antes de que se publiquen los enlaces
desk-field-reports = Denuncias que ocultan un comentario
desk-field-report-days = Antigüedad de la cuenta para que cuenten las denuncias (en días)
desk-field-report-approved = Comentarios aprobados para que cuenten las denuncias de un miembro
desk-field-trusted-days = Antigüedad de la cuenta para ser de confianza
desk-field-trusted-approved = Comentarios aprobados para ser de confianza
desk-field-demote-window = Días durante los que cuentan los rechazos
desk-field-demote-after = Rechazos que devuelven a un miembro a nuevo
desk-settings-verified-choice = Elige si solo cuentan las denuncias de miembros con el correo confirmado: sí o no.
desk-settings-spam-range = La puntuación de spam que retiene un comentario debe ser un número de 0,5 a 1.
desk-mode-first-range = El número de primeros comentarios que se retienen debe ser un número entero de 1 a 1000, o vacío para todos.
desk-mode-unknown = Modo de comentarios desconocido «{ $mode }»: elige abiertos, cerrados o con moderación previa.
desk-words-banned = Palabras prohibidas
desk-words-suspect = Palabras sospechosas
desk-words-long-line = la línea { $line } tiene { $chars } caracteres
desk-words-entry-max = una entrada puede tener como máximo { $max }
desk-words-too-many = la lista tiene más de { $max } entradas; quita algunas y vuelve a intentarlo
desk-trust-days-range = La antigüedad de la cuenta para ser de confianza debe ser un número entero de días de 0 a { $max }.
desk-trust-approved-range = Los comentarios aprobados para ser de confianza deben ser un número entero de 0 a { $max }.
desk-trust-window-range = Los días durante los que cuentan los rechazos deben ser un número entero de 0 a { $max }.
desk-trust-after-range = Los rechazos que devuelven a un miembro a nuevo deben ser un número entero de 0 a { $max } (0: nunca).
desk-trust-hold-choice = Elige si el primer comentario de un miembro nuevo espera revisión: sí o no.
desk-ban-length = Elige cuánto dura el bloqueo: un número de días de 1 a 3650, o para siempre.
desk-note-too-long = La nota tiene { $count } caracteres; el límite es { $max }. Acórtala.
