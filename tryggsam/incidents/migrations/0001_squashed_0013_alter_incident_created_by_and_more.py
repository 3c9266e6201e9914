# Squashed: replaces incidents's migration(s) 0001–0013 (issue 17, item 6).

from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion
import django.utils.timezone

# The EST checklist as it stood when the app was created (incidents.0002; later changes to the defaults go
# through `services.ensure_default_categories`, which never overwrites an installation's edits).
CATEGORIES = (
    ("vandalism", "Skadegörelse"),
    ("graffiti", "Klotter"),
    ("litter", "Nedskräpning"),
    ("youths", "Ungdomar som samlas eller stör"),
    ("drug_dealing", "Narkotikahandel"),
    ("public_drinking", "Alkohol på allmän plats"),
    ("threats_violence", "Hot eller våld"),
    ("robbery", "Rån"),
    ("burglary", "Inbrott"),
    ("fire", "Brand"),
    ("illegal_settlement", "Olovlig bosättning"),
    ("aggressive_begging", "Påträngande tiggeri"),
    ("reckless_driving", "Vårdslös körning"),
    ("unsafe_place", "Mörk eller otrygg plats"),
    ("other", "Annat"),
)


def create_categories(apps, schema_editor):
    category = apps.get_model("incidents", "IncidentCategory")
    for position, (code, name) in enumerate(CATEGORIES, start=1):
        category.objects.get_or_create(code=code, defaults={"name": name, "position": position * 10})


# incidents.0006: no index on the category links' `incident_id` alone (the unique (incident_id,
# incidentcategory_id) index serves every lookup by incident; each index costs the bulk import a write).
LINKS = "incidents_incident_categories"


def _single_incident_index(schema_editor):
    connection = schema_editor.connection
    with connection.cursor() as cursor:
        constraints = connection.introspection.get_constraints(cursor, LINKS)
    for name, info in constraints.items():
        if info["index"] and not info["unique"] and not info["primary_key"] and info["columns"] == ["incident_id"]:
            return name
    return None


def drop_link_index(apps, schema_editor):
    # The tables' indexes are created at the end of the migration (deferred SQL; so on PostgreSQL): create
    # them now, so that the index on `incident_id` alone exists here to be dropped.
    while schema_editor.deferred_sql:
        schema_editor.execute(schema_editor.deferred_sql.pop(0))
    name = _single_incident_index(schema_editor)
    if name:
        schema_editor.execute(f"DROP INDEX {schema_editor.quote_name(name)}")


def create_link_index(apps, schema_editor):
    if not _single_incident_index(schema_editor):
        name = schema_editor.quote_name(f"{LINKS}_incident_id_single")
        schema_editor.execute(f"CREATE INDEX {name} ON {schema_editor.quote_name(LINKS)} (incident_id)")


def schedule_fetch_police_events(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.update_or_create(
        name="fetch_police_events",
        defaults={"func": "tryggsam.incidents.jobs.fetch_police_events_job", "schedule_type": "I", "minutes": 15},
    )


def unschedule_fetch_police_events(apps, schema_editor):
    apps.get_model("django_q", "Schedule").objects.filter(name="fetch_police_events").delete()


class Migration(migrations.Migration):

    replaces = [('incidents', '0001_initial'), ('incidents', '0002_default_categories'), ('incidents', '0003_schedule_police_fetch'), ('incidents', '0004_drop_prefix_indexes'), ('incidents', '0005_unindexed_owner_and_reporter_keys'), ('incidents', '0006_drop_redundant_link_index'), ('incidents', '0007_tip_review_and_address_limit'), ('incidents', '0008_incident_review_queue_duplicates_and_problem'), ('incidents', '0009_tip_receipt_reference_and_answer'), ('incidents', '0010_partial_indexes_for_rarely_set_keys'), ('incidents', '0011_review_queue_partial_index'), ('incidents', '0012_unplaced_drawn_partial_index'), ('incidents', '0013_alter_incident_created_by_and_more')]

    dependencies = [
        ('django_q', '0019_alter_task_options_alter_ormq_key_alter_ormq_lock_and_more'),
        ('accounts', '0001_squashed_0002_totp_device'),
        ('casework', '0001_squashed_0001_initial'),
        ('places', '0001_squashed_0003_alter_area_centroid_lat_alter_area_centroid_lon_and_more'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='IncidentCategory',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
                ('code', models.SlugField(unique=True, verbose_name='kod')),
                ('name', models.CharField(max_length=100, verbose_name='namn')),
                ('active', models.BooleanField(default=True, verbose_name='aktiv')),
                ('position', models.PositiveIntegerField(default=0, verbose_name='ordning')),
            ],
            options={
                'verbose_name': 'händelsekategori',
                'verbose_name_plural': 'händelsekategorier',
                'ordering': ['position', 'name'],
            },
        ),
        migrations.CreateModel(
            name='Incident',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
                ('classification', models.CharField(choices=[('open', 'Öppen'), ('internal', 'Intern'), ('restricted', 'Begränsad')], default='internal', max_length=16, verbose_name='klassificering')),
                ('source', models.CharField(choices=[('partner_report', 'Partnerrapport'), ('police_event', 'Polisens händelser'), ('resident_tip', 'Tips från invånare'), ('safety_walk', 'Trygghetsvandring')], max_length=20, verbose_name='källa')),
                ('original_type', models.CharField(blank=True, max_length=200, verbose_name='ursprunglig typ')),
                ('occurred_at', models.DateTimeField(verbose_name='inträffade')),
                ('reported_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='rapporterad')),
                ('title', models.CharField(blank=True, max_length=300, verbose_name='rubrik')),
                ('description', models.TextField(blank=True, verbose_name='beskrivning')),
                ('lat', models.FloatField(blank=True, null=True, verbose_name='latitud')),
                ('lon', models.FloatField(blank=True, null=True, verbose_name='longitud')),
                ('precision', models.CharField(choices=[('place', 'Plats'), ('district', 'Stadsdel'), ('district_area', 'Stadsdelsområde'), ('municipality', 'Kommun'), ('county', 'Län'), ('unknown', 'Okänd')], default='unknown', max_length=16, verbose_name='precision')),
                ('municipality', models.CharField(blank=True, max_length=100, verbose_name='kommun')),
                ('external_id', models.CharField(blank=True, max_length=100, verbose_name='extern id')),
                ('url', models.URLField(blank=True, max_length=500, verbose_name='länk')),
                ('review_status', models.CharField(choices=[('pending', 'Väntar på granskning'), ('routed', 'Skickad till organisation'), ('reviewed', 'Granskad'), ('dismissed', 'Avfärdad')], db_default='reviewed', default='reviewed', max_length=10, verbose_name='granskning')),
                ('dismissal_reason', models.TextField(blank=True, db_default='', verbose_name='skäl att avfärda')),
                ('created_by', models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='skapad av')),
                ('district', models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='places.area', verbose_name='stadsdel')),
                ('district_area', models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='places.area', verbose_name='stadsdelsområde')),
                ('duplicate_of', models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='duplicates', to='incidents.incident', verbose_name='dubblett av')),
                ('owner_organisation', models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.organisation', verbose_name='ägande organisation')),
                ('place', models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='places.area', verbose_name='plats')),
                ('problem', models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='incidents', to='casework.problem', verbose_name='problem')),
                ('reporter', models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='reported_incidents', to=settings.AUTH_USER_MODEL, verbose_name='rapportör')),
                ('reporting_organisation', models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='reported_incidents', to='accounts.organisation', verbose_name='rapporterande organisation')),
                ('routed_to', models.ForeignKey(blank=True, db_index=False, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='routed_incidents', to='accounts.organisation', verbose_name='skickad till')),
                ('shared_with', models.ManyToManyField(blank=True, help_text='För begränsade uppgifter: organisationer utöver den ägande som får läsa.', related_name='%(app_label)s_%(class)s_shared+', to='accounts.organisation', verbose_name='delas med')),
                ('categories', models.ManyToManyField(blank=True, related_name='incidents', to='incidents.incidentcategory', verbose_name='kategorier')),
            ],
            options={
                'verbose_name': 'händelse',
                'verbose_name_plural': 'händelser',
                'ordering': ['-occurred_at', '-id'],
            },
        ),
        migrations.CreateModel(
            name='TipReceipt',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('reference', models.CharField(max_length=11, unique=True, verbose_name='referensnummer')),
                ('email', models.EmailField(blank=True, max_length=254, verbose_name='e-postadress')),
                ('answer', models.TextField(blank=True, max_length=2000, verbose_name='svar till tipsaren')),
                ('created_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='skapad')),
                ('closed_at', models.DateTimeField(blank=True, null=True, verbose_name='avslutat')),
                ('incident', models.OneToOneField(on_delete=django.db.models.deletion.CASCADE, related_name='tip_receipt', to='incidents.incident', verbose_name='händelse')),
            ],
            options={
                'verbose_name': 'kvitto på tips',
                'verbose_name_plural': 'kvitton på tips',
            },
        ),
        migrations.CreateModel(
            name='TipSubmission',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('address', models.CharField(max_length=64, verbose_name='avsändaradress')),
                ('sent_at', models.DateTimeField(default=django.utils.timezone.now, verbose_name='skickad')),
                ('purpose', models.CharField(db_default='send', default='send', max_length=10, verbose_name='syfte')),
            ],
            options={
                'indexes': [models.Index(fields=['address', 'sent_at'], name='incidents_t_address_fb9344_idx'), models.Index(fields=['sent_at'], name='incidents_t_sent_at_55fe09_idx')],
            },
        ),
        migrations.AddIndex(
            model_name='incident',
            index=models.Index(fields=['district', 'occurred_at'], name='incidents_i_distric_175ad4_idx'),
        ),
        migrations.AddIndex(
            model_name='incident',
            index=models.Index(fields=['district_area', 'occurred_at'], name='incidents_i_distric_78b8ba_idx'),
        ),
        migrations.AddIndex(
            model_name='incident',
            index=models.Index(fields=['occurred_at'], name='incidents_i_occurre_55bd39_idx'),
        ),
        migrations.AddIndex(
            model_name='incident',
            index=models.Index(condition=models.Q(('place__isnull', False)), fields=['place'], name='incident_place_set'),
        ),
        migrations.AddIndex(
            model_name='incident',
            index=models.Index(condition=models.Q(('problem__isnull', False)), fields=['problem'], name='incident_problem_set'),
        ),
        migrations.AddIndex(
            model_name='incident',
            index=models.Index(condition=models.Q(('routed_to__isnull', False)), fields=['routed_to'], name='incident_routed_to_set'),
        ),
        migrations.AddIndex(
            model_name='incident',
            index=models.Index(condition=models.Q(('duplicate_of__isnull', False)), fields=['duplicate_of'], name='incident_duplicate_of_set'),
        ),
        migrations.AddIndex(
            model_name='incident',
            index=models.Index(condition=models.Q(('review_status__in', ('pending', 'routed'))), fields=['reported_at', 'id'], name='incident_awaiting_review'),
        ),
        migrations.AddIndex(
            model_name='incident',
            index=models.Index(condition=models.Q(('district__isnull', True), ('precision__in', ['place', 'district_area'])), fields=['district', 'occurred_at'], name='incident_unplaced_drawn'),
        ),
        migrations.AddConstraint(
            model_name='incident',
            constraint=models.UniqueConstraint(condition=models.Q(('external_id', ''), _negated=True), fields=('source', 'external_id'), name='incident_unique_external_id_per_source'),
        ),
        migrations.AddConstraint(
            model_name='incident',
            constraint=models.CheckConstraint(condition=models.Q(('source__in', ['partner_report', 'police_event', 'resident_tip', 'safety_walk'])), name='incident_source_valid'),
        ),
        migrations.AddConstraint(
            model_name='incident',
            constraint=models.CheckConstraint(condition=models.Q(('precision__in', ['place', 'district', 'district_area', 'municipality', 'county', 'unknown'])), name='incident_precision_valid'),
        ),
        migrations.AddConstraint(
            model_name='incident',
            constraint=models.CheckConstraint(condition=models.Q(('review_status__in', ['pending', 'routed', 'reviewed', 'dismissed'])), name='incident_review_status_valid'),
        ),
        migrations.AddConstraint(
            model_name='incident',
            constraint=models.CheckConstraint(condition=models.Q(('duplicate_of', models.F('pk')), _negated=True), name='incident_not_duplicate_of_itself'),
        ),
        migrations.AddConstraint(
            model_name='incident',
            constraint=models.CheckConstraint(condition=models.Q(('dismissal_reason', ''), ('review_status', 'dismissed'), _negated=True), name='incident_dismissal_has_reason'),
        ),
        migrations.AddConstraint(
            model_name='incident',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('lat__isnull', True), ('lon__isnull', True)), models.Q(('lat__gte', -90), ('lat__lte', 90), ('lon__gte', -180), ('lon__lte', 180)), _connector='OR'), name='incident_point_valid'),
        ),
        migrations.AddIndex(
            model_name='tipreceipt',
            index=models.Index(fields=['closed_at'], name='incidents_t_closed__99c218_idx'),
        ),
        # Kept from the replaced migrations: what a new database needs besides the tables.
        migrations.RunPython(drop_link_index, create_link_index),
        migrations.RunPython(create_categories, migrations.RunPython.noop),
        migrations.RunPython(schedule_fetch_police_events, unschedule_fetch_police_events),
    ]
