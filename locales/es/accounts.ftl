field-email = Correo electrónico
field-password = Contraseña
field-display-name = Nombre público

signin-title = Iniciar sesión
signin-button = Iniciar sesión
signin-forgotten = ¿Has olvidado tu contraseña?
signin-link-instead = Prefiero recibir un enlace de acceso por correo
signin-with-sso = Iniciar sesión con { $provider }
signin-new-here = ¿Eres nuevo?
signin-create-link = Crea una cuenta

signup-title = Crear una cuenta
signup-standfirst = Únete a la conversación bajo cada artículo.
signup-password-hint = Al menos 10 caracteres. Unas cuantas palabras sin relación entre sí forman una contraseña segura.
signup-notify = Avisarme por correo cuando alguien me responda o me mencione
signup-honeypot = Sitio web
signup-button = Crear cuenta
signup-mail-note = Te enviaremos un enlace para confirmar tu dirección; la cuenta se crea cuando lo abras.
signup-already-member = ¿Ya tienes cuenta?
signup-sign-in-link = Inicia sesión
signup-sent-title = Revisa tu correo
signup-sent = Hemos enviado un mensaje a <strong>{ $email }</strong>. Abre el enlace que contiene en las próximas 24 horas para terminar de crear tu cuenta. Si no ha llegado en unos minutos, mira en la carpeta de spam.
signup-sent-wrong = ¿Te has equivocado de dirección? <a>Empieza de nuevo</a>. ¿Ya tienes cuenta? <a>Inicia sesión</a>.

signup-confirm-title = Crea tu cuenta
signup-confirm-intro = Pulsa el botón para crear tu cuenta para <strong>{ $email }</strong> e iniciar sesión.
signup-confirm-button = Crear cuenta
signup-confirm-taken = Ya existe una cuenta con esta dirección de correo: se creó después de enviar este enlace, así que no se ha creado una segunda.
signup-confirm-taken-next = <a>Inicia sesión</a> o <a>elige una contraseña nueva</a> si la has olvidado.
signup-confirm-expired = Este enlace de registro ha caducado o ya se ha usado. Los enlaces funcionan una sola vez, durante 24 horas.
signup-confirm-expired-next = Si ya lo usaste, tu cuenta existe: <a>inicia sesión</a>. Si no, <a>regístrate de nuevo</a>.

reset-title = Restablecer la contraseña
reset-sent = Si alguna cuenta usa esa dirección, va de camino un enlace para elegir una contraseña nueva. Funciona una sola vez, durante una hora.
reset-button = Enviar el enlace
reset-new-title = Elige una contraseña nueva
reset-new-hint = Al menos 10 caracteres. Al guardarla se cerrarán todas tus sesiones, se revocarán todos tus tokens de API y se anularán los demás enlaces de acceso o de restablecimiento que te hayamos enviado.
reset-new-button = Guardar la contraseña nueva
reset-expired = Este enlace ha caducado o ya se ha usado. <a>Pide uno nuevo</a>.

signin-link-title = Acceder por correo
signin-link-sent = Si alguna cuenta usa esa dirección, va de camino un enlace de acceso. Funciona una sola vez, durante 15 minutos.
signin-link-intro = Te enviaremos un enlace que te permite entrar sin contraseña.
signin-link-button = Enviarme un enlace de acceso
signin-link-password = Iniciar sesión con contraseña
signin-link-confirm-intro = Pulsa el botón para iniciar sesión con la cuenta a la que se envió este enlace.
signin-link-expired = Este enlace de acceso ha caducado o ya se ha usado. Los enlaces funcionan una sola vez, durante 15 minutos.
signin-link-expired-next = <a>Pide un enlace nuevo</a> o <a>inicia sesión con tu contraseña</a>.

verify-title = Confirma tu dirección de correo
verify-done = Gracias: tu dirección de correo está confirmada. Puedes elegir qué te envía el sitio en <a>tus ajustes</a>.
verify-expired = Este enlace ha caducado o ya se ha usado. Con la sesión iniciada, puedes pedir uno nuevo en <a>tus ajustes</a>.

signup-sent-page-title = Revisa tu correo
signin-password-changed = Tu contraseña se ha cambiado. Inicia sesión con la nueva.
signin-mismatch = Esa dirección de correo y esa contraseña no corresponden a ninguna cuenta. Revísalas e inténtalo de nuevo.
signin-throttled = Demasiados intentos fallidos de inicio de sesión. Espera { $seconds ->
    [one] un segundo
   *[other] { $seconds } segundos
} e inténtalo de nuevo, o restablece tu contraseña.
signup-honeypot-filled = No se ha podido aceptar este formulario. Si eres una persona, deja vacío el campo oculto «Sitio web».
signup-too-many = Se han creado demasiadas cuentas desde tu red en la última hora. Inténtalo de nuevo dentro de { $minutes ->
    [one] un minuto
   *[other] { $minutes } minutos
}.
reset-too-many = Ha habido demasiados intentos de elegir una contraseña nueva desde tu red en la última hora. Inténtalo de nuevo dentro de { $minutes ->
    [one] un minuto
   *[other] { $minutes } minutos
}.
form-email-needed = Escribe la dirección de correo de tu cuenta, por ejemplo nombre@example.org.
signin-link-too-many = Se han pedido demasiados enlaces de acceso en la última hora. Usa el último que hayas recibido o inténtalo de nuevo dentro de { $minutes ->
    [one] un minuto
   *[other] { $minutes } minutos
}.
sso-denied = Se ha cancelado el inicio de sesión con { $provider }. Inténtalo de nuevo o inicia sesión con tu contraseña.
sso-expired = El inicio de sesión con { $provider } tardó demasiado o se empezó en otro navegador. Inténtalo de nuevo.
sso-state = La respuesta de { $provider } no correspondía al inicio de sesión que empezó este navegador, así que se ha rechazado. Inténtalo de nuevo desde esta página.
sso-unverified = { $provider } no ha verificado la dirección de correo de tu cuenta allí, así que no puede iniciar tu sesión aquí. Verifica antes la dirección en { $provider } o inicia sesión con tu contraseña.
sso-unavailable = No se puede contactar con { $provider } en este momento. Inténtalo de nuevo en unos minutos o inicia sesión con tu contraseña o con un enlace por correo.
sso-failed = { $provider } no ha podido iniciar tu sesión. Inténtalo de nuevo o inicia sesión con tu contraseña o con un enlace por correo.

user-invalid-email = Escribe una dirección de correo como nombre@example.org.
user-email-too-long = La dirección de correo supera los 254 caracteres.
user-password-too-short = La contraseña debe tener al menos 10 caracteres.
user-password-too-long = La contraseña no puede superar los 1024 caracteres.
name-empty = Escribe un nombre público: aparece junto a tus comentarios.
name-too-long = El nombre público no puede superar los 60 caracteres.
name-control = El nombre público no puede contener caracteres de control.
name-reserved = Ese nombre público está reservado.
