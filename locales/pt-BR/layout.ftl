# A moldura comum a todas as páginas: cabeçalho, navegação, rodapé.

skip-link = Ir para o conteúdo principal
search-landmark = Site
search-label = Buscar
search-placeholder = Buscar
sections-nav = Editorias
nav-newsroom = Redação
nav-moderation = Moderação
nav-admin = Administração
nav-settings = Configurações
nav-sign-out = Sair
nav-sign-in = Entrar
nav-create-account = Criar conta
footer-tagline = <a>{ $site }</a> — notícias, análises e opinião, com uma conversa embaixo de cada reportagem.
footer-demo = O conteúdo de demonstração deste site é fictício.
site-description = As últimas notícias, análises e opinião, com uma conversa embaixo de cada reportagem.
