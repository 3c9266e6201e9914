# Squashed: replaces accounts's migration(s) 0001–0002 (issue 17, item 6).

from django.conf import settings
import django.db.models.deletion
import django.utils.timezone
from django.db import migrations, models


class Migration(migrations.Migration):

    replaces = [('accounts', '0001_initial'), ('accounts', '0002_totp_device')]

    dependencies = [
        ('auth', '0012_alter_user_first_name_max_length'),
    ]

    operations = [
        migrations.CreateModel(
            name='Organisation',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
                ('name', models.CharField(max_length=200, unique=True, verbose_name='namn')),
                ('short_name', models.CharField(blank=True, max_length=60, verbose_name='kortnamn')),
                ('kind', models.CharField(choices=[('district_administration', 'Stadsdelsförvaltning/kommun'), ('police', 'Polis'), ('fire_and_rescue', 'Räddningstjänst'), ('school', 'Skola'), ('social_services', 'Socialtjänst'), ('housing_company', 'Bostadsbolag/fastighetsägare'), ('security_company', 'Bevakningsföretag'), ('public_transport', 'Kollektivtrafik'), ('business', 'Näringsliv'), ('association', 'Förening'), ('other', 'Annan')], default='other', max_length=32, verbose_name='typ')),
                ('municipality', models.CharField(blank=True, db_default='', default='', max_length=100, verbose_name='kommun')),
                ('is_active', models.BooleanField(db_default=True, default=True, help_text='En inaktiv organisation behåller sin historik men får inga nya medlemmar eller uppdrag.', verbose_name='aktiv')),
            ],
            options={
                'verbose_name': 'organisation',
                'verbose_name_plural': 'organisationer',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='User',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('password', models.CharField(max_length=128, verbose_name='password')),
                ('last_login', models.DateTimeField(blank=True, null=True, verbose_name='last login')),
                ('is_superuser', models.BooleanField(default=False, help_text='Designates that this user has all permissions without explicitly assigning them.', verbose_name='superuser status')),
                ('email', models.EmailField(max_length=254, unique=True, verbose_name='e-postadress')),
                ('full_name', models.CharField(max_length=200, verbose_name='namn')),
                ('title', models.CharField(blank=True, max_length=200, verbose_name='titel')),
                ('phone', models.CharField(blank=True, max_length=40, verbose_name='telefon')),
                ('is_active', models.BooleanField(default=True, verbose_name='aktiv')),
                ('is_staff', models.BooleanField(default=False, verbose_name='personal (admin)')),
                ('date_joined', models.DateTimeField(default=django.utils.timezone.now, verbose_name='registrerad')),
                ('groups', models.ManyToManyField(blank=True, help_text='The groups this user belongs to. A user will get all permissions granted to each of their groups.', related_name='user_set', related_query_name='user', to='auth.group', verbose_name='groups')),
                ('user_permissions', models.ManyToManyField(blank=True, help_text='Specific permissions for this user.', related_name='user_set', related_query_name='user', to='auth.permission', verbose_name='user permissions')),
            ],
            options={
                'verbose_name': 'användare',
                'verbose_name_plural': 'användare',
                'ordering': ['full_name'],
            },
        ),
        migrations.CreateModel(
            name='EnrolmentCode',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
                ('code_hash', models.CharField(max_length=128, verbose_name='kodens kontrollsumma')),
                ('expires_at', models.DateTimeField(verbose_name='giltig till')),
                ('used_at', models.DateTimeField(blank=True, null=True, verbose_name='använd')),
                ('failed_attempts', models.PositiveSmallIntegerField(default=0, verbose_name='misslyckade försök')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='enrolment_codes', to=settings.AUTH_USER_MODEL, verbose_name='användare')),
            ],
            options={
                'verbose_name': 'engångskod för tvåstegsverifiering',
                'verbose_name_plural': 'engångskoder för tvåstegsverifiering',
            },
        ),
        migrations.CreateModel(
            name='Membership',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
                ('role', models.CharField(choices=[('admin', 'Administratör'), ('coordinator', 'Samordnare'), ('member', 'Medlem'), ('reporter', 'Rapportör'), ('reader', 'Läsare')], default='member', max_length=16, verbose_name='roll')),
                ('user', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to=settings.AUTH_USER_MODEL, verbose_name='användare')),
                ('organisation', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='memberships', to='accounts.organisation', verbose_name='organisation')),
            ],
            options={
                'verbose_name': 'medlemskap',
                'verbose_name_plural': 'medlemskap',
                'constraints': [models.UniqueConstraint(fields=('user', 'organisation'), name='membership_unique_user_org'), models.CheckConstraint(condition=models.Q(('role__in', ['admin', 'coordinator', 'member', 'reporter', 'reader'])), name='membership_role_valid')],
            },
        ),

    ]
