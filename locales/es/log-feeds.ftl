# Las palabras propias del registro de moderación y de los feeds del sitio (logf-).

## El registro

logf-actor-site = Broadsheet (automático)
logf-actor-command-line = línea de comandos
logf-role-change = { $old } → { $new }
logf-auto-hide = denuncias abiertas de miembros consolidados con un peso de { $weight } ({ $count } en total)
logf-undo-of = deshacer #{ $id } ({ $action })

## Por qué algo quedó igual

logf-no-comment = el comentario { $id } no existe
logf-comment-deleted = el comentario { $id } fue borrado por su autor y sigue así
logf-comment-not-pinnable = el comentario { $id } no está visible para los lectores, así que no puede ser una selección de la redacción
logf-comment-unchanged = el comentario { $id } ya está en ese estado
logf-no-member = el miembro { $id } no existe
logf-staff-not-banned = { $name } forma parte del equipo y no se le puede suspender; un administrador puede cambiar antes su rol
logf-no-question = la pregunta #{ $id } no existe
logf-question-answered = pregunta #{ $id }: ya tiene respuesta
logf-question-approved = pregunta #{ $id }: ya está aprobada
logf-question-rejected = pregunta #{ $id }: ya está rechazada
logf-question-changed = la pregunta #{ $id } cambió mientras tanto

## Cambios de las normas de comentarios en el registro

logf-policy-site = sitio: { $mode }
logf-policy-section = sección { $name }: { $mode }
logf-policy-article = artículo { $name }: { $mode }
logf-policy-embed-site = sitio integrado { $name }: { $mode }
logf-policy-embed-thread = conversación integrada { $name }: { $mode }

## Feeds

logf-feed-of = { $name } — { $site }
logf-feed-comments-on = Comentarios sobre { $title } — { $site }
logf-feed-comments-by = Comentarios de { $name } — { $site }
logf-feed-comment = { $name } en «{ $title }»
