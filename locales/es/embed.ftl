# La conversación integrada en otros sitios, su ventana de acceso y sus normas.

## La conversación integrada (/embed/thread)

embed-frame-title = Comentarios: { $title }
embed-comments-heading = Comentarios ({ $count })
embed-join-title = Únete a la conversación
embed-join = <a>Inicia sesión</a> para dar tu opinión y conversar con la comunidad.
embed-premoderated = Un moderador lee los comentarios antes de que se publiquen.
embed-no-comments = Todavía no hay comentarios
embed-be-first = ¡Sé el primero en opinar!
embed-sort-label = Ordenar comentarios
embed-signed-in-as = Sesión iniciada como { $name }
embed-your-data = Tus datos
embed-sign-out = Cerrar sesión
embed-source = La conversación sobre <a>esta página</a>.
embed-closed = Los comentarios están cerrados.
embed-closed-refusal = Los comentarios están cerrados: ya no se puede publicar nada.
embed-reply-invalid = El comentario al que respondes no es válido.
embed-honeypot = No se ha podido aceptar este comentario. Si eres una persona, deja vacío el campo oculto «Sitio web».

## Por qué se rechaza una integración (para quien desarrolla el sitio anfitrión)

embed-site-not-number = El sitio (data-site) debe ser el número que muestra /admin/sites.
embed-no-such-site = No hay ningún sitio { $id } registrado.
embed-page-not-address = La dirección de la página (data-page) no es una dirección http(s) completa.
embed-no-site-for-origin = Ningún sitio registrado permite la conversación en páginas de { $origin }.
embed-origin-refused = El sitio «{ $site }» no permite mostrar la conversación en páginas de { $origin }.

## La ventana de acceso (/embed/signin)

embed-signin-title = Sesión iniciada en la conversación
embed-signin-heading = Has iniciado sesión
embed-signin-as = Sesión iniciada como { $name } para la conversación en { $site }.
embed-signin-close = Si esta ventana no se cierra sola, ciérrala y vuelve a elegir «Iniciar sesión» en la conversación.
embed-signin-site-number = El sitio debe ser el número que muestra /admin/sites.
embed-signin-code-spent = Este acceso ha caducado o ya se usó. Vuelve a elegir «Iniciar sesión».
embed-signin-other-site = Este acceso era para la conversación de otro sitio. Vuelve a elegir «Iniciar sesión».

## Los sitios (/admin/sites)

embed-sites-title = Sitios
embed-admins-only = Solo los administradores pueden gestionar los sitios que integran la conversación.
embed-sites-intro = Sitios que muestran la conversación bajo sus propias páginas. Cada uno indica los orígenes cuyas páginas pueden integrarla (esquema, host y puerto, como { $example }); una página en otro lugar no tiene conversación. La clave de firma firma los tokens de acceso del propio sitio: se muestra una sola vez, al añadir el sitio o al sustituir su clave.
embed-secret-heading = Clave de firma de «{ $site }» (sitio { $id })
embed-secret-copy = Cópiala ahora: no se volverá a mostrar.
embed-add-site = Añadir un sitio
embed-site-name = Nombre
embed-site-origins = Orígenes permitidos
embed-site-origins-hint = Uno o varios, separados por espacios o saltos de línea. Solo https; http simple para localhost y 127.0.0.1.
embed-add-site-button = Añadir sitio
embed-registered-sites = Sitios registrados
embed-no-sites = Todavía no hay sitios.
embed-site-added = (sitio { $id }, añadido el { $date })
embed-site-origins-of = Orígenes permitidos de { $site }
embed-save-origins = Guardar orígenes
embed-replace-secret-label = Sustituir la clave de { $site }
embed-replace-secret = Sustituir clave
embed-snippet-intro = Pégalo bajo cada página, con la dirección y el título de esa página:
embed-count-snippet-intro = En las páginas de listado, el número de comentarios de cada página (una sola petición para todos los enlaces de una página):
embed-snippet-page-title = Título de tu página
embed-snippet-count-text = Comentarios
embed-default-policy = Norma de comentarios por defecto
embed-threads-of = Conversaciones de { $site }
embed-site-name-taken = Ya hay un sitio llamado «{ $name }»: elige otro nombre.
embed-site-origins-problem = Sitio { $id }: { $problem }

## Las conversaciones de un sitio y una conversación

embed-all-sites = Todos los sitios
embed-site-policy-intro = Cada conversación de { $site } sigue esta norma salvo que tenga una propia; lo que queda «como el ajuste general» sigue la norma de todo el sitio en los <a>ajustes de moderación</a>.
embed-threads = Conversaciones
embed-no-threads = Ninguna página ha cargado todavía la conversación.
embed-column-page = Página
embed-column-address = Dirección
embed-column-comments = Comentarios
embed-column-first-loaded = Primera carga
embed-thread-page-title = Conversación: { $title }
embed-thread-page = Página
embed-thread-site = Sitio
embed-thread-comments = Comentarios
embed-thread-comment-count = { $count } (<a>leer la conversación</a>; los retenidos y denunciados están en la <a>mesa de moderación</a>)
embed-thread-in-force = Norma vigente
embed-thread-own-policy = Norma propia de esta conversación
embed-thread-own-policy-intro = Lo que queda «como el ajuste general» sigue la norma por defecto del sitio.
embed-in-force-open = abiertos
embed-in-force-closed = cerrados
embed-in-force-premoderated = con moderación previa (cada comentario)
embed-in-force-premoderated-first = { $count ->
    [one] con moderación previa (el primer comentario aprobado de cada miembro)
   *[other] con moderación previa (los { $count } primeros comentarios aprobados de cada miembro)
}
embed-in-force-closed-since = { $mode }; cerrados desde el { $date }
embed-in-force-closes = { $mode }; se cierran el { $date }

## El formulario de la norma

embed-policy-site = Comentarios en { $site }
embed-policy-thread = Comentarios en esta conversación
embed-policy-save-site = Guardar la norma de { $site }
embed-policy-save-thread = Guardar la norma de esta conversación
embed-policy-inherit = Como el ajuste general
embed-policy-open = Abiertos
embed-policy-premoderated = Con moderación previa
embed-policy-closed = Cerrados
embed-policy-first = Moderar antes solo los N primeros comentarios aprobados de cada miembro (vacío: todos)
embed-policy-days = Cerrar tantos días después de la primera carga de la página (vacío: como el ajuste general; 0: nunca)
embed-policy-save = Guardar norma
