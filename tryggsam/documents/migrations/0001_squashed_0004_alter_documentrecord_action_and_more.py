# Squashed: replaces documents's migration(s) 0001–0004 (issue 17, item 6).

from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    replaces = [('documents', '0001_initial'), ('documents', '0002_importbatch'), ('documents', '0003_batch_created_forums'), ('documents', '0004_alter_documentrecord_action_and_more')]

    dependencies = [
        ('accounts', '0001_squashed_0002_totp_device'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='ImportBatch',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('status', models.CharField(choices=[('queued', 'I kö'), ('running', 'Pågår'), ('done', 'Klar')], default='queued', max_length=10, verbose_name='status')),
                ('total', models.PositiveIntegerField(default=0, verbose_name='totalt')),
                ('processed', models.PositiveIntegerField(default=0, verbose_name='behandlade')),
                ('saved', models.PositiveIntegerField(default=0, verbose_name='sparade')),
                ('skipped', models.PositiveIntegerField(default=0, verbose_name='överhoppade')),
                ('failed', models.PositiveIntegerField(default=0, verbose_name='misslyckade')),
                ('log', models.JSONField(default=list, verbose_name='logg')),
                ('created_forums', models.JSONField(default=list, verbose_name='skapade forum')),
                ('created_by', models.ForeignKey(null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL, verbose_name='skapad av')),
            ],
            options={
                'ordering': ['-created_at'],
            },
        ),
        migrations.CreateModel(
            name='ImportedDocument',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
                ('classification', models.CharField(choices=[('open', 'Öppen'), ('internal', 'Intern'), ('restricted', 'Begränsad')], default='internal', max_length=16, verbose_name='klassificering')),
                ('file', models.FileField(upload_to='arkiv/%Y/', verbose_name='fil')),
                ('original_name', models.CharField(max_length=300, verbose_name='filnamn')),
                ('sha256', models.CharField(max_length=64, unique=True, verbose_name='kontrollsumma (SHA-256)')),
                ('kind', models.CharField(max_length=20, verbose_name='typ')),
                ('title', models.CharField(blank=True, max_length=300, verbose_name='titel')),
                ('extracted', models.JSONField(default=dict, verbose_name='utläst innehåll')),
                ('summary', models.JSONField(default=dict, verbose_name='vad som sparades')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='skapad av')),
                ('imported_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, to=settings.AUTH_USER_MODEL, verbose_name='importerad av')),
                ('owner_organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.organisation', verbose_name='ägande organisation')),
                ('shared_with', models.ManyToManyField(blank=True, help_text='För begränsade uppgifter: organisationer utöver den ägande som får läsa.', related_name='%(app_label)s_%(class)s_shared+', to='accounts.organisation', verbose_name='delas med')),
            ],
            options={
                'verbose_name': 'importerat dokument',
                'verbose_name_plural': 'importerade dokument',
                'ordering': ['-created_at'],
            },
        ),
        migrations.CreateModel(
            name='DocumentRecord',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('object_type', models.CharField(max_length=100, verbose_name='objekttyp')),
                ('object_id', models.CharField(max_length=64, verbose_name='objekt-id')),
                ('action', models.CharField(default='created', max_length=16, verbose_name='vad som gjordes')),
                ('document', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='records', to='documents.importeddocument', verbose_name='dokument')),
            ],
            options={
                'indexes': [models.Index(fields=['object_type', 'object_id'], name='documents_d_object__f2306d_idx')],
                'constraints': [models.UniqueConstraint(fields=('document', 'object_type', 'object_id'), name='document_record_unique')],
            },
        ),

    ]
