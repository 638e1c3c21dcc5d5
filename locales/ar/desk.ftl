# The moderation desk and the site's administration: users, log, webhooks, sites, tokens.

## Shared words

desk-link-dashboard = لوحة التحكم
desk-link-questions = أسئلة القرّاء
desk-link-members = الأعضاء
desk-link-policies = السياسات وقوائم الكلمات
desk-link-log = سجل التدقيق
desk-link-desk = مكتب الإشراف
desk-link-role-changes = تغييرات الأدوار
desk-forbidden = لا يسمح دورك بهذا: اطلب ذلك من أحد المديرين إن احتجت إليه.
desk-yes = نعم
desk-no = لا
desk-reason = السبب
desk-note = ملاحظة
desk-status = الحالة
desk-undo = تراجع
desk-undone = (تم التراجع)
desk-days = { $count ->
    [zero] { $count } يوم
    [one] يوم واحد
    [two] يومان
    [few] { $count } أيام
    [many] { $count } يومًا
   *[other] { $count } يوم
}

## The desk (/admin/moderation)

desk-title = الإشراف
desk-queues = قوائم الانتظار
desk-queue-pending = بانتظار المراجعة
desk-queue-reported = مُبلَّغ عنها
desk-queue-flagged = مُعلَّمة تلقائيًا
desk-order = الترتيب:
desk-order-priority = الأولوية
desk-order-oldest = الأقدم أولًا
desk-keys = لوحة المفاتيح:
desk-keys-move = التالي والسابق
desk-keys-approve = قبول
desk-keys-reject = رفض (بالسبب المختار)
desk-keys-select = تحديد.
desk-queue-empty = لا شيء ينتظر في «{ $queue }». أحسنت.
desk-with-selected = مع التعليقات المحددة
desk-approve-selected = اقبل المحدد
desk-reject-selected = ارفض المحدد
desk-first-hundred = تُعرض أول 100 فقط؛ احسم أمرها لترى المزيد.
desk-comment-by = تعليق من { $author }
desk-comment-on = على
desk-editors-pick = اختيار المحرّرين
desk-why-held = سبب الحجز
desk-spam-score = درجة الإزعاج
desk-not-scored = لم يُقيَّم بعد
desk-author = الكاتب
desk-trust-level = مستوى الثقة
desk-reports = البلاغات
desk-report-uncounted = (من عضو جديد: لا يُحتسب للإخفاء)
desk-report-double = (من عضو موثوق: يُحتسب مرتين)
desk-in-reply-to = ردًّا على { $name }: { $text }
desk-deleted-author = [محذوف]
desk-earlier-decisions = قرارات سابقة ({ $count })
desk-decision-by = { $what } بواسطة { $by }
desk-approve = اقبل
desk-reject = ارفض
desk-pin = ثبّت كاختيار المحرّرين
desk-unpin = ألغِ التثبيت
desk-ban-for = احظر لمدة
desk-ban-good = دائمًا
desk-ban-author = احظر الكاتب
desk-record-published = { $count } منشور
desk-record-waiting = { $count } بالانتظار
desk-record-rejected = { $count } مرفوض
desk-record-deleted = { $count } محذوف
desk-member-since = عضو منذ { $day }
desk-banned-for-good = محظور نهائيًا
desk-banned-until = محظور حتى { $day }

desk-status-visible = ظاهر للقرّاء
desk-status-held = محجوز
desk-status-rejected = مرفوض
desk-status-deleted = محذوف

desk-held-premoderation = إشراف مسبق
desk-held-first-comment = أول تعليق من عضو جديد
desk-held-link = رابط من عضو جديد
desk-held-suspect-word = كلمة مشبوهة
desk-held-spam = مرشّح الإزعاج
desk-held-reports = أُخفي بعد بلاغات

desk-reject-spam = إزعاج أو إعلان
desk-reject-abuse = مسيء أو يحض على الكراهية أو هجوم شخصي
desk-reject-off-topic = خارج الموضوع
desk-reject-personal = يكشف معلومات شخصية عن أحد
desk-reject-other = يخالف إرشادات المجتمع
desk-rejection-with-note = { $reason }: { $note }

desk-trust-new = جديد
desk-trust-member = عضو
desk-trust-trusted = موثوق

desk-why-premoderated-first = إشراف مسبق: واحد من أول { $count } تعليقات للعضو
desk-why-premoderated = إشراف مسبق: كل تعليق هنا ينتظر
desk-why-first-comment = أول تعليق من عضو جديد
desk-why-first-link = أول رابط من عضو جديد
desk-why-link = رابط من عضو (المستوى: { $level }) له تعليقات مقبولة قليلة
desk-why-suspect-word = كلمة مشبوهة: { $word }
desk-why-suspect = كلمة مشبوهة
desk-why-spam-score = درجة الإزعاج { $score }
desk-why-spam = مرشّح الإزعاج
desk-why-reports-weighing = أُخفي بعد بلاغات وزنها { $weight }
desk-why-reports = أُخفي بعد بلاغات
desk-why-edited = عُدّل بعد النشر؛ { $why }

desk-did-approve = قُبل
desk-did-reject = رُفض
desk-did-pin = ثُبّت كاختيار المحرّرين
desk-did-unpin = أُلغي تثبيته
desk-did-auto-hide = أُخفي بعد بلاغات
desk-did-ban = حُظر
desk-did-unban = رُفع الحظر
desk-did-role = تغيّر الدور
desk-did-question-approve = قُبل السؤال
desk-did-question-reject = رُفض السؤال
desk-did-undo = تم التراجع
desk-did-policy = تغيّرت سياسة التعليقات
desk-did-words = تغيّرت قوائم الكلمات
desk-did-settings = تغيّرت الإعدادات
desk-did-other = تغيّر

desk-done-items = { $count ->
    [zero] لا عناصر: { $what }
    [one] عنصر واحد: { $what }
    [two] عنصران: { $what }
    [few] { $count } عناصر: { $what }
    [many] { $count } عنصرًا: { $what }
   *[other] { $count } عنصر: { $what }
}
desk-done = تم: { $list }.
desk-not-changed = لم يتغيّر: { $list }.
desk-refuse-action = لم يُفهم إجراء هذا الزر؛ أعد تحميل الصفحة.
desk-refuse-comment = لم يُفهم تعليق هذا الزر؛ أعد تحميل الصفحة.
desk-refuse-none-selected = حدّد تعليقًا واحدًا على الأقل أولًا، ثم اختر إجراءً.
desk-refuse-too-many = تعامل مع { $count } تعليق على الأكثر في المرة الواحدة.
desk-refuse-ban = لا يسمح دورك بالحظر.
desk-refuse-reason = اختر سببًا للرفض: سيقرؤه الكاتب.
desk-refuse-unknown = اختر القبول أو الرفض أو التثبيت أو الحظر.

desk-undone-count = { $count ->
    [zero] لم يُتراجع عن أي إجراء.
    [one] تم التراجع عن إجراء واحد.
    [two] تم التراجع عن إجراءين.
    [few] تم التراجع عن { $count } إجراءات.
    [many] تم التراجع عن { $count } إجراءً.
   *[other] تم التراجع عن { $count } إجراء.
}
desk-not-undone = لم يُتراجع عن: { $list }.
desk-undo-no-entry = #{ $id } غير موجود
desk-undo-missing = #{ $id }: غير موجود
desk-undo-role = #{ $id }: لا يسمح دورك بالتراجع عن هذا
desk-undo-already = #{ $id }: سبق التراجع عنه
desk-undo-settings = #{ $id }: تعديل للإعدادات؛ غيّرها مجددًا بدلًا من ذلك
desk-undo-changed = #{ $id }: غيّره قرار آخر منذ ذلك الحين؛ تراجع عن ذلك القرار أولًا

## The audit log (/admin/moderation/log)

desk-log-title = سجل التدقيق
desk-log-action = الإجراء
desk-log-any = الكل
desk-log-by-member = من العضو رقم
desk-log-comment = رقم التعليق
desk-log-about-member = بخصوص العضو رقم
desk-log-filter = صفِّ
desk-log-none = لا شيء مسجّل يطابق ذلك.
desk-log-when = متى
desk-log-who = من
desk-log-what = ماذا
desk-log-about = بخصوص
desk-log-why = لماذا
desk-undo-entry = تراجع عن #{ $id }
desk-log-older = إدخالات أقدم
desk-log-comment-by = التعليق #{ $id } من { $name }
desk-log-comment-number = التعليق #{ $id }
desk-log-member = العضو { $name }
desk-action-approve = قبول
desk-action-reject = رفض
desk-action-pin = تثبيت
desk-action-unpin = إلغاء التثبيت
desk-action-auto-hide = إخفاء تلقائي
desk-action-ban = حظر
desk-action-unban = رفع الحظر
desk-action-undo = تراجع
desk-action-role = دور
desk-action-policy = سياسة
desk-action-words = كلمات
desk-action-settings = إعدادات

## Members (/admin/users)

desk-users-title = الأعضاء
desk-users-search = الاسم أو البريد الإلكتروني يحتوي على
desk-users-find = ابحث
desk-users-none = لا أعضاء مطابقين.
desk-users-member = العضو
desk-users-role = الدور
desk-users-conversation = النقاش
desk-users-joined = انضم في
desk-users-role-of = دور { $name }
desk-users-set-role-of = عيّن دور { $name }
desk-users-set-role = عيّن الدور
desk-users-ban-for = احظر { $name } لمدة
desk-users-lift = ارفع الحظر
desk-for-good = نهائيًا
desk-users-apply-to = طبّق على { $name }
desk-users-apply = طبّق
desk-users-more = مزيد من الأعضاء
desk-users-banned-for-good = محظور نهائيًا
desk-users-banned-until = محظور حتى { $day }
desk-users-own-role = لا يمكنك تغيير دورك بنفسك؛ اطلب ذلك من مدير آخر.
desk-users-role-set = عُيّن الدور: { $role }.
desk-users-ban-lifted = رُفع الحظر.
desk-users-banned = حُظر العضو.
desk-role-member = عضو
desk-role-contributor = مساهم
desk-role-moderator = مشرف
desk-role-editor = محرّر
desk-role-admin = مدير

## Moderation settings (/admin/moderation/settings)

desk-settings-title = إعدادات الإشراف
desk-settings-site = على مستوى الموقع
desk-settings-comments = التعليقات
desk-settings-open = مفتوحة
desk-settings-premoderated = بإشراف مسبق
desk-settings-closed = مغلقة
desk-settings-first = أخضع للإشراف المسبق أول N تعليقات مقبولة للعضو فقط (فارغ: الكل)
desk-settings-close = أغلق التعليقات بعد هذا العدد من الأيام من النشر (0: أبدًا)
desk-settings-link-hold = احجز روابط الأعضاء الذين لديهم تعليقات مقبولة أقل من
desk-settings-report-threshold = أخفِ التعليق للمراجعة عند هذا العدد من البلاغات (0: أبدًا)
desk-settings-reporters-hint = كل بلاغ يصل إلى مكتب الإشراف؛ لكن بلاغات الأعضاء الراسخين وحدها تُحتسب لإخفاء تعليق، وبلاغات الموثوقين تُحتسب مرتين. بلاغات فريق التحرير تُحتسب دائمًا. الإعدادات الثلاثة التالية هي عتبة ثقة القرّاء: العضو الذي لا يبلغها يُعدّ
desk-settings-reporters-new = جديدًا
desk-settings-reporters-links = (تنتظر روابطه المراجعة).
desk-settings-report-verified = احتسب البلاغات فقط من الأعضاء الذين أكّدوا بريدهم الإلكتروني
desk-settings-report-days = احتسب البلاغات فقط من حسابات عمرها هذا العدد من الأيام على الأقل
desk-settings-report-approved = احتسب البلاغات فقط من أعضاء لديهم هذا العدد من التعليقات المقبولة على الأقل
desk-settings-spam-threshold = احجز التعليقات التي تبلغ درجة الإزعاج فيها على الأقل
desk-settings-spam-trained = يتعلّم مرشّح الإزعاج من قرارات المشرفين: { $spam } تعليقًا تعلّمها كإزعاج، و{ $ham } كغير إزعاج.
desk-settings-banned = كلمات محظورة (واحدة في كل سطر؛ تُرفض التعليقات التي تحتويها)
desk-settings-suspect = كلمات مشبوهة (واحدة في كل سطر؛ تنتظر التعليقات التي تحتويها المراجعة)
desk-settings-matching = تتجاهل المطابقة حالة الأحرف والتشكيل، وتكشف الأحرف المتشابهة (0 بدل o، و@ بدل a) والحروف المتباعدة أو المنقّطة أو الممطوطة، ولا تطابق إلا كلمات كاملة.
desk-settings-save = احفظ الإعدادات
desk-settings-saved = حُفظت الإعدادات.
desk-trust-hold-first = احجز أول تعليق للعضو الجديد للمراجعة
desk-trust-days = ثق بالأعضاء الذين يبلغ عمر حساباتهم هذا العدد من الأيام على الأقل
desk-trust-approved = … ولديهم هذا العدد من التعليقات المقبولة على الأقل
desk-trust-hint = للأعضاء الموثوقين عنوان مؤكَّد ولا رفض حديث لهم؛ لا تُحجز روابطهم أبدًا وتُحتسب بلاغاتهم مرتين.
desk-trust-demote-after = أعد العضو جديدًا بعد هذا العدد من التعليقات المرفوضة (0: أبدًا)
desk-trust-demote-window = … خلال هذا العدد من الأيام
desk-trust-demote-hint = يكفي رفض واحد خلال هذه المدة ليفقد العضو صفة الموثوق.

desk-policy-title = قسم أو مقال
desk-policy-for = لـ
desk-policy-a-section = قسم
desk-policy-an-article = مقال
desk-policy-target = عنوان القسم أو المقال (مثل { $example }، أو للمقال الجزء الذي يلي /articles/)
desk-policy-inherit = كالإعداد الأعم
desk-policy-close = أغلق بعد هذا العدد من الأيام من النشر (فارغ: كالإعداد الأعم؛ 0: أبدًا)
desk-policy-save = احفظ السياسة
desk-policy-saved = حُفظت السياسة.
desk-policy-where = أين
desk-policy-name = الاسم
desk-policy-closing = الإغلاق
desk-policy-section = قسم
desk-policy-article = مقال
desk-policy-as-wider = كالإعداد الأعم
desk-policy-never = أبدًا
desk-policy-days-after = { $count ->
    [zero] عند النشر
    [one] بعد يوم واحد من النشر
    [two] بعد يومين من النشر
    [few] بعد { $count } أيام من النشر
    [many] بعد { $count } يومًا من النشر
   *[other] بعد { $count } يوم من النشر
}
desk-mode-open = مفتوحة
desk-mode-closed = مغلقة
desk-mode-premoderated = بإشراف مسبق (كل تعليق)
desk-mode-premoderated-first = بإشراف مسبق (أول { $count } تعليقات مقبولة للعضو)
desk-policy-no-section = لا يوجد قسم بالعنوان «{ $target }».
desk-policy-no-article = لا يوجد مقال بالعنوان «{ $target }»: اكتب الجزء الذي يلي /articles/.
desk-policy-no-scope = اختر ما إذا كانت السياسة لقسم أم لمقال.

## Webhooks (/admin/webhooks)

desk-hooks-title = خطافات الويب
desk-hooks-sent-as = يُرسَل كل حدث بصيغة JSON موقَّعة في طلب
desk-hooks-header = : الترويسة
desk-hooks-header-is = قيمتها
desk-hooks-hmac = ، حيث HEX هو HMAC-SHA256 بسرّ نقطة الاستقبال على
desk-hooks-retried = ، ثم نقطة، ثم المتن. يُعاد إرسال التسليم الفاشل بفواصل متزايدة (30 ثانية تتضاعف، 8 محاولات).
desk-hooks-add-heading = أضف نقطة استقبال
desk-hooks-url = عنوان URL لنقطة الاستقبال
desk-hooks-events = الأحداث
desk-hooks-add = أضف نقطة الاستقبال
desk-hooks-endpoints = نقاط الاستقبال
desk-hooks-none = لا نقاط استقبال بعد.
desk-hooks-col-url = العنوان
desk-hooks-col-secret = سرّ التوقيع
desk-hooks-col-actions = الإجراءات
desk-hooks-added = أُضيفت في
desk-hooks-its-deliveries = تسليماتها
desk-hooks-delete-named = احذف نقطة الاستقبال { $url }
desk-hooks-delete = احذف
desk-hooks-log = سجل التسليم
desk-hooks-filtered = التسليمات إلى نقطة الاستقبال { $id } فقط.
desk-hooks-show-all = <a>اعرض الكل</a>.
desk-hooks-nothing-sent = لم يُرسَل شيء بعد.
desk-hooks-col-event = الحدث
desk-hooks-col-endpoint = نقطة الاستقبال
desk-hooks-col-attempts = المحاولات
desk-hooks-col-answer = آخر رد
desk-hooks-next-try = المحاولة التالية
desk-hooks-redeliver-named = أعد إرسال التسليم { $id }
desk-hooks-redeliver = أعد الإرسال
desk-delivery-pending = معلّق
desk-delivery-delivered = سُلِّم
desk-delivery-failed = فشل
desk-hooks-admins-only = وحدهم المديرون يستطيعون إدارة خطافات الويب.
desk-hooks-no-events = اختر حدثًا واحدًا على الأقل لإرساله.
desk-hooks-url-empty = اكتب عنوان URL الذي سيستقبل الأحداث.
desk-hooks-url-long = لا يتجاوز عنوان URL { $max } حرفًا.
desk-hooks-url-scheme = يجب أن يبدأ عنوان URL بـ https:// (أو http:// لمستقبِل على شبكتك الخاصة).
desk-hooks-url-host = يجب أن يسمّي عنوان URL خادمًا، مثل https://example.com/hooks.

## API tokens (/settings/tokens)

desk-tokens-title = رموز API
desk-tokens-intro = يتيح الرمز لبرنامج نصي أو خدمة أخرى استخدام <a>واجهة Broadsheet البرمجية</a> باسمك.
desk-tokens-send-as = أرسله بهذا الشكل:
desk-tokens-revoked-by = . تغيير كلمة المرور أو إعادة تعيينها، أو الخروج من كل مكان، يلغي كل الرموز.
desk-tokens-back = <a>عُد إلى الإعدادات</a>.
desk-tokens-new = <strong>رمزك الجديد</strong> — انسخه الآن: لن يُعرض مجددًا.
desk-tokens-token = الرمز
desk-tokens-create-heading = أنشئ رمزًا
desk-tokens-name = اسم الرمز
desk-tokens-name-example = برنامج النشرة البريدية
desk-tokens-may = ما يمكنه فعله
desk-scope-read = القراءة: الواجهة البرمجية كما ترى الموقع
desk-scope-comment = التعليق: نشر تعليقاتك وتعديلها وحذفها
desk-scope-publish = النشر: إنشاء مقالات
desk-scope-name-read = القراءة
desk-scope-name-comment = التعليق
desk-scope-name-publish = النشر
desk-tokens-password = كلمة مرورك (مطلوبة لرمز يستطيع النشر)
desk-tokens-create = أنشئ الرمز
desk-tokens-yours = رموزك
desk-tokens-none = ليست لديك رموز.
desk-tokens-col-name = الاسم
desk-tokens-col-scopes = الصلاحيات
desk-tokens-col-used = آخر استخدام
desk-tokens-col-action = الإجراء
desk-tokens-created = أُنشئ في
desk-tokens-never = أبدًا
desk-tokens-revoked = أُلغي في
desk-tokens-revoke-named = ألغِ { $name }
desk-tokens-revoke = ألغِ
desk-tokens-no-password = الرمز الذي يستطيع النشر يحتاج إلى كلمة مرورك، وليست لحسابك كلمة مرور بعد (تدخل عبر الدخول الموحّد أو روابط البريد). عيّن واحدة أولًا: «نسيت كلمة المرور؟» في صفحة الدخول يرسل إليك رابطًا لاختيارها. ثم أنشئ الرمز.
desk-tokens-wrong-password = اكتب كلمة مرورك الحالية لإنشاء رمز يستطيع النشر. لم يُنشأ الرمز.
desk-tokens-too-many = لديك بالفعل { $count } رموز صالحة. ألغِ رمزًا لم تعد تستخدمه، ثم أنشئ هذا.
desk-tokens-name-empty = سمِّ الرمز، مثلًا باسم البرنامج أو الخدمة التي ستستخدمه.
desk-tokens-name-long = لا يتجاوز اسم الرمز { $max } حرفًا.
desk-tokens-name-control = لا يجوز أن يحتوي اسم الرمز على محارف تحكّم.
desk-scope-none = اختر صلاحية واحدة على الأقل: read أو comment أو publish
desk-scope-unknown = «{ $scope }» ليست صلاحية: استخدم read أو comment أو publish
desk-scope-not-allowed = لا يسمح دورك بالصلاحية «{ $scope }»

## Refused settings forms

desk-settings-number = يجب أن يكون { $what } عددًا صحيحًا من 0 إلى { $max }.
desk-settings-whole = يجب أن يكون { $what } عددًا صحيحًا.
desk-field-close-days = عدد الأيام قبل إغلاق التعليقات
desk-field-link-hold = عدد التعليقات المقبولة قبل ظهور الروابط
desk-field-reports = عدد البلاغات التي تخفي التعليق
desk-field-report-days = عمر الحساب لاحتساب بلاغاته (بالأيام)
desk-field-report-approved = عدد التعليقات المقبولة التي يحتاجها العضو لاحتساب بلاغاته
desk-field-trusted-days = عمر الحساب ليصبح موثوقًا
desk-field-trusted-approved = عدد التعليقات المقبولة ليصبح موثوقًا
desk-field-demote-window = عدد الأيام التي يُحتسب فيها الرفض
desk-field-demote-after = عدد مرات الرفض التي تعيد العضو جديدًا
desk-settings-verified-choice = اختر ما إذا كانت البلاغات تُحتسب فقط من أعضاء أكّدوا عناوينهم: نعم أو لا.
desk-settings-spam-range = يجب أن تكون درجة الإزعاج التي تحجز التعليق رقمًا من 0.5 إلى 1.
desk-mode-first-range = يجب أن يكون عدد التعليقات الأولى المحجوزة عددًا صحيحًا من 1 إلى 1000، أو فارغًا للكل.
desk-mode-unknown = وضع تعليقات غير معروف «{ $mode }»: اختر مفتوحة أو مغلقة أو بإشراف مسبق.
desk-words-banned = الكلمات المحظورة
desk-words-suspect = الكلمات المشبوهة
desk-words-long-line = طول السطر { $line } هو { $chars } حرفًا
desk-words-entry-max = لا يتجاوز الإدخال { $max } حرفًا
desk-words-too-many = في القائمة أكثر من { $max } إدخال؛ احذف بعضها وحاول مجددًا
desk-trust-days-range = يجب أن يكون عمر الحساب ليصبح موثوقًا عددًا صحيحًا من الأيام من 0 إلى { $max }.
desk-trust-approved-range = يجب أن يكون عدد التعليقات المقبولة ليصبح موثوقًا عددًا صحيحًا من 0 إلى { $max }.
desk-trust-window-range = يجب أن يكون عدد الأيام التي يُحتسب فيها الرفض عددًا صحيحًا من 0 إلى { $max }.
desk-trust-after-range = يجب أن يكون عدد مرات الرفض التي تعيد العضو جديدًا عددًا صحيحًا من 0 إلى { $max } (0: أبدًا).
desk-trust-hold-choice = اختر ما إذا كان أول تعليق للعضو الجديد ينتظر المراجعة: نعم أو لا.
desk-ban-length = اختر مدة الحظر: عدد أيام من 1 إلى 3650، أو نهائيًا.
desk-note-too-long = طول الملاحظة { $count } حرفًا؛ والحد { $max }. اختصرها.
