# Las páginas públicas de lectura: portada, secciones, artículos, búsqueda, directos y boletines.

reading-live-badge = En directo
reading-by = Por
reading-and = y
reading-list-comma = { ", " }
reading-comment-count =
    { $count ->
        [one] { $shown } comentario
       *[other] { $shown } comentarios
    }

reading-front-heading = { $site }: lo último
reading-front-lead = Noticia principal
reading-front-empty = Todavía no se ha publicado ninguna noticia.
reading-front-discussed = Lo más comentado

reading-kind-section = Sección
reading-kind-topic = Tema
reading-kind-author = Autor
reading-listing-empty = Todavía no hay noticias aquí.
reading-listing-no-older = No hay noticias más antiguas.
reading-listing-stories = Noticias
reading-listing-pages = Páginas
reading-listing-newest = Noticias más recientes
reading-listing-older = Noticias anteriores
reading-listing-older-title = { $heading } (noticias anteriores)
reading-listing-bad-cursor = Este enlace de página no es válido. Usa los enlaces «Noticias anteriores» para recorrer la lista o vuelve a empezar desde la primera página.

reading-published = Publicado el
reading-updated = Actualizado el
reading-read-in-label = Leer en
reading-read-in = Leer en:
reading-corrections = Correcciones
reading-topics = Temas
reading-related = Artículos relacionados
reading-feed-live-updates = Directo: { $title } (Atom)
reading-feed-comments = Comentarios sobre { $title } (Atom)

reading-live-updates = Última hora
reading-coverage-ended = El directo ha terminado
reading-no-updates = Todavía no hay actualizaciones.
reading-older-updates = Actualizaciones anteriores
reading-ask-heading = Pregunta a la redacción
reading-ask-blurb = ¿Tienes una pregunta sobre esta noticia? Nuestros periodistas responden aquí, en el directo, a las preguntas de los lectores.
reading-ask-link = Hacer una pregunta
reading-key-events = Lo más importante
reading-key-event = Clave
reading-question-from = Pregunta de
reading-a-reader = Un lector
reading-the-newsroom = La redacción
reading-asked = { $asker } preguntó: { $question }
reading-earlier-updates = Actualizaciones anteriores
reading-earlier-updates-title = Actualizaciones anteriores: { $title }
reading-no-earlier = No hay actualizaciones anteriores.
reading-back-to-latest = Volver a las últimas actualizaciones
reading-live-bad-cursor = Esa página de actualizaciones no existe: vuelve al artículo.
reading-feed-live-title = En directo: { $title } — { $site }

reading-ask-title = Pregunta a la redacción: { $title }
reading-ask-sent = Gracias: tu pregunta ya está en la redacción. Primero la lee un moderador; si un periodista la responde, la respuesta aparecerá en el <a>directo</a>, junto con tu pregunta y tu nombre.
reading-ask-ended = El directo ha terminado, así que la redacción ya no acepta preguntas aquí. <a>Leer las actualizaciones</a>.
reading-ask-sign-in = <a>Inicia sesión</a> para hacer una pregunta a la redacción sobre esta noticia.
reading-ask-intro = Haz una pregunta sobre esta noticia. Un moderador lee primero cada pregunta; los periodistas responden algunas en el directo y citan la pregunta con tu nombre visible.
reading-ask-your-question = Tu pregunta
reading-ask-hint = Hasta { $max } caracteres, en texto sin formato.
reading-ask-notify = Avisarme por correo cuando respondan a mi pregunta
reading-ask-send = Enviar pregunta
reading-ask-back = Volver al directo
reading-ask-not-live = Solo se aceptan preguntas mientras el directo está en marcha, y este no lo está.
reading-ask-empty = Escribe tu pregunta antes de enviarla.
reading-ask-too-long = Una pregunta tiene como máximo { $max } caracteres; la tuya tiene { $chars }. Acórtala y vuelve a enviarla.
reading-ask-closed = Los comentarios de este artículo están cerrados, y las preguntas también.
reading-ask-banned-word = Tu pregunta contiene «{ $word }», que no está permitido aquí. Quítalo y vuelve a enviarla: tu texto se conserva abajo.
reading-ask-too-fast =
    { $wait ->
        [one] Estás enviando más de { $max } preguntas por minuto. Espera { $wait } segundo y vuelve a enviarla: tu texto se conserva abajo.
       *[other] Estás enviando más de { $max } preguntas por minuto. Espera { $wait } segundos y vuelve a enviarla: tu texto se conserva abajo.
    }

reading-search-title = Buscar
reading-search-page-title = Buscar: { $query }
reading-search-landmark = Buscar artículos
reading-search-for = Buscar
reading-search-section = Sección
reading-search-all-sections = Todas las secciones
reading-search-from = Desde
reading-search-to = Hasta
reading-search-order = Orden
reading-search-best-match = Más relevantes
reading-search-newest-first = Más recientes primero
reading-search-button = Buscar
reading-search-none = Ningún artículo coincide con «{ $query }».
reading-search-none-on-page = Ningún artículo coincide con «{ $query }» en la página { $page }.
reading-search-results = Resultados de «{ $query }»
reading-search-results-page = Resultados de «{ $query }», página { $page }
reading-search-try-again = Prueba con menos palabras o con otras, o quita los filtros.
reading-search-result-pages = Páginas de resultados
reading-search-previous = Resultados anteriores
reading-search-more = Más resultados
reading-search-help = Escribe algunas palabras de un titular, una noticia, un tema o el nombre de un autor. Pon una frase entre «comillas».
reading-search-bad-from = La fecha «Desde» debe tener la forma 2026-11-27; se ha ignorado «{ $value }».
reading-search-bad-to = La fecha «Hasta» debe tener la forma 2026-11-27; se ha ignorado «{ $value }».
reading-search-limit-chars = Solo se usaron los primeros { $max } caracteres de la búsqueda.
reading-search-limit-words = Solo se buscaron las primeras { $max } palabras (las palabras entre comillas también cuentan).
reading-search-limit-short-prefixes = Un * encuentra palabras más largas solo a partir de { $min } letras; las más cortas se buscaron como palabras completas.
reading-search-limit-prefixes = Solo las primeras { $max } palabras se buscaron como comienzos de palabra; las demás, como palabras completas.
reading-search-swapped = La fecha «Desde» era posterior a la fecha «Hasta», así que se intercambiaron.
reading-search-no-section = No hay ninguna sección «{ $section }», así que se buscó en todas.
reading-search-timeout = La búsqueda tardó demasiado y se detuvo. Prueba con menos palabras o más concretas, menos comienzos de palabra (*), una sección o un periodo más corto.
reading-search-nothing = La búsqueda no contiene letras ni cifras. Prueba con algunas palabras de la noticia.

reading-feed-latest = Lo último de { $title }
reading-feed-correction = Corrección, { $time }:

reading-newsletters-title = Boletines
reading-newsletters-subscribed = Te has suscrito.
reading-newsletters-left = Has cancelado la suscripción.
reading-newsletters-none = Todavía no hay boletines.
reading-newsletters-receiving = Recibes este boletín.
reading-newsletters-unsubscribe-from = Darse de baja de { $name }
reading-newsletters-unsubscribe = Darse de baja
reading-newsletters-subscribe-to = Suscribirse a { $name }
reading-newsletters-subscribe = Suscribirse
reading-newsletters-too-many =
    { $minutes ->
        [one] Se han pedido demasiadas suscripciones desde tu red en la última hora. Vuelve a intentarlo dentro de { $minutes } minuto.
       *[other] Se han pedido demasiadas suscripciones desde tu red en la última hora. Vuelve a intentarlo dentro de { $minutes } minutos.
    }
reading-newsletters-check-mail = Revisa tu correo: hemos enviado a { $email } un enlace para confirmar tu suscripción a { $newsletter }.
reading-newsletters-mail-subject = Confirma tu suscripción a { $newsletter }
reading-newsletters-mail-asked = Alguien (esperamos que tú) ha pedido recibir { $newsletter } de { $site } en esta dirección. Abre este enlace en las próximas 48 horas y pulsa «Confirmar suscripción»:
reading-newsletters-mail-ignore = El enlace funciona una sola vez. Si no lo has pedido, ignora este mensaje: sin confirmación no te enviaremos nada.
reading-confirm-title = Confirma tu suscripción
reading-confirm-done = Te has suscrito a { $newsletter }. La próxima edición te llegará por correo; cada edición incluye un enlace para darte de baja con un clic.
reading-confirm-sign-in-later = Para iniciar sesión más adelante, pide un <a>enlace de acceso por correo</a>.
reading-confirm-press = Pulsa el botón para recibir <strong>{ $newsletter }</strong> en <strong>{ $email }</strong>.
reading-confirm-button = Confirmar suscripción
reading-confirm-expired = Este enlace de confirmación ha caducado o ya se ha usado. Los enlaces funcionan una vez, durante 48 horas.
reading-confirm-again = Puedes volver a suscribirte en la <a>página de boletines</a>.
reading-unsubscribe-title = Darse de baja
reading-unsubscribe-newsletter-invalid = Este enlace para darse de baja no es válido. Con la sesión iniciada, puedes elegir tus boletines en la <a>página de boletines</a>.
reading-unsubscribe-newsletter-done = Hecho: ya no recibirás { $name }. Puedes volver a suscribirte en la <a>página de boletines</a>.
reading-unsubscribe-newsletter-ask = ¿Dejar de recibir { $name }?
reading-unsubscribe-button = Darse de baja
reading-edition-subscribe = Suscríbete a nuestros boletines

reading-unsubscribe-invalid = Este enlace para darse de baja no es válido. Con la sesión iniciada, puedes elegir qué correos te envía el sitio en <a>tus ajustes</a>.
reading-unsubscribe-done =
    { $kind ->
        [replies] Hecho: ya no recibirás correos cuando alguien responda a tus comentarios. Puedes volver a activarlo en <a>tus ajustes</a>.
        [mentions] Hecho: ya no recibirás correos cuando alguien te mencione en un comentario. Puedes volver a activarlo en <a>tus ajustes</a>.
        [digest] Hecho: ya no recibirás el resumen diario de respuestas y menciones. Puedes volver a activarlo en <a>tus ajustes</a>.
       *[queue-alert] Hecho: ya no recibirás avisos sobre la cola de moderación. Puedes volver a activarlos en <a>tus ajustes</a>.
    }
reading-unsubscribe-ask =
    { $kind ->
        [replies] ¿Dejar de recibir correos cuando alguien responda a tus comentarios?
        [mentions] ¿Dejar de recibir correos cuando alguien te mencione en un comentario?
        [digest] ¿Dejar de recibir el resumen diario de respuestas y menciones?
       *[queue-alert] ¿Dejar de recibir avisos sobre la cola de moderación?
    }
