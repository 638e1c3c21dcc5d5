# الإطار المشترك بين كل الصفحات: الترويسة والتنقل والتذييل.

skip-link = انتقل إلى المحتوى الرئيسي
search-landmark = الموقع
search-label = بحث
search-placeholder = ابحث
sections-nav = الأقسام
nav-newsroom = غرفة الأخبار
nav-moderation = الإشراف
nav-admin = الإدارة
nav-settings = الإعدادات
nav-sign-out = تسجيل الخروج
nav-sign-in = تسجيل الدخول
nav-create-account = إنشاء حساب
footer-tagline = <a>{ $site }</a> — أخبار وتحليلات وآراء، مع نقاش تحت كل قصة.
footer-demo = المحتوى التجريبي على هذا الموقع من نسج الخيال.
site-description = آخر الأخبار والتحليلات والآراء، مع نقاش تحت كل قصة.
