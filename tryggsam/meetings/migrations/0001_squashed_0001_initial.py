# Squashed: replaces meetings's migration(s) 0001 (issue 17, item 6).

from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('meetings', '0001_initial')]

    dependencies = [
    ]

    operations = [
        migrations.CreateModel(
            name='AgendaItem',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
                ('position', models.PositiveIntegerField(default=0, verbose_name='ordning')),
                ('depth', models.PositiveSmallIntegerField(default=0, verbose_name='nivå')),
                ('number', models.CharField(blank=True, max_length=16, verbose_name='nummer')),
                ('heading', models.CharField(max_length=300, verbose_name='rubrik')),
                ('notes', models.TextField(blank=True, verbose_name='anteckningar')),
                ('classification', models.CharField(choices=[('open', 'Öppen'), ('internal', 'Intern'), ('restricted', 'Begränsad')], default='internal', max_length=16, verbose_name='klassificering')),
            ],
            options={
                'verbose_name': 'punkt på dagordningen',
                'verbose_name_plural': 'dagordning',
                'ordering': ['position', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Attendance',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
                ('name', models.CharField(max_length=200, verbose_name='namn')),
                ('title', models.CharField(blank=True, max_length=200, verbose_name='titel')),
                ('organisation_text', models.CharField(blank=True, max_length=200, verbose_name='organisation (fritext)')),
                ('status', models.CharField(choices=[('called', 'Kallad'), ('present', 'Närvarande'), ('absent', 'Frånvarande'), ('excused', 'Anmält förhinder')], default='called', max_length=16, verbose_name='närvaro')),
                ('is_guest', models.BooleanField(default=False, verbose_name='gäst')),
                ('position', models.PositiveIntegerField(default=0, verbose_name='ordning')),
            ],
            options={
                'verbose_name': 'närvaro',
                'verbose_name_plural': 'närvaro',
                'ordering': ['position', 'id'],
            },
        ),
        migrations.CreateModel(
            name='Decision',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
                ('text', models.TextField(verbose_name='beslut')),
                ('follow_up_date', models.DateField(blank=True, null=True, verbose_name='uppföljning')),
            ],
            options={
                'verbose_name': 'beslut',
                'verbose_name_plural': 'beslut',
                'ordering': ['id'],
            },
        ),
        migrations.CreateModel(
            name='Meeting',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
                ('classification', models.CharField(choices=[('open', 'Öppen'), ('internal', 'Intern'), ('restricted', 'Begränsad')], default='internal', max_length=16, verbose_name='klassificering')),
                ('date', models.DateField(db_index=True, verbose_name='datum')),
                ('start_time', models.TimeField(blank=True, null=True, verbose_name='starttid')),
                ('end_time', models.TimeField(blank=True, null=True, verbose_name='sluttid')),
                ('location', models.CharField(blank=True, max_length=300, verbose_name='plats')),
                ('online_link', models.URLField(blank=True, verbose_name='länk för digitalt möte')),
                ('status', models.CharField(choices=[('draft', 'Utkast'), ('approved', 'Justerat')], default='draft', max_length=16, verbose_name='protokollets status')),
                ('approved_at', models.DateTimeField(blank=True, null=True, verbose_name='justerat')),
                ('published_at', models.DateTimeField(blank=True, null=True, verbose_name='publicerat')),
                ('sent_at', models.DateTimeField(blank=True, null=True, verbose_name='skickat till deltagarna')),
                ('version', models.PositiveIntegerField(default=1, verbose_name='version')),
                ('sequence', models.PositiveIntegerField(default=0, verbose_name='kalenderversion')),
            ],
            options={
                'verbose_name': 'möte',
                'verbose_name_plural': 'möten',
                'ordering': ['date', 'start_time'],
            },
        ),

    ]
