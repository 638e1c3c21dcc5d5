# Die Ablehnungen und Größen der Mediathek und die Prüfungen der Newsletter (IDs `nlm-`).

## Größen
nlm-size-kb = { $size } KB
nlm-size-mb = { $size } MB

## Ein Bild hochladen
nlm-upload-too-large = Die Datei ist größer als die { $size }, die diese Website für ein Bild annimmt. Verkleinern Sie sie (ein Foto braucht selten mehr als 4000 Pixel in der Breite) und laden Sie sie erneut hoch.
nlm-upload-too-large-early = Die Datei ist größer als die { $size }, die diese Website für ein Bild annimmt. Verkleinern Sie sie und laden Sie sie erneut hoch.
nlm-upload-garbled = Der Upload kam unvollständig oder beschädigt an. Bitte wählen Sie die Datei aus und senden Sie das Formular erneut.
nlm-upload-one-at-a-time = Laden Sie bitte nur ein Bild auf einmal hoch.
nlm-upload-field-too-long = Das Feld „{ $field }“ ist zu lang.
nlm-upload-not-multipart = Senden Sie das Upload-Formular als multipart/form-data, mit der Datei im Feld `file`.
nlm-upload-not-stored = Das Bild konnte nicht gespeichert werden. Bitte versuchen Sie es erneut.
nlm-upload-store-failed = Das Bild konnte gerade nicht gespeichert werden, es wurde nichts übernommen. Bitte versuchen Sie es gleich noch einmal.
nlm-storage-down = Der Bildspeicher ist gerade nicht erreichbar. Bitte versuchen Sie es gleich noch einmal.
nlm-image-unavailable = Dieses Bild kann gerade nicht abgerufen werden. Bitte versuchen Sie es gleich noch einmal.
nlm-former-member = einem ehemaligen Mitglied

## Warum ein Bild abgelehnt wurde
nlm-image-empty = Die Datei ist leer. Wählen Sie eine Bilddatei und laden Sie sie erneut hoch.
nlm-image-gif = GIF-Bilder werden nicht angenommen. Speichern Sie das Bild als JPEG, PNG oder WebP und laden Sie diese Datei hoch.
nlm-image-svg = SVG-Grafiken werden nicht angenommen (sie können Skripte enthalten). Exportieren Sie die Grafik als PNG und laden Sie diese Datei hoch.
nlm-image-not-an-image = Diese Datei ist kein Bild, das die Website lesen kann: Ihr Inhalt ist weder JPEG noch PNG noch WebP, ganz gleich, wie sie heißt. Laden Sie eine JPEG-, PNG- oder WebP-Datei hoch.
nlm-image-no-pixels = Das Bild gibt keine Pixel an (0 breit oder 0 hoch): Die Datei ist beschädigt. Exportieren Sie sie erneut und laden Sie die neue Datei hoch.
nlm-image-limits = höchstens { $side } Pixel pro Seite und { $megapixels } Megapixel
nlm-image-too-large = Das Bild hat { $dimensions } Pixel und ist zu groß für die Verarbeitung: Die Website nimmt { $limits } an. Verkleinern Sie es und laden Sie es erneut hoch.
nlm-image-too-large-to-decode = Das Bild ist zu groß für die Verarbeitung: Die Website nimmt { $limits } an. Verkleinern Sie es und laden Sie es erneut hoch.
nlm-image-truncated = Die Datei endet vor dem Bild: Diese { $kind }-Datei wurde abgeschnitten, vielleicht beim Kopieren oder Hochladen. Exportieren oder laden Sie sie erneut herunter und laden Sie die neue Datei hoch.
nlm-image-unsupported = Diese { $kind }-Datei nutzt eine Funktion, die die Website nicht lesen kann. Öffnen Sie sie in einem Bildbearbeitungsprogramm, exportieren Sie sie als gewöhnliches JPEG, PNG oder WebP und laden Sie diese Datei hoch.
nlm-image-damaged = Die Datei konnte nicht als { $kind } gelesen werden: Sie ist beschädigt oder trotz ihrer ersten Bytes gar kein { $kind }. Exportieren Sie sie erneut und laden Sie die neue Datei hoch.
nlm-image-not-encoded = Das Bild wurde gelesen, konnte aber nicht neu gespeichert werden. Bitte versuchen Sie es noch einmal; klappt es weiterhin nicht, exportieren Sie es als JPEG und laden Sie das hoch.
nlm-image-failed = Dieses Bild konnte nicht verarbeitet werden. Exportieren Sie es erneut und laden Sie die neue Datei hoch.
nlm-image-shutting-down = Der Server wird gerade heruntergefahren. Versuchen Sie es gleich noch einmal.

## Newsletter und Ausgaben
nlm-editors-only = Nur Redakteure und Administratoren verwalten Newsletter.
nlm-name-required = Der Name ist erforderlich.
nlm-sender-required = Der Absendername ist erforderlich.
nlm-subject-required = Der Betreff ist erforderlich.
nlm-description-required = Die Beschreibung ist erforderlich.
nlm-intro-required = Die Einleitung ist erforderlich.
nlm-name-too-long = Der Name darf höchstens { $max ->
        [one] ein Zeichen
       *[other] { $max } Zeichen
    } lang sein.
nlm-description-too-long = Die Beschreibung darf höchstens { $max ->
        [one] ein Zeichen
       *[other] { $max } Zeichen
    } lang sein.
nlm-sender-too-long = Der Absendername darf höchstens { $max ->
        [one] ein Zeichen
       *[other] { $max } Zeichen
    } lang sein.
nlm-subject-too-long = Der Betreff darf höchstens { $max ->
        [one] ein Zeichen
       *[other] { $max } Zeichen
    } lang sein.
nlm-intro-too-long = Die Einleitung darf höchstens { $max ->
        [one] ein Zeichen
       *[other] { $max } Zeichen
    } lang sein.
nlm-sender-chars = Der Absendername darf keine Zeilenumbrüche und keines der Zeichen < > " \ enthalten.
nlm-hour-range = Die Stunde muss zwischen 0 und 23 liegen.
nlm-subject-one-line = Der Betreff muss in eine Zeile passen.
nlm-slug-too-long = Der Slug eines Artikels hat höchstens { $max ->
        [one] ein Zeichen
       *[other] { $max } Zeichen
    }.
nlm-too-many-articles = Eine Ausgabe enthält höchstens { $max ->
        [one] einen Artikel
       *[other] { $max } Artikel
    }.
nlm-name-taken = Es gibt bereits einen Newsletter namens „{ $name }“.
nlm-no-published-article = Kein veröffentlichter Artikel hat den Slug „{ $slug }“.
nlm-edition-sent = Diese Ausgabe wurde schon versandt und kann nicht mehr geändert werden.
nlm-embed-thumbnail-alt = Vorschaubild des eingebetteten Inhalts
