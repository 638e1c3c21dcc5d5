# La cobertura en directo: lo que dice app.js cuando llegan actualizaciones, las negativas de la
# mesa del directo y la comparación de revisiones del historial de un artículo.

## Lo que dice app.js en una página en directo (el bloque de datos `live-words`)

live-js-new-update = Nueva actualización
live-js-new-updates =
    { $count ->
        [one] { $count } nueva actualización
        [many] { $count } nuevas actualizaciones
       *[other] { $count } nuevas actualizaciones
    }

## Las negativas de la mesa del directo

live-writers-only = La cobertura en directo la escriben colaboradores, editores y administradores.
live-editors-only-coverage = Solo los editores y administradores abren y cierran una cobertura en directo; los colaboradores escriben actualizaciones para que ellos las publiquen.
live-editors-only-publish = Solo los editores y administradores publican actualizaciones; los colaboradores escriben actualizaciones para que ellos las publiquen.
live-editors-only-change = Solo los editores y administradores publican, editan y eliminan actualizaciones; los colaboradores escriben actualizaciones para que ellos las publiquen.
live-editors-only-answers = Solo los editores y administradores publican respuestas; los colaboradores escriben actualizaciones para que ellos las publiquen.
live-choose-coverage = Elige si abrir o cerrar la cobertura.
live-choose-update-action = Elige si publicar, editar o eliminar la actualización.
live-already-published = Esta actualización ya está publicada.
live-coverage-changed = Alguien cambió esta cobertura mientras tanto: recarga e inténtalo de nuevo.
live-update-changed = Alguien cambió esta actualización mientras tanto: recárgala e inténtalo de nuevo.
live-question-changed = Alguien respondió o rechazó esta pregunta mientras tanto: recarga la mesa.
live-answer-not-live = Las preguntas se responden mientras la cobertura está en directo.
live-answer-answered = Esta pregunta ya tiene respuesta.
live-answer-not-approved = Solo se pueden responder las preguntas que aprobó un moderador.

## La comparación de revisiones de un artículo: un campo por línea y después el texto

live-diff-headline = Titular: { $value }
live-diff-slug = Slug: { $value }
live-diff-summary = Resumen: { $value }
live-diff-section = Sección: { $value }
live-diff-authors = Autores: { $value }
live-diff-tags = Etiquetas: { $value }
live-diff-image = Imagen: { $value }
live-diff-alt-text = Texto alternativo: { $value }
live-diff-caption = Pie de foto: { $value }
