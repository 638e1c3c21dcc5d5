# رفض مكتبة الوسائط وأحجامها، وفحوص النشرات البريدية (المعرّفات `nlm-`).

## الأحجام
nlm-size-kb = { $size } كيلوبايت
nlm-size-mb = { $size } ميغابايت

## رفع صورة
nlm-upload-too-large = حجم الملف أكبر من { $size }، وهو أقصى ما يقبله هذا الموقع للصورة. صغّر الملف (نادرًا ما تحتاج الصورة الفوتوغرافية إلى أكثر من 4000 بكسل عرضًا) ثم ارفعه من جديد.
nlm-upload-too-large-early = حجم الملف أكبر من { $size }، وهو أقصى ما يقبله هذا الموقع للصورة. صغّر الملف ثم ارفعه من جديد.
nlm-upload-garbled = وصل الملف ناقصًا أو تالفًا. اختر الملف من جديد وأرسل النموذج مرة أخرى.
nlm-upload-one-at-a-time = ارفع صورة واحدة في كل مرة.
nlm-upload-field-too-long = الحقل «{ $field }» أطول من اللازم.
nlm-upload-not-multipart = أرسل نموذج الرفع بصيغة multipart/form-data، والملف في حقله `file`.
nlm-upload-not-stored = تعذّر حفظ الصورة. حاول مرة أخرى.
nlm-upload-store-failed = تعذّر حفظ الصورة الآن، ولم يُحفظ منها شيء. حاول مرة أخرى بعد قليل.
nlm-storage-down = مخزن الصور غير متاح الآن. حاول مرة أخرى بعد قليل.
nlm-image-unavailable = تعذّر جلب هذه الصورة الآن. حاول مرة أخرى بعد قليل.
nlm-former-member = عضو سابق

## لماذا رُفضت الصورة
nlm-image-empty = الملف فارغ. اختر ملف صورة ثم ارفعه من جديد.
nlm-image-gif = صور GIF غير مقبولة. احفظ الصورة بصيغة JPEG أو PNG أو WebP وارفع ذلك الملف.
nlm-image-svg = رسوم SVG غير مقبولة (فقد تحمل نصوصًا برمجية). صدّر الرسم بصيغة PNG وارفع ذلك الملف.
nlm-image-not-an-image = هذا الملف ليس صورة يستطيع الموقع قراءتها: محتواه ليس JPEG ولا PNG ولا WebP مهما كان اسمه. ارفع ملف JPEG أو PNG أو WebP.
nlm-image-no-pixels = لا تعلن الصورة عن أي بكسل (عرضها 0 أو ارتفاعها 0): الملف تالف. صدّره من جديد وارفع الملف الجديد.
nlm-image-limits = { $side } بكسل على الأكثر لكل ضلع و{ $megapixels } ميغابكسل
nlm-image-too-large = أبعاد الصورة { $dimensions } بكسل، وهي أكبر من أن تُعالَج: يقبل الموقع { $limits }. غيّر حجمها ثم ارفعها من جديد.
nlm-image-too-large-to-decode = الصورة أكبر من أن تُعالَج: يقبل الموقع { $limits }. غيّر حجمها ثم ارفعها من جديد.
nlm-image-truncated = ينتهي الملف قبل أن تنتهي الصورة: ملف { $kind } هذا مبتور، ربما أثناء نسخه أو رفعه. صدّره أو نزّله من جديد وارفع الملف الجديد.
nlm-image-unsupported = يستخدم ملف { $kind } هذا ميزة لا يستطيع الموقع قراءتها. افتحه في برنامج لتحرير الصور، وصدّره من جديد بصيغة JPEG أو PNG أو WebP عادية، وارفع ذلك الملف.
nlm-image-damaged = تعذّرت قراءة الملف بصيغة { $kind }: إما أنه تالف، وإما أنه ليس { $kind } فعلًا رغم بايتاته الأولى. صدّره من جديد وارفع الملف الجديد.
nlm-image-not-encoded = قُرئت الصورة لكن تعذّر حفظها من جديد. حاول مرة أخرى؛ وإن تكرر الفشل فصدّرها بصيغة JPEG وارفع ذلك الملف.
nlm-image-failed = تعذّرت معالجة هذه الصورة. صدّرها من جديد وارفع الملف الجديد.
nlm-image-shutting-down = الخادم يتوقف الآن؛ حاول مرة أخرى بعد قليل.

## النشرات البريدية وإصداراتها
nlm-editors-only = لا يدير النشرات البريدية إلا المحررون والمديرون.
nlm-name-required = الاسم مطلوب.
nlm-sender-required = اسم المرسل مطلوب.
nlm-subject-required = الموضوع مطلوب.
nlm-description-required = الوصف مطلوب.
nlm-intro-required = المقدمة مطلوبة.
nlm-name-too-long = لا يتجاوز الاسم { $max ->
        [zero] { $max } حرف
        [one] حرفًا واحدًا
        [two] حرفين
        [few] { $max } أحرف
        [many] { $max } حرفًا
       *[other] { $max } حرف
    }.
nlm-description-too-long = لا يتجاوز الوصف { $max ->
        [zero] { $max } حرف
        [one] حرفًا واحدًا
        [two] حرفين
        [few] { $max } أحرف
        [many] { $max } حرفًا
       *[other] { $max } حرف
    }.
nlm-sender-too-long = لا يتجاوز اسم المرسل { $max ->
        [zero] { $max } حرف
        [one] حرفًا واحدًا
        [two] حرفين
        [few] { $max } أحرف
        [many] { $max } حرفًا
       *[other] { $max } حرف
    }.
nlm-subject-too-long = لا يتجاوز الموضوع { $max ->
        [zero] { $max } حرف
        [one] حرفًا واحدًا
        [two] حرفين
        [few] { $max } أحرف
        [many] { $max } حرفًا
       *[other] { $max } حرف
    }.
nlm-intro-too-long = لا تتجاوز المقدمة { $max ->
        [zero] { $max } حرف
        [one] حرفًا واحدًا
        [two] حرفين
        [few] { $max } أحرف
        [many] { $max } حرفًا
       *[other] { $max } حرف
    }.
nlm-sender-chars = لا يجوز أن يحتوي اسم المرسل على فواصل أسطر ولا على الرموز < > " \.
nlm-hour-range = يجب أن تكون الساعة من 0 إلى 23.
nlm-subject-one-line = يجب أن يكون الموضوع سطرًا واحدًا.
nlm-slug-too-long = لا يتجاوز المعرّف المختصر للمقال { $max ->
        [zero] { $max } حرف
        [one] حرفًا واحدًا
        [two] حرفين
        [few] { $max } أحرف
        [many] { $max } حرفًا
       *[other] { $max } حرف
    }.
nlm-too-many-articles = لا يحمل الإصدار أكثر من { $max ->
        [zero] { $max } مقال
        [one] مقال واحد
        [two] مقالين
        [few] { $max } مقالات
        [many] { $max } مقالًا
       *[other] { $max } مقال
    }.
nlm-name-taken = توجد نشرة بريدية باسم «{ $name }» بالفعل.
nlm-no-published-article = لا يوجد مقال منشور معرّفه المختصر «{ $slug }».
nlm-edition-sent = أُرسل هذا الإصدار: لم يعد تعديله ممكنًا.
nlm-embed-thumbnail-alt = صورة مصغّرة للمحتوى المضمَّن
