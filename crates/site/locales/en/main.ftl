## Inferno — interface texts, English.
## Keep the keys in step with uk/main.ftl (a test checks).

site-name = Inferno
site-tagline = Where Russia holds Ukrainian prisoners of war
skip-to-content = Skip to content
nav-label = Main
nav-menu = Menu
nav-sites = Detention sites
nav-news = News
nav-faq = Questions and answers
nav-about = About and methodology
nav-help = How you can help
sample-notice = The data shown is a sample compiled from public reports, for demonstration and testing; check the original reports before relying on it.
sample-notice-more = About the sample
footer-about = Inferno documents places where Russia holds Ukrainian prisoners of war and what is done to them there, from public sources that are linked on every page. It is open-source software run by a small team of human-rights defenders, journalists and volunteers.
footer-privacy = This site loads nothing from other servers, sets no tracking cookies and does not record visitors' IP addresses.

## Errors
error-go-home = Go to the home page
error-go-sites = See all detention sites
error-not-found = Page not found
error-not-found-text = There is no page at this address. It may have been mistyped; the ids of published records never change.
error-bad-request = This address cannot be read
error-bad-request-text = Part of the address is not valid.
error-internal = Something went wrong
error-internal-text = The page could not be shown. Please try again later.
error-unavailable = The data cannot be read right now
error-unavailable-text = The database did not answer. Nothing was changed. Please try again in a minute; if this goes on, tell the team's administrator.
error-refused = This cannot be done
error-reference = Reference for the administrator: { $id }
error-busy = The server is busy
error-busy-text = Too many requests are waiting for the same work. Please try again in a few seconds.
error-bad-param = The filter “{ $param }” cannot be “{ $value }”. Accepted values: { $accepted }.

## Map
map-title = Map of detention sites; each marker links to the site's page
map-site-title = Location of { $name }
map-occupied-short = occupied Ukraine at the time of detention
map-label-ua = UKRAINE
map-label-ru = RUSSIA
map-label-by = BELARUS
legend-site = Site in Russia or Belarus
legend-occupied = Site in territory of Ukraine occupied at the time of detention
map-heading = Map
map-caption = Locations are approximate: most markers stand at the centre of the town. Sites at the same place are drawn side by side. Ukraine is shown within its internationally recognised borders.
map-list-link = All sites as a list
map-small-caption = Approximate location; Ukraine within its internationally recognised borders.

## Home
home-title = Places of detention of Ukrainian prisoners of war
home-description = A sourced map and register of places where Russia holds Ukrainian prisoners of war, and of what is done to them there.
home-heading = Where Russia holds Ukrainian prisoners of war
home-intro = Inferno brings together what is publicly known about the places where Ukrainian prisoners of war are held by Russia: the conditions, the abuse that released prisoners and investigators describe, and the sources for every claim.
figures-heading = Key figures
figure-sites = { $count ->
    [one] { $count } site documented
   *[other] { $count } sites documented
}
figure-in-russia = { $count } in Russia
figure-in-occupied = { $count } in occupied Ukraine
figure-elsewhere = { $count } elsewhere
figure-sources = { $count ->
    [one] { $count } source
   *[other] { $count } sources
}, { $independent } independent
figure-testimonies = { $count ->
    [one] { $count } testimony
   *[other] { $count } testimonies
}
home-news-heading = Latest news
home-all-news = All news
home-help-heading = How you can help
home-help-text = Former prisoners, relatives, witnesses, journalists and lawyers can all help to make this record complete and accurate.
home-help-link = What you can do

## Sites index
sites-title = Detention sites
sites-description = Register of places where Ukrainian prisoners of war are held by Russia, with filters by type, country and documented abuse.
sites-intro = Every site with what its sources document.
sites-filter-hint = Choose filters and press “Show”; the address of the page keeps your choice, so you can share it.
filters-legend = Filter and sort
filters-chosen = filters chosen
filter-type = Type of site
filter-country = Country
filter-occupied = Occupied at the time of detention
filter-occupied-yes = In territory occupied at the time
filter-occupied-no = Not in occupied territory
filter-abuse = Documented abuse
filter-any = Any
sort-label = Sort by
sort-name = Name
sort-sources = Number of independent sources
filters-apply = Show
sites-in-cell = Sites in the square { $south }–{ $north }° N, { $west }–{ $east }° E of the map.
filters-reset = Clear filters
filter-remove = Remove “{ $filter }: { $value }”
filter-cell = Map square
count-sites = { $count ->
    [one] { $count } site
   *[other] { $count } sites
}
count-sites-found = { $count ->
    [0] No sites found
    [one] { $count } site found
   *[other] { $count } sites found
}
page-status = Showing { $first }–{ $last } of { $total }
sites-none = No site matches these filters.
site-abuses-label = Documented:
sources-count = { $count ->
    [0] no sources yet
    [one] { $count } source, { $independent } independent
   *[other] { $count } sources, { $independent } independent
}
pagination-label = Pages
pagination-prev = Previous
pagination-next = Next
occupied-ukraine = territory of Ukraine occupied at the time of detention

country-RU = Russia
country-UA = Ukraine
country-BY = Belarus
country-MD = Moldova
country-KZ = Kazakhstan
country-GE = Georgia

site-type-pretrial_detention = Pre-trial detention centre (SIZO)
site-type-penal_colony = Penal colony
site-type-temporary_detention = Temporary detention
site-type-filtration_camp = Filtration camp
site-type-military_unit = Military unit
site-type-improvised_site = Improvised site
site-type-unknown = Unknown type

abuse-beating = Beating
abuse-electric_shock = Electric shocks
abuse-stress_position = Stress positions
abuse-starvation = Starvation
abuse-denial_of_medical_care = Denial of medical care
abuse-sexual_violence = Sexual violence
abuse-mock_execution = Mock execution
abuse-psychological_abuse = Psychological abuse
abuse-forced_labour = Forced labour
abuse-incommunicado = Held incommunicado
abuse-death_in_custody = Death in custody
abuse-dog_attacks = Dog attacks
abuse-cold_exposure = Exposure to cold
abuse-forced_propaganda = Forced propaganda

## Site page
site-description = { $name }, { $place }: conditions, documented abuse and sources.
fact-type = Type
fact-place = Place
fact-territory = Territory
fact-territory-occupied = Ukraine, occupied by Russia at the time of detention (when detention there was reported)
fact-coordinates = Coordinates
precision-exact = exact
precision-settlement = centre of the settlement, approximate
precision-region = region only, approximate
fact-operator = Run by
fact-period = Captives reported
fact-status = Status
status-in_use = In use
status-closed = Closed
status-unknown = Not known
fact-id = Record id
fact-updated = Last updated
name-in-uk = In Ukrainian
name-in-en = In English
name-in-ru = In Russian
section-overview = Overview
section-conditions = Conditions
section-torture_and_abuse = Torture and abuse
section-medical_care = Medical care
section-food = Food
section-outside_contact = Contact with the outside world
toc-heading = On this page
evidence-heading = Documented abuse
evidence-intro = Each type of abuse is listed with the sources that state it, the strongest first, each with its grade. Reliable means graded A–C for the source and 1–3 for the information; sources that relay the same original reporting count once.
evidence-method = How we weigh evidence
evidence-none = No source we have read states a type of abuse at this site. That does not mean none occurred.
evidence-col-abuse = Abuse
evidence-col-sources = Sources
evidence-col-which = Which sources
evidence-counts = { $count ->
    [one] 1 source
   *[other] { $count } sources
}, of which { $strong } independent and reliable
testimonies-heading = Testimonies
testimonies-intro = Accounts of people held here, paraphrased and without names.
testimony-abuses = Describes:
testimony-route = Places of detention, in order:
testimony-source = Published by
witness-former_prisoner = Former prisoner
witness-relative = Relative of a prisoner
witness-fellow_detainee = Fellow detainee
witness-other = Witness
consent-public_source = Paraphrased from an account already made public.
consent-witness_anonymised = Published anonymously with the witness's consent.
consent-witness_named = Published with the witness's consent.
sources-heading = Sources
sources-all = { $count ->
    [one] The { $count } source, page by page
   *[other] All { $count } sources, page by page
}
testimonies-all = { $count ->
    [one] The { $count } testimony, page by page
   *[other] All { $count } testimonies, page by page
}
evidence-more = { $count ->
    [one] and { $count } more
   *[other] and { $count } more
}
site-sources-title = Sources on { $name }
site-testimonies-title = Testimonies about { $name }
sources-intro = Every source that says something about this site, most reliable first, with what it says. Links go to the original publications.
sources-method-link = How sources are graded
source-counted-with = { $count ->
    [one] counted once with 1 other source relaying the same reporting
   *[other] counted once with { $count } other sources relaying the same reporting
}
finding-label = What it says here:
finding-abuses = Abuse stated:
finding-period = Period:
source-grading-note = Grading note:
grade-explained = Source reliability: { $reliability }; information credibility: { $credibility }
reliability-A = A, completely reliable
reliability-B = B, usually reliable
reliability-C = C, fairly reliable
reliability-D = D, not usually reliable
reliability-E = E, unreliable
reliability-F = F, reliability cannot be judged
credibility-1 = 1, confirmed by other sources
credibility-2 = 2, probably true
credibility-3 = 3, possibly true
credibility-4 = 4, doubtful
credibility-5 = 5, improbable
credibility-6 = 6, truth cannot be judged
source-kind-testimony = Testimony
source-kind-investigative_journalism = Investigative journalism
source-kind-official_document = Official document
source-kind-human_rights_report = Human-rights report
source-kind-open_database = Open database
source-kind-media = Media report
source-kind-other = Other
translation-missing = This text has not been translated yet; it is shown in the original language.
translation-missing-short = (not yet translated)
site-news-heading = News about this site
site-send-info = Send information about this place
source-counted-label = How it is counted
source-counted-alone = As an independent source of its own.
source-counted-together = Once, together with the sources that relay the same reporting:
source-untitled = { $kind }: { $publisher }
testimony-number = No. { $number }
source-record = Source record
source-description = A source of Inferno's records: { $publisher }, { $date }, its grade and what it reports about each site.
source-publisher = Publisher
source-date = Published
source-kind = Kind
source-language = Language
source-grade = Grade (Admiralty scale)
source-archived = SHA-256 of the archived copy
source-original = Read the original
source-reported-heading = What it reports, site by site
source-reported-none = No published site cites this source yet.
cite-heading = Cite this page
citation = Inferno, “{ $name }”, record { $id }, { $url } (last updated { $updated }; accessed { $accessed }).
citation-news = Inferno, “{ $title }”, { $date }, { $url } (last updated { $updated }; accessed { $accessed }).
citation-apa = Inferno. ({ $date }). { $name }. Retrieved { $accessed }, from { $url }
citation-chicago = Inferno. “{ $name }.” Last modified { $updated }. Accessed { $accessed }. { $url }.
citation-no-date = n.d.
cite-styles = APA and Chicago
date-apa = { $year }, { $month } { $day }
date-style = { $month } { $day }, { $year }
date-unknown = date not known

## Dates
month-1 = January
month-2 = February
month-3 = March
month-4 = April
month-5 = May
month-6 = June
month-7 = July
month-8 = August
month-9 = September
month-10 = October
month-11 = November
month-12 = December
month-genitive-1 = January
month-genitive-2 = February
month-genitive-3 = March
month-genitive-4 = April
month-genitive-5 = May
month-genitive-6 = June
month-genitive-7 = July
month-genitive-8 = August
month-genitive-9 = September
month-genitive-10 = October
month-genitive-11 = November
month-genitive-12 = December
date-full = { $day } { $month } { $year }
date-month = { $month } { $year }
period-from = from { $from }
period-until = until { $to }
period-unknown = dates not known

## News
news-title = News
news-description = News about places where Ukrainian prisoners of war are held, each with a link to the original article.
news-intro = Short summaries of reports about places of detention, newest first. Each links to the original article.
news-original = Read the original article
news-sites = Sites mentioned

## Questions and answers, other pages
faq-title = Questions and answers
faq-description = Answers to common questions about Inferno, its sources and its methods.
faq-toc = Questions
about-description = What Inferno is, who runs it, and how its information is collected, graded and published.
help-description = How former prisoners, relatives, witnesses, journalists and others can help.

## Back office
staff-title = back office
staff-nav-label = Back office
staff-login-title = Staff sign-in
staff-name = Account name
staff-password = Password
staff-code = Code from your authenticator app
staff-code-hint = Six digits. Each code works once.
staff-sign-in = Sign in
staff-sign-out = Sign out
staff-signed-in-as = Signed in as
staff-login-failed = The account name, password or code is wrong, or the code was already used.
staff-login-throttled = Too many failed attempts for this account. Wait a minute and try again.
staff-csrf-failed = This form has expired or did not come from this site. Load the page again and retry.
staff-no-accounts-note = No staff account exists yet. Create the first one on the server with: inferno user add NAME --role admin
staff-dashboard = Dashboard
staff-dashboard-intro = Create and edit records from the menu; reviewers publish them. Every change is kept in each record's history and in the audit log.
staff-recent = Recent activity
staff-audit = Audit log
staff-accounts = Accounts
staff-accounts-intro = Accounts are created, disabled and reset on the server with inferno user.
staff-forbidden = Not allowed
staff-forbidden-text = Your role does not allow this.
staff-audit-intact = The audit log is intact: { $count ->
    [one] its { $count } entry matches
   *[other] its { $count } entries match
} the latest signed checkpoint.
staff-audit-verify = The command line checks every checkpoint:
staff-audit-broken = The audit log has been tampered with: { $reason }.
staff-audit-pages = Pages of the audit log
staff-audit-newer = Newer entries
staff-audit-older = Older entries
staff-audit-filter = Narrow the log
staff-audit-anyone = Anyone
staff-audit-any-action = Any action
staff-audit-target-hint = A record, submission or account as the log names it, for example site/ru-taganrog-sizo-2.
staff-audit-apply = Show
staff-audit-all = Show every entry
staff-audit-empty = The log holds no entries yet.
staff-audit-none = No entry matches.
staff-audit-times = { $count } times in a row
staff-checkpoint = Latest signed checkpoint
staff-col-seq = No.
staff-col-time = Time
staff-col-actor = Who
staff-col-action = Action
staff-col-target = On
staff-col-detail = Detail
staff-col-name = Account
staff-col-role = Role
staff-col-status = Status
staff-active = active
staff-disabled = disabled
role-admin = administrator
role-editor = editor
role-reviewer = reviewer

## Back office: sites
field-id = Record id
hint-id = Lowercase latin letters, digits and hyphens, e.g. ru-taganrog-sizo-2. It never changes once published.
field-name_uk = Name in Ukrainian
hint-name_uk = As readers will see it.
field-name_en = Name in English
hint-name_en = As readers will see it.
field-name_ru = Original name in Russian
hint-name_ru = Optional.
field-facility_type = Type of site
hint-facility_type = From the taxonomy.
field-status = Status
hint-status = Whether captives are still reported there.
field-settlement_uk = Settlement in Ukrainian
hint-settlement_uk = Town or village.
field-settlement = Settlement in English
hint-settlement = Town or village.
field-region_uk = Region in Ukrainian
hint-region_uk = Oblast, republic or region.
field-region = Region in English
hint-region = Oblast, republic or region.
field-country = Country (ISO code)
hint-country = The state whose territory it is: UA for occupied Ukraine.
field-occupied_territory = Occupied territory
hint-occupied_territory = Under Russian occupation when detention there was reported.
field-lat = Latitude
hint-lat = Decimal degrees, WGS84.
field-lon = Longitude
hint-lon = Decimal degrees, WGS84.
field-coord_precision = Precision of the coordinates
hint-coord_precision = Exact only when a source gives the site itself.
field-operator = Run by
hint-operator = FSIN, FSB, MoD, occupation authorities…; several separated by ;
field-reported_from = Captives reported from
hint-reported_from = YYYY-MM, or empty.
field-reported_to = Captives reported until
hint-reported_to = YYYY-MM, or empty.
field-notes_uk = Overview in Ukrainian
hint-notes_uk = Markdown. Say only what the sources say.
field-notes = Overview in English
hint-notes = Markdown. Say only what the sources say.
field-source_urls = Source URLs
hint-source_urls = One web address per line.
field-public_note = Public note on this change
hint-public_note = Readers see it on the site page and in the corrections log.
field-withdraw_note = Why it is withdrawn (public)
hint-withdraw_note = Readers see it in place of the page.
staff-sites = Sites
staff-site-new = New site
staff-site-edit = Site { $id }
staff-published = published
staff-draft = draft, not public
staff-saved = Saved.
staff-form-problems = Some fields need attention; nothing was saved.
staff-public-note-required = This record is public: write a short note telling readers what changed.
staff-preview = Preview
staff-preview-draft = As readers will see it once it is published
staff-preview-change = The change as readers will see it once it is published
staff-preview-at = On the public site at { $href }
staff-preview-unseen = No public page would show it yet: it names a site or a source that is not published. Publish that first.
staff-save = Save
staff-publishing = Publishing
staff-publish = Publish
staff-unpublish = Withdraw from the site
staff-history = History
staff-col-changed = Changed
staff-col-note = Public note
staff-revert = Restore this version
staff-revert-loaded = Version { $rev } is loaded into the form. Check it, write the public note, and save to restore it.
field-problem = { $reason }
revision-create = created
revision-update = edited
revision-revert = restored an earlier version
revision-publish = published
revision-unpublish = withdrawn
changes-title = Corrections
changes-description = Every change to a published record, with the date and what changed.
changes-intro = When a published record is corrected or withdrawn, it is listed here with the date and a short note. Records keep their ids.
changes-none = No published record has been corrected yet.
changes-withdrawn = Withdrawn:
site-corrections-heading = Corrections
withdrawn-title = Record withdrawn
withdrawn-text = This record was withdrawn on { $date }: { $note }
footer-changes = Corrections log

staff-col-actions = Actions
staff-disable = Disable
staff-enable = Enable
staff-reset-2fa = New second factor
staff-user-new = New account
staff-user-create = Create the account
staff-initial-password = First password (12 characters or more)
staff-setup-heading = Two-factor setup for { $name }
staff-setup-text = Give this to the person privately: they scan the code with an authenticator app. It is shown only now.
staff-not-yourself = You cannot disable your own account.
staff-password-change = Change password
staff-password-change-text = After the change, every session of your account ends, this one included; sign in again with the new password.
staff-password-current = Current password
staff-password-new = New password (12 characters or more)
staff-password-wrong = The current password is wrong; nothing was changed.

## Back office: records
field-sources-notes = Grading note in English
hint-sources-notes = Why the grade; the source's key point.
field-sources-notes_uk = Grading note in Ukrainian
field-kind = Kind of source
field-title = Title, as published
hint-title = In the original language.
field-publisher = Publisher
hint-publisher = Outlet or organisation; a relay names the original it carries.
field-published_on = Published on
hint-published_on = YYYY, YYYY-MM or YYYY-MM-DD.
field-url = Address of the original
field-language = Language of the text read
hint-language = Two letters: uk, en, ru…
field-reliability = Source reliability (A–F)
field-credibility = Information credibility (1–6)
field-independence_group = Independence group
hint-independence_group = Sources relaying the same original reporting share one.
field-archived_sha256 = SHA-256 of the archived copy
hint-archived_sha256 = Optional.
field-source_id = Source id
field-site_id = Site id
field-abuse_types = Abuse stated
field-period_from = Period from
hint-period_from = YYYY-MM, or empty.
field-period_to = Period until
hint-period_to = YYYY-MM, or empty.
field-note = Note in English
hint-note = One sentence in our own words.
field-note_uk = Note in Ukrainian
field-witness_role = Witness
field-summary_en = Summary in English
hint-summary_en = In our own words, no names.
field-summary_uk = Summary in Ukrainian
hint-summary_uk = In our own words, no names.
field-stays = Places of detention, in order
hint-stays = One row a place, in the order the person was held there: the site, and the months they were there, if known. More rows appear after each save.
staff-stay-site = Site (type to search)
staff-stay-from = From (YYYY-MM)
staff-stay-to = To (YYYY-MM)
field-consent = Consent to publish
field-date = Date
hint-date = YYYY-MM-DD.
field-title_en = Title in English
field-title_uk = Title in Ukrainian
field-news-summary_en = Summary in English
field-news-summary_uk = Summary in Ukrainian
field-body_en = Text in English
hint-body_en = Markdown, optional.
field-body_uk = Text in Ukrainian
hint-body_uk = Markdown, optional.
field-source_name = Original published by
field-source_url = Address of the original article
field-facility_ids = Sites concerned
hint-facility_ids = Site ids separated by ;
staff-kind-sites = Sites
staff-kind-sources = Sources
staff-kind-findings = Findings
staff-kind-testimonies = Testimonies
staff-kind-news = News
staff-new = Add
staff-record-new = { $kind }: new
staff-record-edit = { $kind }: { $id }
staff-recent-changes = Recent changes to records
staff-no-changes = No record has been changed in the back office yet.
staff-kind-faq = Questions and answers
staff-kind-pages = Pages
field-position = Order
hint-position = A whole number; lower comes first.
field-question_en = Question in English
field-question_uk = Question in Ukrainian
field-answer_en = Answer in English
field-answer_uk = Answer in Ukrainian
hint-answer_en = Markdown.
hint-answer_uk = Markdown.
field-pages-title_en = Title in English
field-pages-body_en = Text in English
hint-pages-body_en = Markdown. A heading may carry an anchor that other pages link to.
revision-import = as imported

## Back office: review of what editors change (four eyes on what the public sees)
revision-propose = proposed a change
revision-approve = published the proposed change
revision-discard = discarded the proposed change
staff-saved-pending = Saved for review. Readers see the published version until a reviewer publishes your change.
staff-reviewed-approve = The change is published.
staff-reviewed-discard = The change is discarded; the published version stays.
staff-draft-waits = It becomes public when a reviewer publishes it.
staff-finding-source-draft = Its source is not published yet: this finding stays hidden from readers until the source is published too.
staff-pending = Change waiting for review
staff-pending-by = Proposed by { $actor } on { $time }.
staff-pending-public = Readers see the published version until a reviewer publishes this change.
staff-pending-how = Every field the change touches, whole: words it removes are struck through and between [− and −], words it adds are underlined and between [+ and +].
staff-col-published-value = Published now
staff-col-proposed-value = Proposed
hint-approve_note = Readers see it on the record's page and in the corrections log. The note the change came with is filled in; correct it if needed.
staff-approve = Publish this change
staff-discard = Discard
staff-pending-yours = Your change waits for a reviewer.
staff-pending-others = This change waits for a reviewer.
staff-pending-form = The form starts from the change that waits for review: what you save replaces it and waits for review in its turn.
staff-pending-form-reviewer = The form shows the published version, and what you save goes live at once. The waiting change stays until you publish or discard it.
staff-review-needed = This record is public: what you save waits for a reviewer before readers see it.
staff-change-waits = change waiting for review
staff-published-now = Published: readers see it now.
staff-withdrawn-now = Withdrawn: its public page now says so, with your note.
staff-team-note = Team note
staff-team-note-hint = For the team only: how the record was checked, what is still to do. It is never published, nor in any download.
staff-team-note-label = Note
staff-team-note-save = Save the note
staff-team-note-saved = The team note is saved.
staff-team-note-by = Last saved by { $actor } on { $day }.
staff-view-public = View it on the site
staff-withdraw-confirm = Withdraw “{ $name }”?
staff-withdraw-confirm-text = Readers will no longer see this record. Its address will say that it was withdrawn, with this note:
staff-withdraw-keep = Keep it published
staff-col-record = Name
staff-withdrawn = withdrawn, not public
staff-status-draft = Draft
staff-status-waiting = Change waiting for review
staff-status-published = Published
staff-status-withdrawn = Withdrawn
staff-status-any = Any
staff-list-search = Id or name contains
staff-list-site = About the site
staff-site-any = Any site
staff-list-sort = Order
staff-sort-changed = Last changed first
staff-sort-key = By id
staff-list-show = Show
staff-list-all = Show all
staff-list-found = { $count ->
    [one] One record matches.
   *[other] { $count } records match.
}
staff-pending-replaced = A newer change has replaced the one you read. Read it before you publish it.
staff-records = Records
staff-col-records = Records
staff-col-not-public = Not public
staff-col-changes-waiting = Changes waiting for review
staff-waiting = Waiting for review
staff-waiting-yours = Your changes waiting for review
staff-waiting-none = Nothing waits for review.
staff-waiting-more = { $count ->
    [one] One more waits: see the records, kind by kind.
   *[other] { $count } more wait: see the records, kind by kind.
}
staff-waiting-new = new, not public yet
staff-waiting-change = change to a published record
staff-col-kind = Kind
staff-col-waits = What waits
staff-col-day = Day

## The intake vault: sending information, contact, the receipt page.
nav-submit = Send information
footer-contact = Contact the team
footer-receipt = Come back with a receipt
intake-closed = Submissions are not open yet: no one on the team can read them. Please come back later.
intake-submission-title = Send information
intake-contact-title = Contact the team
intake-submission-lead = Tell us about a place where Ukrainian prisoners of war are or were held, and what happened there. You do not need to give your name.
intake-contact-lead = A question, a message, or something important to share. You do not need to give your name.
intake-safety-title = Before you write: staying safe
intake-safety-tor = If you are in occupied territory or in Russia, use Tor Browser, and a device that others do not check. This site loads nothing from other servers and does not record your address.
intake-safety-onion = This site is also an onion service, which Tor Browser opens without leaving the Tor network:
intake-safety-metadata = Photos and documents can carry hidden information: where and when a photo was taken, the device, the author's name. We keep the files you send encrypted and remove this information from anything we publish, but the safest is to send a screenshot or a copy without it.
intake-safety-contact = Contact details are optional. Give them only if it is safe for you to be contacted that way.
intake-safety-receipt = After sending you get a receipt of 16 digits. It is the only way to read our replies: write it down and keep it where no one else will find it.
intake-field-submission-site = Which place of detention is this about?
intake-field-submission-place = The place, if it is not on the list
intake-field-submission-what = What happened
intake-field-submission-when = When, in your own words (optional)
intake-field-submission-held_from = From (month)
intake-field-submission-held_to = Until (month)
intake-legend-held = When were you or they held there? (optional)
intake-hint-held = A month as year and month, for example 2022-04. Leave empty what you do not know, and say it in your own words below.
intake-field-submission-relation = Who are you to the people held there? (optional)
intake-field-submission-consent = May we publish or quote what you write?
intake-field-submission-contact = How we can reach you (optional)
intake-field-contact-what = Your message
intake-field-contact-contact = How we can reach you (optional)
intake-field-files = Files (optional): documents, photos, video
intake-hint-site = Choose from the list, or say that it is not on it or that you do not know.
intake-hint-place = The town, the address, or what the place looks like.
intake-hint-submission-what = What you saw, heard or went through; names of people held, if they agree. Write as much or as little as you like.
intake-hint-contact-what = Up to 20,000 characters.
intake-hint-when = A date, a month, or "spring 2023".
intake-hint-contact = For example a Signal number or an email address. Leave it empty to stay anonymous.
intake-hint-files = Up to { $max ->
    [one] { $max } file
   *[other] { $max } files
} and { $size } in all. You can choose several files at once.
intake-site-choose = Choose…
intake-site-unknown = I do not know where
intake-site-elsewhere = A place that is not on the list
relation-former_prisoner = I was held there
relation-relative = A relative is or was held there
relation-witness = I witnessed it
relation-journalist = I am a journalist or researcher
relation-other = Other
publish-consent-anonymised = Yes, without my name
publish-consent-named = Yes, with my name (give it in the contact field)
publish-consent-not_for_publication = No: use it only to check and research, publish nothing of it
intake-send = Send
intake-continue = Continue: check and add files
intake-files-next = You can add files on the next page, after checking what you wrote. Nothing is sent before then.
intake-files-not-kept = { $count ->
    [one] The file you chose was not kept, because of the problems above. Add it again on the next page.
   *[other] The { $count } files you chose were not kept, because of the problems above. Add them again on the next page.
}
intake-check-title = Check and send
intake-check-lead = Nothing has been sent yet. Check what you wrote, add any files, and press “Send”.
intake-check-change = Change what I wrote
intake-to-contact = Only a question or a message? Contact the team
intake-to-submit = Information about a place of detention? Send information
intake-to-receipt = Come back with a receipt
size-b = { $n } B
size-kib = { $n } KiB
size-mib = { $n } MiB
intake-problem-required = Please answer “{ $field }”
intake-problem-too-long = Please shorten “{ $field }” to at most { $max ->
    [one] { $max } character
   *[other] { $max } characters
}.
intake-problem-choice = Please choose one of the options offered for “{ $field }”
intake-problem-control = “{ $field }” contains characters that text does not have; please type it again.
intake-problem-month = Please write “{ $field }” as a year and a month, for example 2022-04
intake-problem-month-order = “{ $field }” is before the first month; please check both
intake-error-fields = Some answers need attention. Nothing was sent; what you typed is kept below.
intake-error-too-many-files = At most { $max ->
    [one] { $max } file
   *[other] { $max } files
} can be sent at once. Nothing was sent; what you typed is kept below. Choose fewer files, and send the rest later with your receipt.
intake-error-file-too-large = The file "{ $name }" is larger than { $max }. Nothing was sent; what you typed is kept below.
intake-error-too-large = The files together are larger than { $max }. Nothing was sent; what you typed is kept below. Send fewer files now and the rest later with your receipt.
intake-error-type-mismatch = The file "{ $name }" says it is { $declared }, but its content is { $actual }. Nothing was sent; what you typed is kept below. Check the file, or rename it to match its content.
intake-error-truncated = The sending was cut off before it was complete, so nothing was kept. Please check your connection and send again.
intake-error-malformed = The form could not be read: part of it is not well formed (for example a file name with characters that are not allowed). Nothing was kept; what you typed is kept below. Rename the file and send again.
intake-error-storage = Something went wrong on our side and nothing was kept. Please try again later.
intake-error-database = The database did not answer, so nothing was kept. What you typed is still here: please send it again in a minute.
intake-error-node-down = The server that receives submissions cannot be reached right now, so nothing was sent or kept. What you typed is still here: please send it again in a few minutes.
receipt-error-database = The database did not answer, so the receipt could not be checked. Nothing was changed. Please try again in a minute.
intake-error-rate-limited = Many submissions arrived from here in the last hour, so this one was not accepted. Nothing was sent; what you typed is kept below. Please try again later.
intake-error-busy-client = Another upload from you is still arriving. Nothing was sent; what you typed is kept below. Please wait until it has finished, then send this again.
intake-error-busy = Many uploads are arriving at the same time. Nothing was sent; what you typed is kept below. Please try again in a few minutes.
intake-error-disk-full = The team cannot take files at the moment: its storage is almost full. Nothing was sent; what you typed is kept below. You can send your message without files now, or try again later.
intake-error-token = This form has expired or did not come from this site. Nothing was sent; what you typed is kept below. Please send it again from this page.
intake-error-no-cookie = This form needs one cookie, for this site only, to know that it was sent from this page, and your browser did not send it back. Allow cookies for this site (it keeps nothing that tracks you), then send the form again. Nothing was sent; what you typed is kept below.
intake-sent-title = Received — thank you
intake-sent-lead = { $count ->
    [0] Your message was received and encrypted.
    [one] Your message and { $count } file were received and encrypted.
   *[other] Your message and { $count } files were received and encrypted.
}
intake-sent-receipt = Your receipt:
intake-sent-write-down = Write this receipt down now. It is shown only this once, and we cannot recover it.
intake-sent-how = With it you can see whether we have read your message, read our replies, answer and send more files:
receipt-title = Come back with a receipt
receipt-lead = Enter the 16-digit receipt you were given. You will see the status of what you sent and our replies; what you sent is not shown again.
receipt-field = Receipt
receipt-hint = 16 digits; spaces and dashes do not matter.
receipt-open = Open
receipt-status = Status
receipt-replies = Replies from the team
receipt-no-replies = No replies yet.
receipt-answer = Answer or send more
receipt-answer-lead = What you send here is added to your earlier message, encrypted in the same way.
receipt-message = Your message
receipt-leave = When you are done, close this tab. Your receipt never appears in a page address, so it is not in your browser's history; that you visited this site is, unless you use Tor Browser or a private window.
receipt-error-empty = Please enter your receipt.
receipt-error-digits = A receipt has only digits.
receipt-error-length = A receipt has 16 digits. Please check it and try again.
receipt-error-unknown = There is no submission with this receipt. Please check the digits and try again.
receipt-error-rate-limited = Too many receipts were tried from here in the last hour. Please try again later.
receipt-error-busy = Many receipts are being checked at the same time. Please try again in a minute.
receipt-error-message = The message is too long or contains characters that text does not have.
receipt-error-nothing = Write a message or choose files to send.
receipt-reply-unreadable = This reply cannot be read.
receipt-follow-up-sent = { $count ->
    [0] Your message was received and encrypted.
    [one] Your message and { $count } file were received and encrypted.
   *[other] Your message and { $count } files were received and encrypted.
}
receipt-status-new = Received. No one on the team has read it yet.
receipt-status-in-review = The team is reading and checking it.
receipt-status-follow-up = The team has a question for you: see the replies below.
receipt-status-verified = The team has checked it. Thank you.
receipt-status-closed = The team has closed it.

## The intake queue (back office).
staff-intake-new = { $count ->
    [one] { $count } new submission is waiting to be read.
   *[other] { $count } new submissions are waiting to be read.
}
staff-intake = Submissions
staff-intake-unreached = The intake node cannot be reached from this server, so submissions received since the last daily seal are not counted here.
intake-locked = Your key for reading submissions is not unlocked in this session (the server may have restarted). Sign out and sign in again to read them.
intake-not-shared = This submission has not been shared with your key yet. It will be the next time another reader signs in.
intake-filter = Filter by status
intake-all = All
intake-empty = No submissions here.
intake-col-kind = Form
intake-col-received = Received
intake-col-assignee = Assigned to
intake-col-files = Files
intake-col-follow-ups = Follow-ups
intake-col-last = Last message
intake-col-name = Name
intake-col-type = Type
intake-col-size = Bytes
intake-col-actions = Actions
intake-kind-submission = Information
intake-kind-contact = Contact
intake-status-new = New
intake-status-in_review = In review
intake-status-follow_up = Needs follow-up
intake-status-verified = Verified
intake-status-rejected = Rejected
intake-status-spam = Spam
intake-status-archived = Archived
intake-detail-title = Submission { $id }
intake-what = What the sender wrote
intake-thread = Messages
intake-thread-empty = No messages since it was sent.
intake-author-source = The sender
intake-author-reply = Reply by { $name } (the sender can read it)
intake-author-note = Internal note by { $name }
intake-files = Files
intake-no-files = No files.
intake-copy-of = Copy of { $name }, without metadata
intake-reveals-location = This original holds GPS data: where it was taken. Share only a copy without metadata.
intake-reveals-device = This original names the device that made it. Share only a copy without metadata.
intake-reveals-both = This original holds GPS data (where it was taken) and names the device that made it. Share only a copy without metadata.
intake-declared = declared as { $type }
intake-download = Download
intake-make-copy = Make a copy without metadata
intake-manage = Handle it
intake-nobody = Nobody
intake-save-triage = Save status and assignee
intake-reply = Reply to the sender
intake-reply-hint = Encrypted so that only the team and the holder of the receipt can read it. Do not name the sender.
intake-send-reply = Send reply
intake-note = Internal note
intake-note-hint = Only the team can read it.
intake-add-note = Add note
intake-records = Make records from it
intake-records-lead = Each opens a new draft filled from the submission. Anonymise the text before saving: remove names, places and details that could identify the sender.
intake-to-source = New source
intake-to-finding = New finding
intake-to-testimony = New testimony draft
intake-linked = Records made from it:
intake-done-reply = Reply sent.
intake-done-note = Note added.
intake-done-copy = A copy without metadata was made; the original is unchanged.
intake-bad-status = That is not a status.
intake-bad-assignee = That account cannot read submissions.
intake-bad-text = Write a text of at most 20,000 characters.
intake-bad-file = There is no such file in this submission.
intake-not-image = Only JPEG, PNG and WebP images can be copied without metadata.
intake-image-too-large = This image is too large to copy here (more than 64 MiB).
intake-copy-failed = The copy could not be made.
intake-no-consent = The sender did not agree to publication, so no testimony can be drafted from this submission.
intake-draft-note = This draft is made from a submission. What the sender wrote is shown below and is not in any field: write the record in your own words, leaving out whatever could identify them.
intake-sender-words = What the sender wrote (read-only, never saved with the record)

## Why a value is refused (problem-<code>): under a field of a form. The
## English follows what `inferno import` prints.
problem-empty-file = the file is empty; expected a header row and data rows
problem-no-rows = the file has a header but no rows
problem-too-many-rows = the file has more than { $max ->
    [one] { $max } row
   *[other] { $max } rows
}
problem-unknown-column = unknown column; the columns are: { $known }
problem-repeated-column = the column appears twice
problem-missing-column = required column is missing
problem-field-count = the row has { $found ->
    [one] { $found } field
   *[other] { $found } fields
}, the header has { $expected }
problem-not-utf8 = the row is not valid UTF-8 text
problem-bad-csv = the row cannot be read as CSV ({ $detail })
problem-duplicate = "{ $key }" appears more than once in this file
problem-required = is required
problem-empty = is empty
problem-too-long = is longer than { $max ->
    [one] { $max } character
   *[other] { $max } characters
}
problem-control-character = contains a control character ({ $character })
problem-not-in-vocabulary = "{ $value }" is not a known { $vocabulary }; expected one of: { $expected }
problem-listed-twice = "{ $value }" is listed twice
problem-bad-id = "{ $value }" is not a valid id: use lowercase latin letters, digits and single hyphens
problem-reserved-page-id = "{ $value }" is the address of a part of the site; choose another id for the page
problem-not-boolean = "{ $value }" is neither true nor false
problem-not-number = "{ $value }" is not a number
problem-not-whole-number = "{ $value }" is not a whole number
problem-coordinate-out-of-range = { $value } is out of range (−{ $max } to { $max })
problem-not-country = "{ $value }" is not an ISO 3166 country code (two capital letters, e.g. UA)
problem-not-language = "{ $value }" is not a two-letter ISO 639-1 language code
problem-not-sha256 = is not a SHA-256 digest (64 hexadecimal digits)
problem-invalid-url = "{ $value }" is not a valid URL ({ $cause }); type the whole address, starting with https://
problem-not-http = "{ $value }" is not an http or https URL
problem-no-host = "{ $value }" has no host
problem-not-account-name = "{ $value }" is not a valid account name: { $min } to { $max ->
    [one] { $max } character
   *[other] { $max } characters
}, lowercase latin letters, digits, '.', '-' or '_', starting with a letter
problem-not-role = "{ $value }" is not a role; the roles are { $roles }
problem-not-year = "{ $value }" is not a four-digit year
problem-year-out-of-range = year { $year } is out of range ({ $min }–{ $max })
problem-not-two-digit-month = "{ $value }" is not a two-digit month
problem-not-two-digit-day = "{ $value }" is not a two-digit day
problem-month-out-of-range = month { $month } is out of range (1–12)
problem-day-out-of-range = day { $day } is out of range (1–{ $max })
problem-not-month = "{ $value }" is not a month in the form YYYY-MM
problem-not-date = "{ $value }" is not a date in the form YYYY, YYYY-MM or YYYY-MM-DD
problem-not-full-date = "{ $value }" is not a full date in the form YYYY-MM-DD
problem-ends-before-start = { $end } is before { $column } { $start }
problem-occupied-outside-ukraine = only sites in Ukraine can be in occupied territory, and the country is { $country }
problem-consent-required = is required when “{ $source }” is empty
problem-stay = stay { $number }: { $problem }
problem-stay-site = stay { $number }: site id { $problem }
problem-not-period = "{ $value }" is not a period in the form YYYY-MM..YYYY-MM
problem-stay-ends-before-start = ends ({ $end }) before it starts ({ $start })
problem-too-many-stays = more than { $max ->
    [one] { $max } stay
   *[other] { $max } stays
}
problem-unknown-site = unknown site "{ $id }": no site has this id
problem-unknown-source = unknown source "{ $id }": no source has this id
problem-already-exists = a record with the id "{ $id }" already exists
problem-no-such-record = there is no record "{ $id }"
problem-change-replaced = the change that waits on "{ $id }" was replaced by a newer one: read that one first
problem-change-not-of-record = the proposed change is not one of "{ $id }"
problem-no-longer-valid = the proposed change no longer passes the import rules ({ $problems })
problem-account-exists = an account named "{ $name }" already exists
problem-no-such-account = no such account
problem-password-too-short = the password must be at least { $min ->
    [one] { $min } character
   *[other] { $min } characters
} long
problem-password-too-long = the password must be at most { $max ->
    [one] { $max } character
   *[other] { $max } characters
} long
problem-password-hash = the password could not be processed; please try again
vocabulary-site-type = site type
vocabulary-coord-precision = coordinate precision
vocabulary-site-status = site status
vocabulary-abuse-type = abuse type
vocabulary-source-kind = source kind
vocabulary-reliability = reliability grade (A–F)
vocabulary-credibility = credibility grade (1–6)
vocabulary-witness-role = witness role
vocabulary-consent = consent
vocabulary-intake-status = submission status
vocabulary-sender-relation = relation
vocabulary-publish-consent = publication consent
vocabulary-revision-action = revision action
vocabulary-section-kind = profile section

## Open data: the downloads page, the files and their columns

nav-data = Open data
data-title = Open data
data-description = Every published record as files for a spreadsheet, QGIS, R or Gephi: CSV, GeoJSON, a news feed and a citable dataset bundle with checksums and an audit checkpoint.
data-lead = Every record published on this site can be downloaded, reused and cited. The files below are made from the same published records as the pages, and change when they change. Nothing that sources sent in and nothing unpublished is in them.
data-licence = The compiled records (names, places, gradings, summaries in our own words) are published under the Creative Commons Attribution 4.0 licence (CC BY 4.0): reuse them, and name Inferno and the record's address. The reports they cite belong to their publishers; follow the links to read them.
data-bundle-heading = The dataset bundle
data-bundle-text = One ZIP file with every CSV file and the GeoJSON, and a Frictionless Data Package description (datapackage.json): the type and constraints of every column, the links between tables, each file's SHA-256 checksum, the date, the licence, and the signed checkpoint of the audit log the bundle was made at. With the checkpoint, anyone can later ask us to prove that a record was, or was not, changed since.
data-bundle-link = Download the dataset bundle (ZIP)
data-package-link = its description alone (datapackage.json)
data-files-heading = The files
data-made = These files were made from the data as it stood on { $date }; they are made again whenever a record changes.
data-made-unknown = These files are made from the published records, again whenever a record changes.
data-files-text = Each table comes twice: the canonical CSV file (UTF-8, as the bundle holds it), and the same file for spreadsheets, which starts with a byte-order mark so that Excel reads Ukrainian letters correctly. Each has a twin in the JSON API.
data-spreadsheet-link = for spreadsheets (UTF-8 with BOM)
data-api-twin = API:
data-api-heading = JSON API
data-api-text = The same records as JSON, read-only, with no key and no sign-up. Every file above has an API twin, and every list of the API a file.
data-api-base = Base address
data-api-document = Every endpoint and field
data-api-example-heading = An example request
data-api-pages = Lists come in pages of 50 records (limit=1 to 200), in the order of their ids (or, for findings and transfers, of their cursors). An answer gives the address of the next page in next, and in its Link header; next is null on the last page. Every answer has an ETag: send it back as If-None-Match, and an unchanged answer is a 304 with no body.
data-api-cors = Any web page may read the API and the files (CORS: Access-Control-Allow-Origin is *, for GET). A wrong parameter is a 400 whose JSON names it.
data-file-geojson = The sites as points (GeoJSON, RFC 7946, longitude and latitude in WGS 84), with the columns of sites.csv as properties. QGIS, GDAL and most web maps open it as it is.
data-feed-heading = News feed
data-feed-text = The news in an Atom feed, for a feed reader: in English and in Ukrainian.
data-columns-heading = Columns of { $file }
data-column-name = Column
data-column-type = Type
data-column-meaning = What it holds
data-required = always filled
data-format-heading = How the files are written
data-format-text = UTF-8, comma-separated, a header row, values quoted where they hold a comma, a quote or a line break. An empty value means unknown or none. Lists (abuse types, operators, sites) are separated by semicolons. Dates are given to the precision known: a year, a year and month, or a full date. Codes are those of the vocabularies below each column; their labels are on the pages of this site. A text value that a spreadsheet would run as a formula (one that starts with =, +, -, @, a tab or a line break, also after spaces) is written with an apostrophe before it, so that the spreadsheet shows it as text and runs nothing; drop that apostrophe to get the exact value, or read the JSON API or the GeoJSON, which keep every value as it is.
data-type-text = text
data-type-code = one code
data-type-code_list = codes separated by ;
data-type-text_list = texts separated by ;
data-type-integer = whole number
data-type-number = decimal number
data-type-boolean = true or false
data-type-year_month = year and month (YYYY-MM)
data-type-partial_date = date (YYYY, YYYY-MM or YYYY-MM-DD)
data-type-url = web address
data-type-country = country code (ISO 3166-1)
data-codes = Codes: { $codes }
data-table-sites = Places of detention: one row a site.
data-table-sources = The documents the findings come from, graded on the Admiralty scale: one row a source.
data-table-findings = What one source says about one site: one row a pair.
data-table-testimonies = Published, anonymised testimonies: one row a testimony.
data-table-transfers = Moves between two sites that testimonies record: one row a move.
data-table-news = News about the sites, each linking to the original article: one row an item.
data-column-news-date = The day the item was published (or its month or year, when that is all that is known).
data-column-news-title_en = The headline, in English.
data-column-news-title_uk = The headline, in Ukrainian.
data-column-news-summary_en = What the item reports, in a few sentences, in English.
data-column-news-summary_uk = What the item reports, in a few sentences, in Ukrainian.
data-column-news-body_en = A longer text, in Markdown, in English.
data-column-news-body_uk = A longer text, in Markdown, in Ukrainian.
data-column-news-source_name = The outlet that published the original article.
data-column-news-source_url = The address of the original article.
data-column-news-site_ids = The sites the item is about (sites.csv).
data-column-id = The record's stable identifier; its page on this site keeps it.
data-column-url = The record's page on this site (in English; /uk/ instead of /en/ gives the Ukrainian page).
data-column-updated_on = The day the record (or, for a site, what is said about it) last changed.
data-column-abuse_types = Abuse types documented, as codes.
data-column-sites-abuse_types = Abuse types documented at the site by its findings, as codes.
data-column-sites-name_en = The site's name in English.
data-column-sites-name_uk = The site's name in Ukrainian.
data-column-sites-name_ru = The site's original name in Russian, where known.
data-column-sites-site_type = What kind of place it is.
data-column-sites-settlement_en = The settlement, in English.
data-column-sites-settlement_uk = The settlement, in Ukrainian.
data-column-sites-region_en = The region (oblast, krai, republic), in English.
data-column-sites-region_uk = The region (oblast, krai, republic), in Ukrainian.
data-column-sites-country = The state whose territory the site is on: a site in occupied Ukraine is UA.
data-column-sites-occupied = The territory was under Russian occupation when detention there was reported.
data-column-sites-lat = Latitude, WGS 84, in decimal degrees.
data-column-sites-lon = Longitude, WGS 84, in decimal degrees.
data-column-sites-coord_precision = How precisely the coordinates are known: the building, the settlement or only the region.
data-column-sites-operators = The bodies running the site (FSIN, FSB, the Ministry of Defence, occupation authorities).
data-column-sites-reported_from = The first month captives were reported there.
data-column-sites-reported_to = The last month captives were reported there.
data-column-sites-status = Whether captives are still reported to be held there.
data-column-sites-sources = How many published sources have a finding about the site.
data-column-sites-independent_sources = How many of them are independent of each other (distinct independence groups).
data-column-sites-testimonies = How many published testimonies record a stay at the site.
data-column-sources-kind = What kind of document it is.
data-column-sources-title = The headline, as published; empty when the team could not read it.
data-column-sources-publisher = Who published it.
data-column-sources-published_on = When it was published.
data-column-sources-url = The address of the original.
data-column-sources-language = The language of the source (ISO 639-1).
data-column-sources-reliability = The source's reliability, Admiralty scale A (reliable) to F (cannot be judged).
data-column-sources-credibility = The information's credibility, Admiralty scale 1 (confirmed) to 6 (cannot be judged).
data-column-sources-independence_group = Sources relaying the same original reporting share a group; corroboration is counted by group.
data-column-sources-notes_en = Why it was graded so, in English.
data-column-sources-notes_uk = Why it was graded so, in Ukrainian.
data-column-sources-archived_sha256 = SHA-256 of the archived copy of the original, once archived.
data-column-findings-source_id = The source (sources.csv).
data-column-findings-site_id = The site (sites.csv).
data-column-findings-period_from = The first month the source's account covers.
data-column-findings-period_to = The last month the source's account covers.
data-column-findings-note_en = What the source says about the site, in English.
data-column-findings-note_uk = What the source says about the site, in Ukrainian.
data-column-testimonies-source_id = The publication that carried the account, if it was published before (sources.csv).
data-column-testimonies-witness_role = Who gave the account: a former prisoner, a relative, another witness.
data-column-testimonies-summary_en = The account, paraphrased and anonymised, in English.
data-column-testimonies-summary_uk = The account, paraphrased and anonymised, in Ukrainian.
data-column-testimonies-site_ids = The sites where the witness was held, in order (sites.csv).
data-column-transfers-testimony_id = The testimony that records the move (testimonies.csv).
data-column-transfers-sequence = 1 for the first move the testimony records, 2 for the next, and so on.
data-column-transfers-from_site_id = The site the prisoner was moved from (sites.csv).
data-column-transfers-to_site_id = The site the prisoner was moved to (sites.csv).
data-column-transfers-held_from = The month the stay at the first site began, where known.
data-column-transfers-moved_on = The month of the move, where known.
data-column-transfers-held_to = The month the stay at the second site ended, where known.
feed-title = Inferno: news

## Transfers between sites

count-moves = { $count ->
    [one] { $count } move
   *[other] { $count } moves
}
transfers-heading = Transfers
transfers-intro = Moves to and from this site that published testimonies record, with the months where they say.
transfers-network-link = The whole network of transfers
transfers-came-from = Brought here from
transfers-moved-to = Taken from here to
transfers-testimonies = Testimonies:
network-title = Transfers between sites
network-description = The routes on which Ukrainian prisoners were moved between places of detention, drawn from published testimonies.
network-lead = Prisoners are moved from site to site, often many times. Each move below comes from two consecutive stays in a published testimony; a route counts every move between the same two sites, in one direction.
network-summary = Moves recorded: { $moves }. Routes: { $routes }. Sites: { $sites }.
network-map-title = Map of transfer routes between places of detention
network-map-caption = Each line is a route, its arrow pointing to where prisoners were taken, thicker for more moves; it bends to its right, so the two directions between two sites stay apart.
network-show-routes = Show the transfer routes
network-hide-routes = The map without routes
network-routes-heading = Main routes
network-none = No published testimony records a move between two sites yet.
network-col-from = From
network-col-to = To
network-col-moves = Moves
network-col-when = When
network-col-testimonies = Testimonies
network-sites-heading = Sites with the most transfers
network-col-site = Site
network-col-in = Moves in
network-col-out = Moves out
network-download = Every move, as a table (CSV)

## Search

search-title = Search
search-description = Search the sites, sources, testimonies and news by any name or spelling: Ukrainian, Russian, English or transliterated.
search-label = Search the site
search-placeholder = A place or a name, in any spelling
search-button = Search
search-hint = Names are found in every spelling (Таганрог, Tahanroh, Taganrog), with one typo forgiven; put words in quotes to find them together.
search-found = { $count ->
    [0] Nothing found
    [one] { $count } result
   *[other] { $count } results
}
search-none = Try another spelling, fewer words, or remove a filter.
search-facet-kind = What
search-facet-type = Type of site
search-facet-country = Country
search-facet-abuse = Abuse documented
search-any = Any
search-kind-site = Site
search-kind-source = Source
search-kind-testimony = Testimony
search-kind-news = News
search-testimony = Testimony { $number }
field-aliases = Other names and spellings (separated by ;)
name-aliases = Also written
data-column-sites-aliases = Other names and spellings of the site met in sources, separated by semicolons.
search-filters = Narrow the results
mirror-search-hint = This copy of the site searches in your browser, with JavaScript: by names in every spelling and by the beginnings of words (the original site's search also forgives typos and finds phrases). Without JavaScript, every site is in
mirror-search-sites = the list of sites.
mirror-search-count = Results: { $count }

## The audit log: actions in words (the stored words are codes).
audit-revision = { $kind }: { $action }
audit-login = Signed in
audit-login_failed = Sign-in failed
audit-login_refused = Sign-in refused (no such account name)
audit-login_throttled = Sign-in slowed down after failures
audit-logout = Signed out
audit-session_ended = Session ended
audit-forbidden = Refused: the role does not allow it
audit-csrf_refused = Refused: the form's token was missing or wrong
audit-password_change = Changed their password
audit-password_change_failed = Password change failed
audit-password_change_throttled = Password change slowed down after failures
audit-user_create = Created an account
audit-user_disable = Disabled an account
audit-user_enable = Enabled an account
audit-user_reset_2fa = Reset an account's second factor
audit-reader_key_created = Made a key to read submissions
audit-users_view = Looked at the accounts
audit-import = Imported a file
audit-record_note = Saved a team note on a record
audit-copy = Copied the database
audit-secrets_import = Gave a node the secrets
audit-audit_view = Looked at the audit log
audit-intake_queue_view = Looked at the submissions
audit-intake_view = Read a submission
audit-intake_download = Opened a submitted file
audit-intake_status = Changed a submission's status
audit-intake_assign = Assigned a submission
audit-intake_reply = Replied to a source
audit-intake_note = Wrote an internal note
audit-intake_public_copy = Made a copy of a file without metadata
audit-intake_link = Linked a submission to a record
audit-intake_keys_shared = Shared the submission keys with a new reader
audit-intake_purge = Deleted a submission and its files
audit-intake_seal = Sealed the day's submissions into the shared stores

## The indexes of testimonies and of sources.
testimonies-title = Testimonies
testimonies-description = Every published testimony of people held at these sites or their relatives, anonymised, with the places they name.
testimonies-index-intro = What people who were held, or their relatives, told about the places they were held in, anonymised and shortened; each names the places in order.
testimonies-none = No testimony is published yet.
testimonies-in-context = Read it on the site's page, beside the other evidence
sources-title = Sources
sources-description = Every source the findings rest on, the most reliable first, with its grade.
sources-index-intro = Every report, testimony and document the findings rest on, the most reliable first. Each is graded for the reliability of who published it and the credibility of what it says.
source-index-sites = { $count ->
    [0] no site yet
    [one] about { $count } site
   *[other] about { $count } sites
}

# Languages of sources, by ISO 639-1 code.
language-en = English
language-uk = Ukrainian
language-ru = Russian
language-de = German
language-pl = Polish
language-fr = French
language-es = Spanish
language-it = Italian
language-be = Belarusian
language-ka = Georgian
language-cs = Czech
language-lt = Lithuanian
language-lv = Latvian
language-et = Estonian
language-ro = Romanian
language-tr = Turkish
language-nl = Dutch
language-fi = Finnish
language-sv = Swedish
language-ja = Japanese
language-zh = Chinese
language-ar = Arabic
language-he = Hebrew
language-hu = Hungarian
language-sk = Slovak
language-bg = Bulgarian
language-pt = Portuguese
language-da = Danish
language-no = Norwegian
language-kk = Kazakh
