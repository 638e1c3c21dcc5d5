# النقاش المضمَّن في مواقع أخرى، ونافذة دخوله، وسياساته.

## النقاش المضمَّن (/embed/thread)

embed-frame-title = التعليقات: { $title }
embed-comments-heading = التعليقات ({ $count })
embed-join-title = شارك في النقاش
embed-join = <a>سجّل الدخول</a> لتشارك برأيك وتتحاور مع القرّاء.
embed-premoderated = يقرأ مشرفٌ التعليقات هنا قبل ظهورها.
embed-no-comments = لا تعليقات بعد
embed-be-first = كن أول من يشارك برأيه!
embed-sort-label = ترتيب التعليقات
embed-signed-in-as = مسجّل الدخول باسم { $name }
embed-your-data = بياناتك
embed-sign-out = الخروج
embed-source = النقاش حول <a>هذه الصفحة</a>.
embed-closed = التعليقات مغلقة هنا.
embed-closed-refusal = التعليقات مغلقة هنا، فلا يمكن نشر المزيد.
embed-reply-invalid = التعليق الذي تردّ عليه غير صالح.
embed-honeypot = تعذّر قبول هذا التعليق. إن كنت إنسانًا، فاترك حقل «الموقع الإلكتروني» المخفي فارغًا.

## أسباب رفض التضمين (لمطوّري الموقع المضيف)

embed-site-not-number = يجب أن يكون الموقع (data-site) هو الرقم الذي تعرضه ‎/admin/sites.
embed-no-such-site = لا يوجد موقع مسجّل برقم { $id }.
embed-page-not-address = عنوان الصفحة (data-page) ليس عنوان http(s) كاملًا.
embed-no-site-for-origin = لا يسمح أي موقع مسجّل بالنقاش على صفحات { $origin }.
embed-origin-refused = لا يسمح الموقع «{ $site }» بعرض النقاش على صفحات { $origin }.

## نافذة الدخول (/embed/signin)

embed-signin-title = تم الدخول إلى النقاش
embed-signin-heading = لقد سجّلت الدخول
embed-signin-as = مسجّل الدخول باسم { $name } للنقاش على { $site }.
embed-signin-close = إن لم تُغلق هذه النافذة من تلقاء نفسها، فأغلقها واختر «تسجيل الدخول» مجددًا في النقاش.
embed-signin-site-number = يجب أن يكون الموقع هو الرقم الذي تعرضه ‎/admin/sites.
embed-signin-code-spent = انتهت صلاحية هذا الدخول أو استُخدم من قبل. اختر «تسجيل الدخول» مجددًا.
embed-signin-other-site = هذا الدخول كان لنقاش موقع آخر. اختر «تسجيل الدخول» مجددًا.

## المواقع (/admin/sites)

embed-sites-title = المواقع
embed-admins-only = لا يدير المواقعَ التي تضمّن النقاش إلا المديرون.
embed-sites-intro = مواقع تعرض النقاش أسفل صفحاتها. يذكر كلٌّ منها الأصول التي يجوز لصفحاتها تضمينه (المخطط والمضيف والمنفذ، مثل { $example })؛ ولا تحصل الصفحات في غيرها على نقاش. يوقّع مفتاح التوقيع رموز الدخول الخاصة بالموقع نفسه: ويُعرض مرة واحدة فقط، عند إضافة الموقع أو استبدال مفتاحه.
embed-secret-heading = مفتاح توقيع «{ $site }» (الموقع { $id })
embed-secret-copy = انسخه الآن: لن يُعرض مرة أخرى.
embed-add-site = أضف موقعًا
embed-site-name = الاسم
embed-site-origins = الأصول المسموح بها
embed-site-origins-hint = أصل واحد أو أكثر، تفصل بينها مسافات أو أسطر جديدة. ‏https فقط؛ و‏http العادي لـ localhost و127.0.0.1 فقط.
embed-add-site-button = أضف الموقع
embed-registered-sites = المواقع المسجّلة
embed-no-sites = لا مواقع بعد.
embed-site-added = (الموقع { $id }، أُضيف في { $date })
embed-site-origins-of = الأصول المسموح بها لـ { $site }
embed-save-origins = احفظ الأصول
embed-replace-secret-label = استبدل مفتاح { $site }
embed-replace-secret = استبدل المفتاح
embed-snippet-intro = الصقه أسفل كل صفحة، مع عنوان تلك الصفحة ورابطها:
embed-count-snippet-intro = في صفحات القوائم، عدد تعليقات كل صفحة (طلب واحد لكل روابط الصفحة):
embed-snippet-page-title = عنوان صفحتك
embed-snippet-count-text = التعليقات
embed-default-policy = سياسة التعليقات الافتراضية
embed-threads-of = نقاشات { $site }
embed-site-name-taken = يوجد موقع باسم «{ $name }» بالفعل: اختر اسمًا آخر.
embed-site-origins-problem = الموقع { $id }: { $problem }

## نقاشات موقع، ونقاش واحد

embed-all-sites = كل المواقع
embed-site-policy-intro = يتبع كل نقاش في { $site } هذه السياسة ما لم تكن له سياسته الخاصة؛ وما يُترك «كالإعداد الأعم» يتبع سياسة الموقع كله في <a>إعدادات الإشراف</a>.
embed-threads = النقاشات
embed-no-threads = لم تحمّل أي صفحة النقاش بعد.
embed-column-page = الصفحة
embed-column-address = العنوان
embed-column-comments = التعليقات
embed-column-first-loaded = أول تحميل
embed-thread-page-title = نقاش: { $title }
embed-thread-page = الصفحة
embed-thread-site = الموقع
embed-thread-comments = التعليقات
embed-thread-comment-count = { $count } (<a>اقرأ النقاش</a>؛ والمحجوزة والمبلَّغ عنها على <a>مكتب الإشراف</a>)
embed-thread-in-force = السياسة السارية
embed-thread-own-policy = سياسة هذا النقاش الخاصة
embed-thread-own-policy-intro = ما يُترك «كالإعداد الأعم» يتبع السياسة الافتراضية للموقع.
embed-in-force-open = مفتوحة
embed-in-force-closed = مغلقة
embed-in-force-premoderated = بإشراف مسبق (كل تعليق)
embed-in-force-premoderated-first = { $count ->
    [zero] بإشراف مسبق (لا تعليقات معتمدة)
    [one] بإشراف مسبق (أول تعليق معتمد للعضو)
    [two] بإشراف مسبق (أول تعليقين معتمدين للعضو)
    [few] بإشراف مسبق (أول { $count } تعليقات معتمدة للعضو)
    [many] بإشراف مسبق (أول { $count } تعليقًا معتمدًا للعضو)
   *[other] بإشراف مسبق (أول { $count } تعليق معتمد للعضو)
}
embed-in-force-closed-since = { $mode }؛ مغلقة منذ { $date }
embed-in-force-closes = { $mode }؛ تُغلق في { $date }

## نموذج السياسة

embed-policy-site = التعليقات على { $site }
embed-policy-thread = التعليقات في هذا النقاش
embed-policy-save-site = احفظ سياسة { $site }
embed-policy-save-thread = احفظ سياسة هذا النقاش
embed-policy-inherit = كالإعداد الأعم
embed-policy-open = مفتوحة
embed-policy-premoderated = بإشراف مسبق
embed-policy-closed = مغلقة
embed-policy-first = الإشراف المسبق على أول N تعليقًا معتمدًا للعضو فقط (فارغ: الكل)
embed-policy-days = الإغلاق بعد هذا العدد من الأيام من أول تحميل للصفحة (فارغ: كالإعداد الأعم؛ 0: أبدًا)
embed-policy-save = احفظ السياسة
