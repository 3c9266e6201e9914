# Squashed: replaces audit's migration(s) 0001–0002 (issue 17, item 6).

from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    replaces = [('audit', '0001_initial'), ('audit', '0002_writecounter')]

    dependencies = [
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='WriteCounter',
            fields=[
                ('object_type', models.CharField(max_length=100, primary_key=True, serialize=False, verbose_name='objekttyp')),
                ('writes', models.BigIntegerField(default=0, verbose_name='skrivningar')),
            ],
            options={
                'verbose_name': 'skrivräknare',
                'verbose_name_plural': 'skrivräknare',
            },
        ),
        migrations.CreateModel(
            name='AuditEvent',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('occurred_at', models.DateTimeField(auto_now_add=True, db_index=True, verbose_name='tidpunkt')),
                ('actor_label', models.CharField(blank=True, max_length=200, verbose_name='vem (text)')),
                ('action', models.CharField(choices=[('create', 'Skapad'), ('update', 'Ändrad'), ('delete', 'Borttagen'), ('status', 'Status ändrad'), ('read', 'Läst'), ('import', 'Importerad'), ('login', 'Inloggning')], max_length=16, verbose_name='händelse')),
                ('object_type', models.CharField(db_index=True, max_length=100, verbose_name='objekttyp')),
                ('object_id', models.CharField(db_index=True, max_length=64, verbose_name='objekt-id')),
                ('object_repr', models.CharField(max_length=300, verbose_name='objekt')),
                ('changes', models.JSONField(blank=True, default=dict, verbose_name='ändringar')),
                ('note', models.CharField(blank=True, max_length=500, verbose_name='kommentar')),
                ('actor', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL, verbose_name='vem')),
            ],
            options={
                'verbose_name': 'granskningshändelse',
                'verbose_name_plural': 'granskningslogg',
                'ordering': ['-occurred_at', '-id'],
                'indexes': [models.Index(fields=['object_type', 'object_id'], name='audit_audit_object__0e78a5_idx')],
            },
        ),

    ]
