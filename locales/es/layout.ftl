# El marco común de todas las páginas: cabecera, navegación, pie.

skip-link = Ir al contenido principal
search-landmark = Sitio
search-label = Buscar
search-placeholder = Buscar
sections-nav = Secciones
nav-newsroom = Redacción
nav-moderation = Moderación
nav-admin = Administración
nav-settings = Ajustes
nav-sign-out = Cerrar sesión
nav-sign-in = Iniciar sesión
nav-create-account = Crear cuenta
footer-tagline = <a>{ $site }</a>: noticias, análisis y opinión, con una conversación bajo cada artículo.
footer-demo = El contenido de demostración de este sitio es ficticio.
site-description = Las últimas noticias, análisis y opinión, con una conversación bajo cada artículo.
