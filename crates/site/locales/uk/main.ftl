## Inferno — тексти інтерфейсу, українською.
## Ключі мають збігатися з en/main.ftl (це перевіряє тест).

site-name = Inferno
site-tagline = Де Росія утримує українських військовополонених
skip-to-content = Перейти до змісту
nav-label = Головне меню
nav-menu = Меню
nav-sites = Місця утримання
nav-news = Новини
nav-faq = Питання і відповіді
nav-about = Про проєкт і методологію
nav-help = Як допомогти
sample-notice = Показані дані — це вибірка, складена з публічних звітів для демонстрації й тестування; перш ніж на них покладатися, звіртеся з першоджерелами.
sample-notice-more = Про вибірку
footer-about = Inferno документує місця, де Росія утримує українських військовополонених, і те, що з ними там роблять, — за публічними джерелами, посилання на які є на кожній сторінці. Це програма з відкритим кодом, яку підтримує невелика команда правозахисників, журналістів і волонтерів.
footer-privacy = Сайт нічого не завантажує з інших серверів, не ставить стежувальних файлів cookie і не записує IP-адрес відвідувачів.

## Помилки
error-go-home = На головну сторінку
error-go-sites = Усі місця утримання
error-not-found = Сторінку не знайдено
error-not-found-text = За цією адресою сторінки немає. Можливо, в адресі помилка; ідентифікатори опублікованих записів ніколи не змінюються.
error-bad-request = Адресу неможливо прочитати
error-bad-request-text = Частина адреси недійсна.
error-internal = Щось пішло не так
error-internal-text = Сторінку не вдалося показати. Спробуйте пізніше.
error-unavailable = Дані зараз неможливо прочитати
error-unavailable-text = База даних не відповіла. Нічого не змінено. Спробуйте ще раз за хвилину; якщо це триває, повідомте адміністратора команди.
error-refused = Це неможливо зробити
error-reference = Код для адміністратора: { $id }
error-busy = Сервер зайнятий
error-busy-text = Забагато запитів чекають на ту саму роботу. Спробуйте ще раз за кілька секунд.
error-bad-param = Фільтр «{ $param }» не може мати значення «{ $value }». Допустимі значення: { $accepted }.

## Мапа
map-title = Мапа місць утримання; кожна позначка веде на сторінку місця
map-site-title = Розташування: { $name }
map-occupied-short = окупована на час утримання територія України
map-label-ua = УКРАЇНА
map-label-ru = РОСІЯ
map-label-by = БІЛОРУСЬ
legend-site = Місце в Росії чи Білорусі
legend-occupied = Місце на території України, окупованій на час утримання
map-heading = Мапа
map-caption = Розташування приблизні: більшість позначок стоїть у центрі населеного пункту. Місця в одному пункті показано поруч. Україну показано в її міжнародно визнаних кордонах.
map-list-link = Усі місця списком
map-small-caption = Приблизне розташування; Україна в міжнародно визнаних кордонах.

## Головна
home-title = Місця утримання українських військовополонених
home-description = Мапа й реєстр із джерелами: де Росія утримує українських військовополонених і що з ними там роблять.
home-heading = Де Росія утримує українських військовополонених
home-intro = Inferno збирає те, що публічно відомо про місця, де Росія утримує українських військовополонених: умови, насильство, про яке розповідають звільнені полонені та дослідники, і джерела кожного твердження.
figures-heading = Основні цифри
figure-sites = { $count ->
    [one] { $count } задокументоване місце
    [few] { $count } задокументовані місця
   *[other] { $count } задокументованих місць
}
figure-in-russia = { $count } у Росії
figure-in-occupied = { $count } на окупованих територіях України
figure-elsewhere = { $count } в інших країнах
figure-sources = { $count ->
    [one] { $count } джерело
    [few] { $count } джерела
   *[other] { $count } джерел
}, з них { $independent ->
    [one] { $independent } незалежне
    [few] { $independent } незалежні
   *[other] { $independent } незалежних
}
figure-testimonies = { $count ->
    [one] { $count } свідчення
    [few] { $count } свідчення
   *[other] { $count } свідчень
}
home-news-heading = Останні новини
home-all-news = Усі новини
home-help-heading = Як допомогти
home-help-text = Колишні полонені, родичі, свідки, журналісти й юристи можуть допомогти зробити цей реєстр повним і точним.
home-help-link = Що ви можете зробити

## Перелік місць
sites-title = Місця утримання
sites-description = Реєстр місць, де Росія утримує українських військовополонених, із фільтрами за типом, країною та задокументованим насильством.
sites-intro = Кожне місце — з тим, що задокументували джерела.
sites-filter-hint = Оберіть фільтри й натисніть «Показати»; адреса сторінки зберігає ваш вибір, тож нею можна поділитися.
filters-legend = Фільтри й сортування
filters-chosen = фільтри вибрано
filter-type = Тип місця
filter-country = Країна
filter-occupied = Окупована на час утримання
filter-occupied-yes = На території, окупованій на той час
filter-occupied-no = Не на окупованій території
filter-abuse = Задокументоване насильство
filter-any = Будь-який
sort-label = Сортувати за
sort-name = Назвою
sort-sources = Кількістю незалежних джерел
filters-apply = Показати
sites-in-cell = Місця в квадраті мапи { $south }–{ $north }° пн. ш., { $west }–{ $east }° сх. д.
filters-reset = Скинути фільтри
filter-remove = Прибрати «{ $filter }: { $value }»
filter-cell = Квадрат карти
count-sites = { $count ->
    [one] { $count } місце
    [few] { $count } місця
   *[other] { $count } місць
}
count-sites-found = { $count ->
    [0] Не знайдено жодного місця
    [one] Знайдено { $count } місце
    [few] Знайдено { $count } місця
   *[other] Знайдено { $count } місць
}
page-status = Показано { $first }–{ $last } із { $total }
sites-none = Жодне місце не відповідає цим фільтрам.
site-abuses-label = Задокументовано:
sources-count = { $count ->
    [0] джерел поки немає
    [one] { $count } джерело, з них { $independent ->
    [one] { $independent } незалежне
    [few] { $independent } незалежні
   *[other] { $independent } незалежних
}
    [few] { $count } джерела, з них { $independent ->
    [one] { $independent } незалежне
    [few] { $independent } незалежні
   *[other] { $independent } незалежних
}
   *[other] { $count } джерел, з них { $independent ->
    [one] { $independent } незалежне
    [few] { $independent } незалежні
   *[other] { $independent } незалежних
}
}
pagination-label = Сторінки
pagination-prev = Попередня
pagination-next = Наступна
occupied-ukraine = територія України, окупована на час утримання

country-RU = Росія
country-UA = Україна
country-BY = Білорусь
country-MD = Молдова
country-KZ = Казахстан
country-GE = Грузія

site-type-pretrial_detention = Слідчий ізолятор (СІЗО)
site-type-penal_colony = Виправна колонія
site-type-temporary_detention = Тимчасове утримання
site-type-filtration_camp = Фільтраційний табір
site-type-military_unit = Військова частина
site-type-improvised_site = Пристосоване місце
site-type-unknown = Тип невідомий

abuse-beating = Побиття
abuse-electric_shock = Катування струмом
abuse-stress_position = Виснажливі пози
abuse-starvation = Голод
abuse-denial_of_medical_care = Відмова в медичній допомозі
abuse-sexual_violence = Сексуальне насильство
abuse-mock_execution = Імітація страти
abuse-psychological_abuse = Психологічне насильство
abuse-forced_labour = Примусова праця
abuse-incommunicado = Утримання без зв’язку із зовнішнім світом
abuse-death_in_custody = Смерть під вартою
abuse-dog_attacks = Цькування собаками
abuse-cold_exposure = Утримання в холоді
abuse-forced_propaganda = Примус до пропаганди

## Сторінка місця
site-description = { $name }, { $place }: умови, задокументоване насильство і джерела.
fact-type = Тип
fact-place = Місце
fact-territory = Територія
fact-territory-occupied = Україна, окупована Росією на час утримання (коли повідомлялося про утримання там)
fact-coordinates = Координати
precision-exact = точні
precision-settlement = центр населеного пункту, приблизно
precision-region = лише регіон, приблизно
fact-operator = Підпорядкування
fact-period = Полонених зафіксовано
fact-status = Статус
status-in_use = Діє
status-closed = Закрите
status-unknown = Невідомо
fact-id = Ідентифікатор запису
fact-updated = Оновлено
name-in-uk = Українською
name-in-en = Англійською
name-in-ru = Російською
section-overview = Огляд
section-conditions = Умови
section-torture_and_abuse = Катування і насильство
section-medical_care = Медична допомога
section-food = Харчування
section-outside_contact = Зв’язок із зовнішнім світом
toc-heading = На цій сторінці
evidence-heading = Задокументоване насильство
evidence-intro = Кожен вид насильства наведено з джерелами, що про нього повідомляють: спершу найвагоміші, кожне з оцінкою. Надійне означає оцінку A–C для джерела й 1–3 для інформації; джерела, що передають ту саму первинну публікацію, рахуються як одне.
evidence-method = Як ми зважуємо докази
evidence-none = Жодне з прочитаних нами джерел не називає видів насильства в цьому місці. Це не означає, що насильства не було.
evidence-col-abuse = Насильство
evidence-col-sources = Джерела
evidence-col-which = Які джерела
evidence-counts = { $count ->
    [one] { $count } джерело
    [few] { $count } джерела
   *[other] { $count } джерел
}, з них { $strong ->
    [one] { $strong } незалежне й надійне
    [few] { $strong } незалежні й надійні
   *[other] { $strong } незалежних і надійних
}
testimonies-heading = Свідчення
testimonies-intro = Розповіді людей, яких тут утримували, переказані й без імен.
testimony-abuses = Описує:
testimony-route = Місця утримання по черзі:
testimony-source = Опубліковано:
witness-former_prisoner = Колишній полонений
witness-relative = Родич полоненого
witness-fellow_detainee = Співкамерник
witness-other = Свідок
consent-public_source = Переказ розповіді, яку вже було оприлюднено.
consent-witness_anonymised = Опубліковано анонімно за згодою свідка.
consent-witness_named = Опубліковано за згодою свідка.
sources-heading = Джерела
sources-all = { $count ->
    [one] { $count } джерело, сторінка за сторінкою
    [few] Усі { $count } джерела, сторінка за сторінкою
   *[other] Усі { $count } джерел, сторінка за сторінкою
}
testimonies-all = { $count ->
    [one] { $count } свідчення, сторінка за сторінкою
    [few] Усі { $count } свідчення, сторінка за сторінкою
   *[other] Усі { $count } свідчень, сторінка за сторінкою
}
evidence-more = { $count ->
    [one] і ще { $count }
   *[other] і ще { $count }
}
site-sources-title = Джерела про { $name }
site-testimonies-title = Свідчення про { $name }
sources-intro = Усі джерела, що повідомляють щось про це місце, від найнадійніших, і що саме кожне з них каже. Посилання ведуть на першоджерела.
sources-method-link = Як ми оцінюємо джерела
source-counted-with = { $count ->
    [one] рахується як одне з ще { $count } джерелом, що передає ту саму публікацію
   *[other] рахується як одне з ще { $count } джерелами, що передають ту саму публікацію
}
finding-label = Що повідомляє про це місце:
finding-abuses = Названо насильство:
finding-period = Період:
source-grading-note = Примітка до оцінки:
grade-explained = Надійність джерела: { $reliability }; достовірність інформації: { $credibility }
reliability-A = A, цілком надійне
reliability-B = B, зазвичай надійне
reliability-C = C, досить надійне
reliability-D = D, зазвичай ненадійне
reliability-E = E, ненадійне
reliability-F = F, надійність неможливо оцінити
credibility-1 = 1, підтверджено іншими джерелами
credibility-2 = 2, імовірно правдиве
credibility-3 = 3, можливо правдиве
credibility-4 = 4, сумнівне
credibility-5 = 5, малоймовірне
credibility-6 = 6, правдивість неможливо оцінити
source-kind-testimony = Свідчення
source-kind-investigative_journalism = Журналістське розслідування
source-kind-official_document = Офіційний документ
source-kind-human_rights_report = Правозахисний звіт
source-kind-open_database = Відкрита база даних
source-kind-media = Повідомлення медіа
source-kind-other = Інше
translation-missing = Цей текст ще не перекладено; його показано мовою оригіналу.
translation-missing-short = (ще не перекладено)
site-news-heading = Новини про це місце
site-send-info = Надіслати інформацію про це місце
source-counted-label = Як рахується
source-counted-alone = Як окреме незалежне джерело.
source-counted-together = Як одне разом із джерелами, що передають ту саму публікацію:
source-untitled = { $kind }: { $publisher }
testimony-number = № { $number }
source-record = Картка джерела
source-description = Джерело записів Inferno: { $publisher }, { $date }, його оцінка і що воно повідомляє про кожне місце.
source-publisher = Видавець
source-date = Опубліковано
source-kind = Вид
source-language = Мова
source-grade = Оцінка (шкала Адміралтейства)
source-archived = SHA-256 архівної копії
source-original = Читати оригінал
source-reported-heading = Що воно повідомляє, за місцями
source-reported-none = Жодне опубліковане місце поки не посилається на це джерело.
cite-heading = Як цитувати цю сторінку
citation = Inferno, «{ $name }», запис { $id }, { $url } (оновлено { $updated }; переглянуто { $accessed }).
citation-news = Inferno, «{ $title }», { $date }, { $url } (оновлено { $updated }; переглянуто { $accessed }).
citation-apa = Inferno. ({ $date }). { $name }. Отримано { $accessed } з { $url }
citation-chicago = Inferno. «{ $name }». Останні зміни: { $updated }. Переглянуто { $accessed }. { $url }.
citation-no-date = б. д.
cite-styles = APA і Chicago
date-apa = { $year }, { $day } { $month }
date-style = { $day } { $month } { $year }
date-unknown = дата невідома

## Дати
month-1 = січень
month-2 = лютий
month-3 = березень
month-4 = квітень
month-5 = травень
month-6 = червень
month-7 = липень
month-8 = серпень
month-9 = вересень
month-10 = жовтень
month-11 = листопад
month-12 = грудень
month-genitive-1 = січня
month-genitive-2 = лютого
month-genitive-3 = березня
month-genitive-4 = квітня
month-genitive-5 = травня
month-genitive-6 = червня
month-genitive-7 = липня
month-genitive-8 = серпня
month-genitive-9 = вересня
month-genitive-10 = жовтня
month-genitive-11 = листопада
month-genitive-12 = грудня
date-full = { $day } { $month } { $year }
date-month = { $month } { $year }
period-from = з { $from }
period-until = до { $to }
period-unknown = дати невідомі

## Новини
news-title = Новини
news-description = Новини про місця утримання українських військовополонених, кожна з посиланням на першоджерело.
news-intro = Короткі виклади повідомлень про місця утримання, від найновіших. Кожен має посилання на оригінальну статтю.
news-original = Читати оригінальну статтю
news-sites = Згадані місця

## Питання і відповіді, інші сторінки
faq-title = Питання і відповіді
faq-description = Відповіді на поширені запитання про Inferno, його джерела та методи.
faq-toc = Питання
about-description = Що таке Inferno, хто його робить і як збирають, оцінюють і публікують інформацію.
help-description = Як можуть допомогти колишні полонені, родичі, свідки, журналісти та інші.

## Редакційна частина
staff-title = редакція
staff-nav-label = Редакція
staff-login-title = Вхід для команди
staff-name = Ім’я облікового запису
staff-password = Пароль
staff-code = Код із застосунку автентифікації
staff-code-hint = Шість цифр. Кожен код діє один раз.
staff-sign-in = Увійти
staff-sign-out = Вийти
staff-signed-in-as = Ви увійшли як
staff-login-failed = Неправильне ім’я, пароль чи код, або код уже використано.
staff-login-throttled = Забагато невдалих спроб для цього облікового запису. Зачекайте хвилину і спробуйте знову.
staff-csrf-failed = Ця форма застаріла або надіслана не з цього сайту. Оновіть сторінку і спробуйте ще раз.
staff-no-accounts-note = Облікових записів ще немає. Створіть перший на сервері командою: inferno user add NAME --role admin
staff-dashboard = Огляд
staff-dashboard-intro = Створюйте й редагуйте записи з меню; рецензенти їх публікують. Кожна зміна зберігається в історії запису і в журналі аудиту.
staff-recent = Останні дії
staff-audit = Журнал аудиту
staff-accounts = Облікові записи
staff-accounts-intro = Облікові записи створюють, вимикають і скидають на сервері командою inferno user.
staff-forbidden = Заборонено
staff-forbidden-text = Ваша роль цього не дозволяє.
staff-audit-intact = Журнал аудиту цілий: усі його записи ({ $count }) відповідають останній підписаній контрольній точці.
staff-audit-verify = Кожну контрольну точку перевіряє командний рядок:
staff-audit-broken = Журнал аудиту змінено: { $reason }.
staff-audit-pages = Сторінки журналу аудиту
staff-audit-newer = Новіші записи
staff-audit-older = Давніші записи
staff-audit-filter = Звузити журнал
staff-audit-anyone = Будь-хто
staff-audit-any-action = Будь-яка дія
staff-audit-target-hint = Запис, надіслане чи обліковий запис так, як їх називає журнал, наприклад site/ru-taganrog-sizo-2.
staff-audit-apply = Показати
staff-audit-all = Показати всі записи
staff-audit-empty = У журналі ще немає записів.
staff-audit-none = Жоден запис не відповідає.
staff-audit-times = { $count ->
    [one] { $count } раз поспіль
    [few] { $count } рази поспіль
   *[other] { $count } разів поспіль
}
staff-checkpoint = Остання підписана контрольна точка
staff-col-seq = №
staff-col-time = Час
staff-col-actor = Хто
staff-col-action = Дія
staff-col-target = Над чим
staff-col-detail = Подробиці
staff-col-name = Обліковий запис
staff-col-role = Роль
staff-col-status = Стан
staff-active = активний
staff-disabled = вимкнений
role-admin = адміністратор
role-editor = редактор
role-reviewer = рецензент

## Редакція: місця
field-id = Ідентифікатор запису
hint-id = Малі латинські літери, цифри й дефіси, напр. ru-taganrog-sizo-2. Після публікації не змінюється.
field-name_uk = Назва українською
hint-name_uk = Як її бачитимуть читачі.
field-name_en = Назва англійською
hint-name_en = Як її бачитимуть читачі.
field-name_ru = Оригінальна назва російською
hint-name_ru = Необов’язково.
field-facility_type = Тип місця
hint-facility_type = З таксономії.
field-status = Статус
hint-status = Чи повідомляють, що там досі утримують полонених.
field-settlement_uk = Населений пункт українською
hint-settlement_uk = Місто чи село.
field-settlement = Населений пункт англійською
hint-settlement = Місто чи село.
field-region_uk = Регіон українською
hint-region_uk = Область, республіка чи регіон.
field-region = Регіон англійською
hint-region = Область, республіка чи регіон.
field-country = Країна (код ISO)
hint-country = Держава, чия це територія: UA для окупованої України.
field-occupied_territory = Окупована територія
hint-occupied_territory = Під російською окупацією, коли повідомлялося про утримання там.
field-lat = Широта
hint-lat = Десяткові градуси, WGS84.
field-lon = Довгота
hint-lon = Десяткові градуси, WGS84.
field-coord_precision = Точність координат
hint-coord_precision = Точні — лише коли джерело вказує саме місце.
field-operator = Підпорядкування
hint-operator = ФСВП, ФСБ, Міноборони, окупаційна влада…; кілька — через ;
field-reported_from = Полонених зафіксовано з
hint-reported_from = РРРР-ММ або порожньо.
field-reported_to = Полонених зафіксовано до
hint-reported_to = РРРР-ММ або порожньо.
field-notes_uk = Огляд українською
hint-notes_uk = Markdown. Лише те, що кажуть джерела.
field-notes = Огляд англійською
hint-notes = Markdown. Лише те, що кажуть джерела.
field-source_urls = Посилання на джерела
hint-source_urls = Одна адреса на рядок.
field-public_note = Публічна примітка до зміни
hint-public_note = Читачі побачать її на сторінці місця і в журналі виправлень.
field-withdraw_note = Чому запис знято (публічно)
hint-withdraw_note = Читачі побачать її замість сторінки.
staff-sites = Місця
staff-site-new = Нове місце
staff-site-edit = Місце { $id }
staff-published = опубліковано
staff-draft = чернетка, не опубліковано
staff-saved = Збережено.
staff-form-problems = Деякі поля потребують уваги; нічого не збережено.
staff-public-note-required = Цей запис опубліковано: коротко напишіть читачам, що змінилося.
staff-preview = Попередній перегляд
staff-preview-draft = Як його побачать читачі після публікації
staff-preview-change = Зміна, як її побачать читачі після публікації
staff-preview-at = На публічному сайті за адресою { $href }
staff-preview-unseen = Жодна публічна сторінка ще не покаже його: він посилається на місце або джерело, яке не опубліковано. Спершу опублікуйте їх.
staff-save = Зберегти
staff-publishing = Публікація
staff-publish = Опублікувати
staff-unpublish = Зняти з сайту
staff-history = Історія
staff-col-changed = Змінено
staff-col-note = Публічна примітка
staff-revert = Відновити цю версію
staff-revert-loaded = Версію { $rev } завантажено у форму. Перевірте її, напишіть публічну примітку і збережіть, щоб відновити.
field-problem = { $reason }
revision-create = створено
revision-update = змінено
revision-revert = відновлено попередню версію
revision-publish = опубліковано
revision-unpublish = знято
changes-title = Виправлення
changes-description = Кожна зміна опублікованого запису — з датою і суттю.
changes-intro = Коли опублікований запис виправляють або знімають, це зазначено тут із датою і короткою приміткою. Записи зберігають свої ідентифікатори.
changes-none = Жоден опублікований запис ще не виправлявся.
changes-withdrawn = Знято:
site-corrections-heading = Виправлення
withdrawn-title = Запис знято
withdrawn-text = Цей запис знято { $date }: { $note }
footer-changes = Журнал виправлень

staff-col-actions = Дії
staff-disable = Вимкнути
staff-enable = Увімкнути
staff-reset-2fa = Новий другий фактор
staff-user-new = Новий обліковий запис
staff-user-create = Створити обліковий запис
staff-initial-password = Перший пароль (щонайменше 12 символів)
staff-setup-heading = Налаштування другого фактора для { $name }
staff-setup-text = Передайте це людині особисто: вона сканує код застосунком автентифікації. Його показано лише зараз.
staff-not-yourself = Не можна вимкнути власний обліковий запис.
staff-password-change = Змінити пароль
staff-password-change-text = Після зміни всі сесії вашого облікового запису завершаться, зокрема ця; увійдіть знову з новим паролем.
staff-password-current = Поточний пароль
staff-password-new = Новий пароль (щонайменше 12 символів)
staff-password-wrong = Поточний пароль неправильний; нічого не змінено.

## Редакція: записи
field-sources-notes = Примітка до оцінки англійською
hint-sources-notes = Чому така оцінка; головне, що каже джерело.
field-sources-notes_uk = Примітка до оцінки українською
field-kind = Вид джерела
field-title = Назва, як опубліковано
hint-title = Мовою оригіналу.
field-publisher = Видавець
hint-publisher = Медіа чи організація; передрук називає першоджерело.
field-published_on = Дата публікації
hint-published_on = РРРР, РРРР-ММ або РРРР-ММ-ДД.
field-url = Адреса першоджерела
field-language = Мова прочитаного тексту
hint-language = Дві літери: uk, en, ru…
field-reliability = Надійність джерела (A–F)
field-credibility = Достовірність інформації (1–6)
field-independence_group = Група незалежності
hint-independence_group = Джерела, що переказують той самий первинний матеріал, мають спільну.
field-archived_sha256 = SHA-256 архівної копії
hint-archived_sha256 = Необов’язково.
field-source_id = Ідентифікатор джерела
field-site_id = Ідентифікатор місця
field-abuse_types = Названі види насильства
field-period_from = Період з
hint-period_from = РРРР-ММ або порожньо.
field-period_to = Період до
hint-period_to = РРРР-ММ або порожньо.
field-note = Примітка англійською
hint-note = Одне речення своїми словами.
field-note_uk = Примітка українською
field-witness_role = Свідок
field-summary_en = Виклад англійською
hint-summary_en = Своїми словами, без імен.
field-summary_uk = Виклад українською
hint-summary_uk = Своїми словами, без імен.
field-stays = Місця утримання по черзі
hint-stays = Один рядок на місце, у тому порядку, як людину там утримували: місце й місяці, якщо відомо. Після кожного збереження з’являються нові рядки.
staff-stay-site = Місце (почніть вводити, щоб знайти)
staff-stay-from = Від (РРРР-ММ)
staff-stay-to = До (РРРР-ММ)
field-consent = Згода на публікацію
field-date = Дата
hint-date = РРРР-ММ-ДД.
field-title_en = Заголовок англійською
field-title_uk = Заголовок українською
field-news-summary_en = Короткий виклад англійською
field-news-summary_uk = Короткий виклад українською
field-body_en = Текст англійською
hint-body_en = Markdown, необов’язково.
field-body_uk = Текст українською
hint-body_uk = Markdown, необов’язково.
field-source_name = Першоджерело опублікував
field-source_url = Адреса оригінальної статті
field-facility_ids = Згадані місця
hint-facility_ids = Ідентифікатори місць через ;
staff-kind-sites = Місця
staff-kind-sources = Джерела
staff-kind-findings = Твердження
staff-kind-testimonies = Свідчення
staff-kind-news = Новини
staff-new = Додати
staff-record-new = { $kind }: новий запис
staff-record-edit = { $kind }: { $id }
staff-recent-changes = Останні зміни записів
staff-no-changes = У редакції ще не змінено жодного запису.
staff-kind-faq = Питання і відповіді
staff-kind-pages = Сторінки
field-position = Порядок
hint-position = Ціле число; менше — вище.
field-question_en = Питання англійською
field-question_uk = Питання українською
field-answer_en = Відповідь англійською
field-answer_uk = Відповідь українською
hint-answer_en = Markdown.
hint-answer_uk = Markdown.
field-pages-title_en = Заголовок англійською
field-pages-body_en = Текст англійською
hint-pages-body_en = Markdown. Заголовок може мати якір, на який посилаються інші сторінки.
revision-import = як імпортовано

## Редакція: перевірка змін редакторів (друга пара очей на те, що бачать читачі)
revision-propose = запропоновано зміну
revision-approve = опубліковано запропоновану зміну
revision-discard = відхилено запропоновану зміну
staff-saved-pending = Збережено для перевірки. Доки рецензент не опублікує вашу зміну, читачі бачать опубліковану версію.
staff-reviewed-approve = Зміну опубліковано.
staff-reviewed-discard = Зміну відхилено; опублікована версія лишається.
staff-draft-waits = Запис стане публічним, коли його опублікує рецензент.
staff-finding-source-draft = Джерело ще не опубліковано: читачі не побачать цього твердження, доки не опублікують і джерело.
staff-pending = Зміна чекає на перевірку
staff-pending-by = Автор зміни: { $actor }, { $time }.
staff-pending-public = Доки рецензент не опублікує цю зміну, читачі бачать опубліковану версію.
staff-pending-how = Кожне поле, яке змінюється, повністю: вилучені слова перекреслено й узято в [− і −], додані підкреслено й узято в [+ і +].
staff-col-published-value = Зараз опубліковано
staff-col-proposed-value = Запропоновано
hint-approve_note = Читачі побачать її на сторінці запису і в журналі виправлень. Тут уже стоїть примітка, з якою надійшла зміна; за потреби виправте її.
staff-approve = Опублікувати цю зміну
staff-discard = Відхилити
staff-pending-yours = Ваша зміна чекає на рецензента.
staff-pending-others = Ця зміна чекає на рецензента.
staff-pending-form = Форма містить зміну, що чекає на перевірку: те, що ви збережете, замінить її і так само чекатиме на перевірку.
staff-pending-form-reviewer = Форма показує опубліковану версію, і те, що ви збережете, одразу з’явиться на сайті. Запропонована зміна чекатиме, доки ви її не опублікуєте або не відхилите.
staff-review-needed = Цей запис опубліковано: те, що ви збережете, читачі побачать лише після перевірки рецензентом.
staff-change-waits = зміна чекає на перевірку
staff-published-now = Опубліковано: читачі вже бачать запис.
staff-withdrawn-now = Відкликано: його публічна сторінка тепер про це каже, з вашою приміткою.
staff-team-note = Нотатка команди
staff-team-note-hint = Лише для команди: як перевіряли запис, що ще треба зробити. Її ніколи не публікують і не додають до завантажень.
staff-team-note-label = Нотатка
staff-team-note-save = Зберегти нотатку
staff-team-note-saved = Нотатку команди збережено.
staff-team-note-by = Востаннє зберіг(ла) { $actor }, { $day }.
staff-view-public = Переглянути на сайті
staff-withdraw-confirm = Відкликати «{ $name }»?
staff-withdraw-confirm-text = Читачі більше не бачитимуть цього запису. За його адресою буде сказано, що його відкликано, з такою приміткою:
staff-withdraw-keep = Залишити опублікованим
staff-col-record = Назва
staff-withdrawn = відкликано, не опубліковано
staff-status-draft = Чернетка
staff-status-waiting = Зміна чекає на рецензента
staff-status-published = Опубліковано
staff-status-withdrawn = Відкликано
staff-status-any = Будь-який
staff-list-search = Ідентифікатор або назва містить
staff-list-site = Про місце
staff-site-any = Будь-яке місце
staff-list-sort = Порядок
staff-sort-changed = Спершу змінені останніми
staff-sort-key = За ідентифікатором
staff-list-show = Показати
staff-list-all = Показати всі
staff-list-found = { $count ->
    [one] Знайдено { $count } запис.
    [few] Знайдено { $count } записи.
   *[other] Знайдено { $count } записів.
}
staff-pending-replaced = Зміну, яку ви переглядали, замінила новіша. Перегляньте її, перш ніж публікувати.
staff-records = Записи
staff-col-records = Записів
staff-col-not-public = Не опубліковано
staff-col-changes-waiting = Зміни чекають на рецензента
staff-waiting = Чекає на перевірку
staff-waiting-yours = Ваші зміни, що чекають на перевірку
staff-waiting-none = Нічого не чекає на перевірку.
staff-waiting-more = { $count ->
    [one] Ще { $count } запис чекає: дивіться записи за видами.
    [few] Ще { $count } записи чекають: дивіться записи за видами.
   *[other] Ще { $count } записів чекають: дивіться записи за видами.
}
staff-waiting-new = новий запис, ще не опублікований
staff-waiting-change = зміна опублікованого запису
staff-col-kind = Вид
staff-col-waits = Що чекає
staff-col-day = День

## Вхідне сховище: надсилання інформації, зв’язок, сторінка відповідей за кодом.
nav-submit = Надіслати інформацію
footer-contact = Зв’язатися з командою
footer-receipt = Переглянути відповіді за кодом
intake-closed = Надсилання ще не відкрите: ніхто в команді поки не може прочитати надіслане. Будь ласка, поверніться пізніше.
intake-submission-title = Надіслати інформацію
intake-contact-title = Зв’язатися з командою
intake-submission-lead = Розкажіть про місце, де утримують або утримували українських військовополонених, і про те, що там відбувалося. Називати себе не обов’язково.
intake-contact-lead = Запитання, повідомлення або щось важливе, чим ви хочете поділитися. Називати себе не обов’язково.
intake-safety-title = Перш ніж писати: як убезпечити себе
intake-safety-tor = Якщо ви на окупованій території або в Росії, користуйтеся браузером Tor і пристроєм, який ніхто інший не перевіряє. Цей сайт нічого не завантажує з інших серверів і не записує вашу адресу.
intake-safety-onion = Цей сайт має й адресу onion-сервісу, яку Tor Browser відкриває, не виходячи з мережі Tor:
intake-safety-metadata = Фото й документи можуть містити приховані дані: де й коли зроблено знімок, яким пристроєм, ім’я автора. Ми зберігаємо надіслані файли зашифрованими й видаляємо ці дані з усього, що публікуємо, але найбезпечніше — надіслати знімок екрана або копію без них.
intake-safety-contact = Контактні дані необов’язкові. Залишайте їх, лише якщо з вами безпечно так зв’язуватися.
intake-safety-receipt = Після надсилання ви отримаєте секретний код для відповіді з 16 цифр. Лише з ним можна прочитати наші відповіді: запишіть його та зберігайте там, де його ніхто не знайде.
intake-field-submission-site = Про яке місце утримання йдеться?
intake-field-submission-place = Місце, якщо його немає в списку
intake-field-submission-what = Що сталося
intake-field-submission-when = Коли, своїми словами (необов’язково)
intake-field-submission-held_from = З (місяць)
intake-field-submission-held_to = До (місяць)
intake-legend-held = Коли вас або їх там утримували? (необов’язково)
intake-hint-held = Рік і місяць, наприклад 2022-04. Залиште порожнім те, чого не знаєте, і опишіть це своїми словами нижче.
intake-field-submission-relation = Хто ви для людей, яких там утримують? (необов’язково)
intake-field-submission-consent = Чи можемо ми публікувати або цитувати написане вами?
intake-field-submission-contact = Як з вами зв’язатися (необов’язково)
intake-field-contact-what = Ваше повідомлення
intake-field-contact-contact = Як з вами зв’язатися (необов’язково)
intake-field-files = Файли (необов’язково): документи, фото, відео
intake-hint-site = Виберіть зі списку або вкажіть, що місця в ньому немає чи що ви не знаєте.
intake-hint-place = Населений пункт, адреса або як виглядає це місце.
intake-hint-submission-what = Що ви бачили, чули чи пережили; імена утримуваних людей, якщо вони згодні. Пишіть стільки, скільки вважаєте за потрібне.
intake-hint-contact-what = До 20 000 символів.
intake-hint-when = Дата, місяць або «весна 2023».
intake-hint-contact = Наприклад, номер у Signal або адреса електронної пошти. Залиште порожнім, щоб лишатися анонімними.
intake-hint-files = До { $max ->
    [one] { $max } файлу
   *[other] { $max } файлів
} і { $size } загалом. Можна вибрати кілька файлів одразу.
intake-site-choose = Виберіть…
intake-site-unknown = Я не знаю, де саме
intake-site-elsewhere = Місце, якого немає в списку
relation-former_prisoner = Мене там утримували
relation-relative = Там утримують або утримували мого родича
relation-witness = Я був(-ла) свідком
relation-journalist = Я журналіст(-ка) або дослідник(-ця)
relation-other = Інше
publish-consent-anonymised = Так, без мого імені
publish-consent-named = Так, з моїм ім’ям (укажіть його в полі для зв’язку)
publish-consent-not_for_publication = Ні: лише для перевірки й досліджень, нічого з цього не публікувати
intake-send = Надіслати
intake-continue = Далі: перевірити й додати файли
intake-files-next = Файли можна додати на наступній сторінці, перевіривши написане. Доти нічого не надсилається.
intake-files-not-kept = { $count ->
    [one] { $count } вибраний файл не збережено через помилки вище. Додайте його ще раз на наступній сторінці.
    [few] { $count } вибрані файли не збережено через помилки вище. Додайте їх ще раз на наступній сторінці.
   *[other] { $count } вибраних файлів не збережено через помилки вище. Додайте їх ще раз на наступній сторінці.
}
intake-check-title = Перевірте й надішліть
intake-check-lead = Ще нічого не надіслано. Перевірте написане, додайте файли, якщо є, і натисніть «Надіслати».
intake-check-change = Змінити написане
intake-to-contact = Лише запитання чи повідомлення? Зв’яжіться з командою
intake-to-submit = Інформація про місце утримання? Надішліть її
intake-to-receipt = Переглянути відповіді за кодом
size-b = { $n } Б
size-kib = { $n } КБ
size-mib = { $n } МБ
intake-problem-required = Дайте, будь ласка, відповідь: «{ $field }»
intake-problem-too-long = Скоротіть, будь ласка, відповідь «{ $field }» до { $max ->
    [one] { $max } символу
   *[other] { $max } символів
}.
intake-problem-choice = Виберіть, будь ласка, один із запропонованих варіантів: «{ $field }»
intake-problem-control = Відповідь «{ $field }» містить символи, яких не буває в тексті; введіть її, будь ласка, ще раз.
intake-problem-month = Будь ласка, запишіть «{ $field }» як рік і місяць, наприклад 2022-04
intake-problem-month-order = «{ $field }» раніше за перший місяць; перевірте обидва
intake-error-fields = Деякі відповіді потребують уваги. Нічого не надіслано; введене вами збережено нижче.
intake-error-too-many-files = Одночасно можна надіслати не більше ніж { $max ->
    [one] { $max } файл
    [few] { $max } файли
   *[other] { $max } файлів
}. Нічого не надіслано; введене вами збережено нижче. Виберіть менше файлів, а решту надішліть пізніше, скориставшись кодом для відповіді.
intake-error-file-too-large = Файл «{ $name }» більший за { $max }. Нічого не надіслано; введене вами збережено нижче.
intake-error-too-large = Файли разом більші за { $max }. Нічого не надіслано; введене вами збережено нижче. Надішліть зараз менше файлів, а решту пізніше, скориставшись кодом для відповіді.
intake-error-type-mismatch = Файл «{ $name }» позначено як { $declared }, але насправді це { $actual }. Нічого не надіслано; введене вами збережено нижче. Перевірте файл або перейменуйте його відповідно до вмісту.
intake-error-truncated = Надсилання обірвалося, тому нічого не збережено. Перевірте з’єднання та надішліть ще раз.
intake-error-malformed = Форму не вдалося прочитати: частина її хибно сформована (наприклад, назва файла з недозволеними символами). Нічого не збережено; введене вами збережено нижче. Перейменуйте файл і надішліть ще раз.
intake-error-storage = На нашому боці сталася помилка, і нічого не збережено. Спробуйте, будь ласка, пізніше.
intake-error-database = База даних не відповіла, тож нічого не збережено. Те, що ви ввели, залишилося тут: будь ласка, надішліть ще раз за хвилину.
intake-error-node-down = Сервер, що приймає повідомлення, зараз недоступний, тож нічого не надіслано й не збережено. Те, що ви ввели, залишилося тут: будь ласка, надішліть ще раз за кілька хвилин.
receipt-error-database = База даних не відповіла, тож код не вдалося перевірити. Нічого не змінено. Спробуйте ще раз за хвилину.
intake-error-rate-limited = За останню годину звідси надійшло багато повідомлень, тому це не прийнято. Нічого не надіслано; введене вами збережено нижче. Спробуйте, будь ласка, пізніше.
intake-error-busy-client = Інше ваше завантаження ще триває. Нічого не надіслано; введене вами збережено нижче. Дочекайтеся, поки воно завершиться, і надішліть це ще раз.
intake-error-busy = Зараз одночасно надходить багато завантажень. Нічого не надіслано; введене вами збережено нижче. Спробуйте, будь ласка, за кілька хвилин.
intake-error-disk-full = Команда зараз не може прийняти файли: її сховище майже заповнене. Нічого не надіслано; введене вами збережено нижче. Можна надіслати повідомлення без файлів зараз або спробувати пізніше.
intake-error-token = Ця форма застаріла або надійшла не з цього сайту. Нічого не надіслано; введене вами збережено нижче. Надішліть її ще раз із цієї сторінки.
intake-error-no-cookie = Цій формі потрібен один файл cookie, лише для цього сайту, щоб знати, що її надіслано з цієї сторінки, а ваш браузер його не повернув. Дозвольте файли cookie для цього сайту (вони нічого не відстежують) і надішліть форму ще раз. Нічого не надіслано; введене вами збережено нижче.
intake-sent-title = Отримано — дякуємо
intake-sent-lead = { $count ->
    [0] Ваше повідомлення отримано й зашифровано.
    [one] Ваше повідомлення і { $count } файл отримано й зашифровано.
    [few] Ваше повідомлення і { $count } файли отримано й зашифровано.
   *[other] Ваше повідомлення і { $count } файлів отримано й зашифровано.
}
intake-sent-receipt = Ваш секретний код для відповіді:
intake-sent-write-down = Запишіть цей код зараз. Його показано лише один раз, і відновити його ми не можемо.
intake-sent-how = З нею ви зможете побачити, чи ми прочитали ваше повідомлення, прочитати наші відповіді, відповісти й надіслати ще файли:
receipt-title = Відповіді за кодом
receipt-lead = Введіть 16-значний код, який ви отримали. Ви побачите стан надісланого й наші відповіді; саме надіслане більше не показується.
receipt-field = Код для відповіді
receipt-hint = 16 цифр; пробіли й дефіси не мають значення.
receipt-open = Відкрити
receipt-status = Стан
receipt-replies = Відповіді команди
receipt-no-replies = Відповідей поки немає.
receipt-answer = Відповісти або надіслати ще
receipt-answer-lead = Надіслане тут буде додано до вашого попереднього повідомлення й зашифровано так само.
receipt-message = Ваше повідомлення
receipt-leave = Коли закінчите, закрийте цю вкладку. Код ніколи не потрапляє в адресу сторінки, тож його немає в історії браузера; а от сам візит на цей сайт там є, якщо ви не користуєтеся браузером Tor або приватним вікном.
receipt-error-empty = Введіть, будь ласка, код.
receipt-error-digits = Код складається лише з цифр.
receipt-error-length = Код має 16 цифр. Перевірте його та спробуйте ще раз.
receipt-error-unknown = Повідомлення з таким кодом немає. Перевірте цифри та спробуйте ще раз.
receipt-error-rate-limited = За останню годину звідси перевірили забагато кодів. Спробуйте, будь ласка, пізніше.
receipt-error-busy = Зараз одночасно перевіряють багато кодів. Спробуйте, будь ласка, за хвилину.
receipt-error-message = Повідомлення задовге або містить символи, яких не буває в тексті.
receipt-error-nothing = Напишіть повідомлення або виберіть файли для надсилання.
receipt-reply-unreadable = Цю відповідь неможливо прочитати.
receipt-follow-up-sent = { $count ->
    [0] Ваше повідомлення отримано й зашифровано.
    [one] Ваше повідомлення і { $count } файл отримано й зашифровано.
    [few] Ваше повідомлення і { $count } файли отримано й зашифровано.
   *[other] Ваше повідомлення і { $count } файлів отримано й зашифровано.
}
receipt-status-new = Отримано. Ніхто з команди ще не прочитав.
receipt-status-in-review = Команда читає й перевіряє.
receipt-status-follow-up = Команда має до вас запитання: див. відповіді нижче.
receipt-status-verified = Команда перевірила. Дякуємо.
receipt-status-closed = Команда закрила це звернення.

## Черга надісланого (робочий кабінет).
staff-intake-new = { $count ->
    [one] { $count } нове звернення чекає на прочитання.
    [few] { $count } нові звернення чекають на прочитання.
   *[other] { $count } нових звернень чекають на прочитання.
}
staff-intake = Надіслане
staff-intake-unreached = Цей сервер не може зв’язатися з вузлом, що приймає надіслане, тож надіслане після останнього щоденного перенесення у спільні сховища тут не пораховано.
intake-locked = Ваш ключ для читання надісланого не розблоковано в цьому сеансі (можливо, сервер перезапускався). Вийдіть і увійдіть знову, щоб читати.
intake-not-shared = Це звернення ще не передано вашому ключу. Це станеться, коли наступного разу ввійде інший читач.
intake-filter = Фільтр за станом
intake-all = Усі
intake-empty = Тут нічого немає.
intake-col-kind = Форма
intake-col-received = Отримано
intake-col-assignee = Відповідальний
intake-col-files = Файли
intake-col-follow-ups = Доповнення
intake-col-last = Останнє повідомлення
intake-col-name = Назва
intake-col-type = Тип
intake-col-size = Байтів
intake-col-actions = Дії
intake-kind-submission = Інформація
intake-kind-contact = Зв’язок
intake-status-new = Нове
intake-status-in_review = На розгляді
intake-status-follow_up = Потрібне уточнення
intake-status-verified = Перевірено
intake-status-rejected = Відхилено
intake-status-spam = Спам
intake-status-archived = В архіві
intake-detail-title = Звернення { $id }
intake-what = Що написав відправник
intake-thread = Повідомлення
intake-thread-empty = Відтоді повідомлень не було.
intake-author-source = Відправник
intake-author-reply = Відповідь від { $name } (відправник може прочитати)
intake-author-note = Внутрішня нотатка від { $name }
intake-files = Файли
intake-no-files = Файлів немає.
intake-copy-of = Копія «{ $name }» без метаданих
intake-reveals-location = Цей оригінал містить GPS-дані: де його знято. Поширюйте лише копію без метаданих.
intake-reveals-device = Цей оригінал називає пристрій, яким його зроблено. Поширюйте лише копію без метаданих.
intake-reveals-both = Цей оригінал містить GPS-дані (де його знято) і називає пристрій, яким його зроблено. Поширюйте лише копію без метаданих.
intake-declared = позначено як { $type }
intake-download = Завантажити
intake-make-copy = Зробити копію без метаданих
intake-manage = Опрацювати
intake-nobody = Нікого
intake-save-triage = Зберегти стан і відповідального
intake-reply = Відповісти відправникові
intake-reply-hint = Шифрується так, що прочитати можуть лише команда й власник коду. Не називайте відправника.
intake-send-reply = Надіслати відповідь
intake-note = Внутрішня нотатка
intake-note-hint = Читає лише команда.
intake-add-note = Додати нотатку
intake-records = Створити записи
intake-records-lead = Кожна кнопка відкриває нову чернетку, заповнену з цього звернення. Перед збереженням знеособте текст: приберіть імена, місця й подробиці, за якими можна впізнати відправника.
intake-to-source = Нове джерело
intake-to-finding = Новий висновок
intake-to-testimony = Нова чернетка свідчення
intake-linked = Записи, створені з нього:
intake-done-reply = Відповідь надіслано.
intake-done-note = Нотатку додано.
intake-done-copy = Копію без метаданих створено; оригінал не змінено.
intake-bad-status = Такого стану немає.
intake-bad-assignee = Цей обліковий запис не може читати надіслане.
intake-bad-text = Напишіть текст не довший за 20 000 символів.
intake-bad-file = У цьому зверненні немає такого файла.
intake-not-image = Без метаданих можна копіювати лише зображення JPEG, PNG і WebP.
intake-image-too-large = Зображення завелике, щоб копіювати його тут (понад 64 МБ).
intake-copy-failed = Не вдалося створити копію.
intake-no-consent = Відправник не погодився на публікацію, тож чернетку свідчення з цього звернення створити не можна.
intake-draft-note = Цю чернетку створено зі звернення. Те, що написав відправник, показано нижче й не вписано в жодне поле: напишіть запис власними словами, без усього, що може його ідентифікувати.
intake-sender-words = Що написав відправник (лише для читання, із записом не зберігається)

## Чому значення не прийнято (problem-<code>): під полем форми.
problem-empty-file = файл порожній; потрібні рядок заголовка і рядки з даними
problem-no-rows = у файлі є заголовок, але немає жодного рядка з даними
problem-too-many-rows = у файлі понад { $max ->
    [one] { $max } рядок
    [few] { $max } рядки
   *[other] { $max } рядків
}
problem-unknown-column = невідомий стовпець; стовпці мають бути такі: { $known }
problem-repeated-column = стовпець трапляється двічі
problem-missing-column = бракує обов’язкового стовпця
problem-field-count = у рядку { $found ->
    [one] { $found } поле
    [few] { $found } поля
   *[other] { $found } полів
}, а в заголовку — { $expected }
problem-not-utf8 = рядок — не текст у кодуванні UTF-8
problem-bad-csv = рядок не вдається прочитати як CSV ({ $detail })
problem-duplicate = «{ $key }» трапляється в цьому файлі більше ніж один раз
problem-required = це поле потрібно заповнити
problem-empty = порожнє значення
problem-too-long = довше ніж { $max ->
    [one] { $max } символ
    [few] { $max } символи
   *[other] { $max } символів
}
problem-control-character = містить керівний символ ({ $character }), якого в тексті не буває
problem-not-in-vocabulary = «{ $value }» немає в переліку «{ $vocabulary }»; можливі значення: { $expected }
problem-listed-twice = «{ $value }» вказано двічі
problem-bad-id = «{ $value }» не годиться як ідентифікатор: лише малі латинські літери, цифри й поодинокі дефіси
problem-reserved-page-id = «{ $value }» — це адреса частини сайту; оберіть для сторінки інший ідентифікатор
problem-not-boolean = «{ $value }» — ні «так», ні «ні» (true чи false)
problem-not-number = «{ $value }» — не число
problem-not-whole-number = «{ $value }» — не ціле число
problem-coordinate-out-of-range = { $value } — поза допустимими межами (від −{ $max } до { $max })
problem-not-country = «{ $value }» — не код країни за ISO 3166 (дві великі латинські літери, наприклад UA)
problem-not-language = «{ $value }» — не двобуквений код мови за ISO 639-1 (наприклад, uk)
problem-not-sha256 = це не геш SHA-256 (64 шістнадцяткові цифри)
problem-invalid-url = «{ $value }» — неправильна вебадреса; введіть адресу повністю, починаючи з https://
problem-not-http = «{ $value }» — не адреса http чи https
problem-no-host = у вебадресі «{ $value }» немає назви сайту
problem-not-account-name = «{ $value }» не годиться як ім’я облікового запису: від { $min } до { $max ->
    [one] { $max } символу
   *[other] { $max } символів
} — малі латинські літери, цифри, «.», «-» або «_», на початку літера
problem-not-role = «{ $value }» — не роль; ролі: { $roles }
problem-not-year = «{ $value }» — не рік із чотирьох цифр
problem-year-out-of-range = рік { $year } — поза допустимими межами ({ $min }–{ $max })
problem-not-two-digit-month = «{ $value }» — не номер місяця з двох цифр
problem-not-two-digit-day = «{ $value }» — не номер дня з двох цифр
problem-month-out-of-range = місяця з номером { $month } не буває (1–12)
problem-day-out-of-range = у цьому місяці немає дня з номером { $day } (1–{ $max })
problem-not-month = «{ $value }» — не місяць у форматі РРРР-ММ
problem-not-date = «{ $value }» — не дата у форматі РРРР, РРРР-ММ або РРРР-ММ-ДД
problem-not-full-date = «{ $value }» — не повна дата у форматі РРРР-ММ-ДД
problem-ends-before-start = { $end } — раніше, ніж «{ $field }» ({ $start })
problem-occupied-outside-ukraine = окупованою територією може бути лише територія України, а країна тут — { $country }
problem-consent-required = це поле потрібно заповнити, якщо поле «{ $source }» порожнє
problem-stay = місце утримання № { $number }: { $problem }
problem-stay-site = місце утримання № { $number }, ідентифікатор місця: { $problem }
problem-not-period = «{ $value }» — не період у форматі РРРР-ММ..РРРР-ММ
problem-stay-ends-before-start = закінчується ({ $end }) раніше, ніж починається ({ $start })
problem-too-many-stays = понад { $max ->
    [one] { $max } місце утримання
    [few] { $max } місця утримання
   *[other] { $max } місць утримання
}
problem-unknown-site = місця з ідентифікатором «{ $id }» немає
problem-unknown-source = джерела з ідентифікатором «{ $id }» немає
problem-already-exists = запис з ідентифікатором «{ $id }» уже існує
problem-no-such-record = запису «{ $id }» немає
problem-change-replaced = зміну запису «{ $id }», що чекала на перевірку, замінила новіша: спершу прочитайте її
problem-change-not-of-record = запропонована зміна не стосується запису «{ $id }»
problem-no-longer-valid = запропонована зміна більше не проходить перевірки ({ $problems })
problem-account-exists = обліковий запис «{ $name }» уже існує
problem-no-such-account = такого облікового запису немає
problem-password-too-short = пароль має містити щонайменше { $min ->
    [one] { $min } символ
    [few] { $min } символи
   *[other] { $min } символів
}
problem-password-too-long = пароль має містити не більше ніж { $max ->
    [one] { $max } символ
    [few] { $max } символи
   *[other] { $max } символів
}
problem-password-hash = пароль не вдалося обробити; спробуйте, будь ласка, ще раз
vocabulary-site-type = типи місць
vocabulary-coord-precision = точність координат
vocabulary-site-status = стан місця
vocabulary-abuse-type = види насильства
vocabulary-source-kind = види джерел
vocabulary-reliability = оцінки надійності (A–F)
vocabulary-credibility = оцінки достовірності (1–6)
vocabulary-witness-role = хто свідчить
vocabulary-consent = підстави для публікації
vocabulary-intake-status = стан звернення
vocabulary-sender-relation = хто пише
vocabulary-publish-consent = згода на публікацію
vocabulary-revision-action = дії з записом
vocabulary-section-kind = розділи профілю

## Відкриті дані: сторінка завантажень, файли та їхні стовпці

nav-data = Відкриті дані
data-title = Відкриті дані
data-description = Усі оприлюднені записи у файлах для таблиць, QGIS, R чи Gephi: CSV, GeoJSON, стрічка новин і набір даних для цитування з контрольними сумами та контрольною точкою журналу аудиту.
data-lead = Кожен запис, оприлюднений на цьому сайті, можна завантажити, використати й процитувати. Файли нижче зроблено з тих самих оприлюднених записів, що й сторінки, і вони змінюються разом із ними. У них немає нічого з того, що надіслали джерела, і нічого неоприлюдненого.
data-licence = Зібрані записи (назви, місця, оцінки, стислі викладення нашими словами) оприлюднено за ліцензією Creative Commons Attribution 4.0 (CC BY 4.0): використовуйте їх, зазначаючи Inferno та адресу запису. Звіти, на які вони посилаються, належать їхнім видавцям; переходьте за посиланнями, щоб їх прочитати.
data-bundle-heading = Набір даних
data-bundle-text = Один ZIP-файл з усіма файлами CSV і GeoJSON та описом пакета Frictionless Data (datapackage.json): тип і обмеження кожного стовпця, зв’язки між таблицями, контрольна сума SHA-256 кожного файлу, дата, ліцензія та підписана контрольна точка журналу аудиту, на якій набір було зроблено. З контрольною точкою будь-хто може згодом попросити нас довести, що запис змінювали або не змінювали відтоді.
data-bundle-link = Завантажити набір даних (ZIP)
data-package-link = лише його опис (datapackage.json)
data-files-heading = Файли
data-made = Ці файли зроблено з даних станом на { $date }; їх роблять знову щоразу, коли змінюється запис.
data-made-unknown = Ці файли роблять з оприлюднених записів, знову щоразу, коли змінюється запис.
data-files-text = Кожна таблиця є у двох видах: основний файл CSV (UTF-8, як у наборі даних) і той самий файл для електронних таблиць, що починається з позначки порядку байтів, щоб Excel правильно показував українські літери. Кожен має двійника в JSON API.
data-spreadsheet-link = для електронних таблиць (UTF-8 з BOM)
data-api-twin = API:
data-api-heading = JSON API
data-api-text = Ті самі записи у форматі JSON, лише для читання, без ключа й реєстрації. Кожен файл вище має двійника в API, а кожен перелік API — файл.
data-api-base = Базова адреса
data-api-document = Усі кінцеві точки й поля
data-api-example-heading = Приклад запиту
data-api-pages = Переліки надходять сторінками по 50 записів (limit від 1 до 200) у порядку ідентифікаторів (для тверджень і переведень — курсорів). Відповідь дає адресу наступної сторінки в полі next і в заголовку Link; на останній сторінці next дорівнює null. Кожна відповідь має ETag: надішліть його в If-None-Match, і незмінена відповідь буде 304 без тіла.
data-api-cors = Будь-яка вебсторінка може читати API і файли (CORS: Access-Control-Allow-Origin дорівнює *, для GET). Неправильний параметр — це відповідь 400, JSON якої його називає.
data-file-geojson = Місця як точки (GeoJSON, RFC 7946, довгота й широта у WGS 84) зі стовпцями sites.csv як властивостями. QGIS, GDAL і більшість вебмап відкривають його без змін.
data-feed-heading = Стрічка новин
data-feed-text = Новини у стрічці Atom для програм читання стрічок: англійською та українською.
data-columns-heading = Стовпці { $file }
data-column-name = Стовпець
data-column-type = Тип
data-column-meaning = Що містить
data-required = заповнено завжди
data-format-heading = Як записано файли
data-format-text = UTF-8, значення розділено комами, перший рядок — заголовки, значення в лапках, якщо містить кому, лапки чи розрив рядка. Порожнє значення означає «невідомо» або «немає». Списки (види порушень, оператори, місця) розділено крапкою з комою. Дати подано з відомою точністю: рік, рік і місяць або повна дата. Коди — з довідників, наведених під кожним стовпцем; їхні назви є на сторінках цього сайту. Текстове значення, яке електронна таблиця виконала б як формулу (воно починається з =, +, -, @, табуляції чи розриву рядка, також після пробілів), записано з апострофом на початку, щоб таблиця показала його як текст і нічого не виконала; приберіть цей апостроф, щоб отримати точне значення, або скористайтеся JSON API чи GeoJSON, які зберігають кожне значення без змін.
data-type-text = текст
data-type-code = один код
data-type-code_list = коди через ;
data-type-text_list = тексти через ;
data-type-integer = ціле число
data-type-number = десяткове число
data-type-boolean = true або false
data-type-year_month = рік і місяць (РРРР-ММ)
data-type-partial_date = дата (РРРР, РРРР-ММ або РРРР-ММ-ДД)
data-type-url = вебадреса
data-type-country = код країни (ISO 3166-1)
data-codes = Коди: { $codes }
data-table-sites = Місця утримання: один рядок — одне місце.
data-table-sources = Документи, з яких узято відомості, оцінені за шкалою Адміралтейства: один рядок — одне джерело.
data-table-findings = Що одне джерело каже про одне місце: один рядок — одна пара.
data-table-testimonies = Оприлюднені знеособлені свідчення: один рядок — одне свідчення.
data-table-transfers = Переведення між двома місцями, записані у свідченнях: один рядок — одне переведення.
data-table-news = Новини про місця, кожна з посиланням на первинну статтю: один рядок — одна новина.
data-column-news-date = День публікації (або місяць чи рік, якщо відомо лише це).
data-column-news-title_en = Заголовок англійською.
data-column-news-title_uk = Заголовок українською.
data-column-news-summary_en = Про що повідомляє новина, кількома реченнями, англійською.
data-column-news-summary_uk = Про що повідомляє новина, кількома реченнями, українською.
data-column-news-body_en = Довший текст у Markdown, англійською.
data-column-news-body_uk = Довший текст у Markdown, українською.
data-column-news-source_name = Видання, що опублікувало первинну статтю.
data-column-news-source_url = Адреса первинної статті.
data-column-news-site_ids = Місця, про які йдеться в новині (sites.csv).
data-column-id = Сталий ідентифікатор запису; його сторінка на цьому сайті зберігає його.
data-column-url = Сторінка запису на цьому сайті (англійською; /uk/ замість /en/ дає українську сторінку).
data-column-updated_on = День, коли запис (а для місця — те, що про нього сказано) востаннє змінився.
data-column-abuse_types = Задокументовані види порушень, кодами.
data-column-sites-abuse_types = Види порушень, задокументовані в місці його відомостями, кодами.
data-column-sites-name_en = Назва місця англійською.
data-column-sites-name_uk = Назва місця українською.
data-column-sites-name_ru = Оригінальна назва місця російською, якщо відома.
data-column-sites-site_type = Що це за місце.
data-column-sites-settlement_en = Населений пункт, англійською.
data-column-sites-settlement_uk = Населений пункт, українською.
data-column-sites-region_en = Регіон (область, край, республіка), англійською.
data-column-sites-region_uk = Регіон (область, край, республіка), українською.
data-column-sites-country = Держава, на території якої місце: місце на окупованій території України — UA.
data-column-sites-occupied = Територія була під російською окупацією, коли повідомляли про утримання там.
data-column-sites-lat = Широта, WGS 84, у десяткових градусах.
data-column-sites-lon = Довгота, WGS 84, у десяткових градусах.
data-column-sites-coord_precision = Наскільки точно відомі координати: будівля, населений пункт чи лише регіон.
data-column-sites-operators = Органи, що керують місцем (ФСВП, ФСБ, Міноборони, окупаційна влада).
data-column-sites-reported_from = Перший місяць, коли повідомляли про полонених там.
data-column-sites-reported_to = Останній місяць, коли повідомляли про полонених там.
data-column-sites-status = Чи досі повідомляють про утримання полонених там.
data-column-sites-sources = Скільки оприлюднених джерел мають відомості про місце.
data-column-sites-independent_sources = Скільки з них незалежні одне від одного (різні групи незалежності).
data-column-sites-testimonies = Скільки оприлюднених свідчень записують перебування в цьому місці.
data-column-sources-kind = Що це за документ.
data-column-sources-title = Заголовок, як його опубліковано; порожній, якщо команда не змогла його прочитати.
data-column-sources-publisher = Хто опублікував.
data-column-sources-published_on = Коли опубліковано.
data-column-sources-url = Адреса оригіналу.
data-column-sources-language = Мова прочитаного тексту (ISO 639-1).
data-column-sources-reliability = Надійність джерела за шкалою Адміралтейства: від A (надійне) до F (неможливо оцінити).
data-column-sources-credibility = Достовірність інформації за шкалою Адміралтейства: від 1 (підтверджена) до 6 (неможливо оцінити).
data-column-sources-independence_group = Джерела, що переказують те саме первинне повідомлення, мають спільну групу; підтвердження рахують за групами.
data-column-sources-notes_en = Чому його так оцінено, англійською.
data-column-sources-notes_uk = Чому його так оцінено, українською.
data-column-sources-archived_sha256 = SHA-256 архівної копії оригіналу, коли її зроблено.
data-column-findings-source_id = Джерело (sources.csv).
data-column-findings-site_id = Місце (sites.csv).
data-column-findings-period_from = Перший місяць, який охоплює розповідь джерела.
data-column-findings-period_to = Останній місяць, який охоплює розповідь джерела.
data-column-findings-note_en = Що джерело каже про місце, англійською.
data-column-findings-note_uk = Що джерело каже про місце, українською.
data-column-testimonies-source_id = Видання, що оприлюднило розповідь, якщо її оприлюднювали раніше (sources.csv).
data-column-testimonies-witness_role = Хто розповів: колишній полонений, родич, інший свідок.
data-column-testimonies-summary_en = Розповідь, переказана й знеособлена, англійською.
data-column-testimonies-summary_uk = Розповідь, переказана й знеособлена, українською.
data-column-testimonies-site_ids = Місця, де утримували свідка, по черзі (sites.csv).
data-column-transfers-testimony_id = Свідчення, що записує переведення (testimonies.csv).
data-column-transfers-sequence = 1 для першого переведення у свідченні, 2 для наступного і так далі.
data-column-transfers-from_site_id = Місце, звідки полоненого перевели (sites.csv).
data-column-transfers-to_site_id = Місце, куди полоненого перевели (sites.csv).
data-column-transfers-held_from = Місяць, коли почалося перебування в першому місці, якщо відомо.
data-column-transfers-moved_on = Місяць переведення, якщо відомо.
data-column-transfers-held_to = Місяць, коли закінчилося перебування в другому місці, якщо відомо.
feed-title = Inferno: новини

## Переведення між місцями

count-moves = { $count ->
    [one] { $count } переведення
    [few] { $count } переведення
   *[other] { $count } переведень
}
transfers-heading = Переведення
transfers-intro = Переведення до цього місця і з нього, записані в оприлюднених свідченнях, із місяцями, де їх названо.
transfers-network-link = Уся мережа переведень
transfers-came-from = Привезли сюди з
transfers-moved-to = Вивезли звідси до
transfers-testimonies = Свідчення:
network-title = Переведення між місцями
network-description = Маршрути, якими українських полонених переводили між місцями утримання, за оприлюдненими свідченнями.
network-lead = Полонених переводять з місця на місце, часто багато разів. Кожне переведення нижче взято з двох послідовних перебувань в оприлюдненому свідченні; маршрут рахує всі переведення між тими самими двома місцями в одному напрямку.
network-summary = Записано переведень: { $moves }. Маршрутів: { $routes }. Місць: { $sites }.
network-map-title = Мапа маршрутів переведення між місцями утримання
network-map-caption = Кожна лінія — маршрут, стрілка вказує, куди вивезли полонених; лінія тим товща, чим більше переведень, і вигинається праворуч, тож два напрямки між двома місцями не зливаються.
network-show-routes = Показати маршрути переведень
network-hide-routes = Мапа без маршрутів
network-routes-heading = Головні маршрути
network-none = Жодне оприлюднене свідчення ще не записує переведення між двома місцями.
network-col-from = Звідки
network-col-to = Куди
network-col-moves = Переведень
network-col-when = Коли
network-col-testimonies = Свідчення
network-sites-heading = Місця з найбільшою кількістю переведень
network-col-site = Місце
network-col-in = Привезли
network-col-out = Вивезли
network-download = Усі переведення таблицею (CSV)

## Пошук

search-title = Пошук
search-description = Шукайте місця, джерела, свідчення та новини за будь-якою назвою чи написанням: українською, російською, англійською чи в транслітерації.
search-label = Пошук на сайті
search-placeholder = Місце чи назва, будь-яким написанням
search-button = Шукати
search-hint = Назви знаходяться в будь-якому написанні (Таганрог, Tahanroh, Taganrog), одну помилку пробачено; візьміть слова в лапки, щоб знайти їх разом.
search-found = { $count ->
    [0] Нічого не знайдено
    [one] { $count } результат
    [few] { $count } результати
   *[other] { $count } результатів
}
search-none = Спробуйте інше написання, менше слів або приберіть фільтр.
search-facet-kind = Що
search-facet-type = Тип місця
search-facet-country = Країна
search-facet-abuse = Задокументовані порушення
search-any = Будь-що
search-kind-site = Місце
search-kind-source = Джерело
search-kind-testimony = Свідчення
search-kind-news = Новина
search-testimony = Свідчення { $number }
field-aliases = Інші назви та написання (через ;)
name-aliases = Також пишуть
data-column-sites-aliases = Інші назви та написання місця, що трапляються в джерелах, через крапку з комою.
search-filters = Звузити результати
mirror-search-hint = Ця копія сайту шукає у вашому браузері, з JavaScript: за назвами в будь-якому написанні та за початками слів (пошук на самому сайті ще й пробачає помилки і знаходить фрази). Без JavaScript усі місця є в
mirror-search-sites = переліку місць.
mirror-search-count = Знайдено: { $count }

## The audit log: actions in words (the stored words are codes).
audit-revision = { $kind }: { $action }
audit-login = Вхід
audit-login_failed = Невдалий вхід
audit-login_refused = Вхід відхилено (такого облікового запису немає)
audit-login_throttled = Вхід сповільнено після невдалих спроб
audit-logout = Вихід
audit-session_ended = Сесію завершено
audit-forbidden = Відмовлено: роль цього не дозволяє
audit-csrf_refused = Відмовлено: токена форми немає або він хибний
audit-password_change = Зміна пароля
audit-password_change_failed = Невдала зміна пароля
audit-password_change_throttled = Зміну пароля сповільнено після невдалих спроб
audit-user_create = Створення облікового запису
audit-user_disable = Вимкнення облікового запису
audit-user_enable = Увімкнення облікового запису
audit-user_reset_2fa = Скидання другого фактора облікового запису
audit-reader_key_created = Створення ключа для читання надісланого
audit-users_view = Перегляд облікових записів
audit-import = Імпорт файлу
audit-record_note = Нотатка команди до запису
audit-copy = Копіювання бази даних
audit-secrets_import = Передання вузлу секретів
audit-audit_view = Перегляд журналу аудиту
audit-intake_queue_view = Перегляд списку надісланого
audit-intake_view = Читання надісланого
audit-intake_download = Відкриття надісланого файлу
audit-intake_status = Зміна статусу надісланого
audit-intake_assign = Призначення надісланого
audit-intake_reply = Відповідь джерелу
audit-intake_note = Внутрішня нотатка
audit-intake_public_copy = Копія файлу без метаданих
audit-intake_link = Зв’язок надісланого із записом
audit-intake_keys_shared = Передання ключів надісланого новому читачеві
audit-intake_purge = Видалення надісланого та його файлів
audit-intake_seal = Перенесення надісланого за день у спільні сховища

## The indexes of testimonies and of sources.
testimonies-title = Свідчення
testimonies-description = Усі опубліковані свідчення людей, яких утримували в цих місцях, або їхніх рідних — знеособлені, з місцями, які вони називають.
testimonies-index-intro = Що розповіли люди, яких утримували, або їхні рідні про місця утримання — знеособлено й скорочено; кожне свідчення називає місця в тому порядку, в якому людину там тримали.
testimonies-none = Жодного свідчення ще не опубліковано.
testimonies-in-context = Читати на сторінці місця, поруч з іншими доказами
sources-title = Джерела
sources-description = Усі джерела, на яких ґрунтуються твердження, — найнадійніші першими, з оцінкою.
sources-index-intro = Усі звіти, свідчення й документи, на яких ґрунтуються твердження, — найнадійніші першими. Кожне оцінено за надійністю того, хто його оприлюднив, і за достовірністю сказаного.
source-index-sites = { $count ->
    [0] ще жодного місця
    [one] про { $count } місце
    [few] про { $count } місця
   *[other] про { $count } місць
}

# Languages of sources, by ISO 639-1 code.
language-en = англійська
language-uk = українська
language-ru = російська
language-de = німецька
language-pl = польська
language-fr = французька
language-es = іспанська
language-it = італійська
language-be = білоруська
language-ka = грузинська
language-cs = чеська
language-lt = литовська
language-lv = латиська
language-et = естонська
language-ro = румунська
language-tr = турецька
language-nl = нідерландська
language-fi = фінська
language-sv = шведська
language-ja = японська
language-zh = китайська
language-ar = арабська
language-he = іврит
language-hu = угорська
language-sk = словацька
language-bg = болгарська
language-pt = португальська
language-da = данська
language-no = норвезька
language-kk = казахська
