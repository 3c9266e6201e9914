# Squashed: replaces forums's migration(s) 0001–0006 (issue 17, item 6).

from django.conf import settings
from django.db import migrations, models
import django.db.models.deletion


class Migration(migrations.Migration):

    replaces = [('forums', '0001_initial'), ('forums', '0002_forum_places'), ('forums', '0003_delivery_pupils_and_deliverer'), ('forums', '0004_finding_point_and_photo'), ('forums', '0005_walk_route_and_invitees'), ('forums', '0006_alter_finding_area_alter_finding_walk_and_more')]

    dependencies = [
        ('accounts', '0001_squashed_0002_totp_device'),
        ('casework', '0001_squashed_0001_initial'),
        ('places', '0001_squashed_0003_alter_area_centroid_lat_alter_area_centroid_lon_and_more'),
        migrations.swappable_dependency(settings.AUTH_USER_MODEL),
    ]

    operations = [
        migrations.CreateModel(
            name='Forum',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
                ('classification', models.CharField(choices=[('open', 'Öppen'), ('internal', 'Intern'), ('restricted', 'Begränsad')], default='internal', max_length=16, verbose_name='klassificering')),
                ('name', models.CharField(max_length=200, unique=True, verbose_name='namn')),
                ('kind', models.CharField(choices=[('council', 'Lokalt brottsförebyggande råd'), ('working_group', 'Arbetsgrupp'), ('partnership', 'Platssamverkan'), ('network', 'Nätverk')], max_length=16, verbose_name='typ')),
                ('purpose', models.TextField(blank=True, verbose_name='syfte')),
                ('cadence', models.CharField(blank=True, max_length=200, verbose_name='mötesfrekvens')),
                ('description', models.TextField(blank=True, verbose_name='beskrivning')),
                ('is_active', models.BooleanField(default=True, verbose_name='aktiv')),
                ('area', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='forums', to='places.area', verbose_name='område')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='skapad av')),
                ('owner_organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.organisation', verbose_name='ägande organisation')),
                ('parent', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='children', to='forums.forum', verbose_name='styrgrupp')),
                ('places', models.ManyToManyField(blank=True, help_text='De platser som en platssamverkan arbetar med.', related_name='partnerships', to='places.area', verbose_name='platser')),
                ('shared_with', models.ManyToManyField(blank=True, help_text='För begränsade uppgifter: organisationer utöver den ägande som får läsa.', related_name='%(app_label)s_%(class)s_shared+', to='accounts.organisation', verbose_name='delas med')),
            ],
            options={
                'verbose_name': 'forum',
                'verbose_name_plural': 'forum',
                'ordering': ['kind', 'name'],
            },
        ),
        migrations.CreateModel(
            name='ForumMember',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
                ('role', models.CharField(choices=[('chair', 'Ordförande'), ('vice_chair', 'Vice ordförande'), ('convener', 'Sammankallande'), ('secretary', 'Sekreterare'), ('member', 'Ledamot'), ('co_opted', 'Adjungerad')], default='member', max_length=16, verbose_name='roll')),
                ('title', models.CharField(blank=True, max_length=200, verbose_name='titel i forumet')),
                ('forum', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='members', to='forums.forum', verbose_name='forum')),
                ('organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='forum_memberships', to='accounts.organisation', verbose_name='organisation')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='forum_memberships', to=settings.AUTH_USER_MODEL, verbose_name='användare')),
            ],
            options={
                'verbose_name': 'forummedlem',
                'verbose_name_plural': 'forummedlemmar',
            },
        ),
        migrations.CreateModel(
            name='Programme',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
                ('name', models.CharField(max_length=200, unique=True, verbose_name='namn')),
                ('short_name', models.CharField(blank=True, max_length=40, verbose_name='kortnamn')),
                ('grade', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='årskurs')),
                ('description', models.TextField(blank=True, verbose_name='beskrivning')),
                ('forum', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='programmes', to='forums.forum', verbose_name='forum')),
                ('responsible_organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='accounts.organisation', verbose_name='ansvarig organisation')),
            ],
            options={
                'verbose_name': 'program',
                'verbose_name_plural': 'program',
                'ordering': ['name'],
            },
        ),
        migrations.CreateModel(
            name='ProgrammeDelivery',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
                ('school_year', models.CharField(help_text='t.ex. 2025/26', max_length=9, verbose_name='läsår')),
                ('status', models.CharField(choices=[('offered', 'Erbjudet'), ('planned', 'Planerat'), ('delivered', 'Genomfört'), ('not_held', 'Inte genomfört'), ('declined', 'Avböjt')], default='planned', max_length=16, verbose_name='status')),
                ('delivered_on', models.DateField(blank=True, null=True, verbose_name='genomfört datum')),
                ('classes', models.PositiveSmallIntegerField(blank=True, null=True, verbose_name='antal klasser')),
                ('pupils', models.PositiveIntegerField(blank=True, null=True, verbose_name='antal elever')),
                ('delivered_by', models.CharField(blank=True, max_length=200, verbose_name='genomfört av')),
                ('note', models.TextField(blank=True, verbose_name='anteckning')),
                ('programme', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='deliveries', to='forums.programme', verbose_name='program')),
                ('school', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='programme_deliveries', to='accounts.organisation', verbose_name='skola')),
            ],
            options={
                'verbose_name': 'programleverans',
                'verbose_name_plural': 'programleveranser',
                'ordering': ['-school_year', 'programme__name'],
            },
        ),
        migrations.CreateModel(
            name='SafetyWalk',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
                ('classification', models.CharField(choices=[('open', 'Öppen'), ('internal', 'Intern'), ('restricted', 'Begränsad')], default='internal', max_length=16, verbose_name='klassificering')),
                ('title', models.CharField(max_length=200, verbose_name='rubrik')),
                ('date', models.DateField(verbose_name='datum')),
                ('participants', models.TextField(blank=True, verbose_name='deltagare')),
                ('summary', models.TextField(blank=True, verbose_name='sammanfattning')),
                ('route', models.JSONField(blank=True, help_text='Vandringens väg som en GeoJSON LineString (longitud, latitud), kontrollerad med shapely.', null=True, verbose_name='rutt')),
                ('area', models.ForeignKey(on_delete=django.db.models.deletion.PROTECT, related_name='safety_walks', to='places.area', verbose_name='område')),
                ('created_by', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='skapad av')),
                ('forum', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='safety_walks', to='forums.forum', verbose_name='forum')),
                ('owner_organisation', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.PROTECT, related_name='+', to='accounts.organisation', verbose_name='ägande organisation')),
                ('shared_with', models.ManyToManyField(blank=True, help_text='För begränsade uppgifter: organisationer utöver den ägande som får läsa.', related_name='%(app_label)s_%(class)s_shared+', to='accounts.organisation', verbose_name='delas med')),
            ],
            options={
                'verbose_name': 'trygghetsvandring',
                'verbose_name_plural': 'trygghetsvandringar',
                'ordering': ['-date'],
            },
        ),
        migrations.CreateModel(
            name='Finding',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
                ('text', models.TextField(verbose_name='iakttagelse')),
                ('location', models.CharField(blank=True, max_length=200, verbose_name='plats')),
                ('lat', models.FloatField(blank=True, null=True, verbose_name='latitud')),
                ('lon', models.FloatField(blank=True, null=True, verbose_name='longitud')),
                ('photo', models.FileField(blank=True, max_length=200, upload_to='findings/%Y/', verbose_name='foto')),
                ('area', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='+', to='places.area', verbose_name='område')),
                ('problem', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.SET_NULL, related_name='findings', to='casework.problem', verbose_name='blev problem')),
                ('walk', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='findings', to='forums.safetywalk', verbose_name='trygghetsvandring')),
            ],
            options={
                'verbose_name': 'iakttagelse',
                'verbose_name_plural': 'iakttagelser',
                'ordering': ['id'],
            },
        ),
        migrations.CreateModel(
            name='WalkInvitee',
            fields=[
                ('id', models.BigAutoField(auto_created=True, primary_key=True, serialize=False, verbose_name='ID')),
                ('created_at', models.DateTimeField(auto_now_add=True, verbose_name='skapad')),
                ('updated_at', models.DateTimeField(auto_now=True, verbose_name='ändrad')),
                ('guest_name', models.CharField(blank=True, max_length=120, verbose_name='gästens namn')),
                ('user', models.ForeignKey(blank=True, null=True, on_delete=django.db.models.deletion.CASCADE, related_name='+', to=settings.AUTH_USER_MODEL, verbose_name='person')),
                ('walk', models.ForeignKey(on_delete=django.db.models.deletion.CASCADE, related_name='invitees', to='forums.safetywalk', verbose_name='trygghetsvandring')),
            ],
            options={
                'verbose_name': 'inbjuden till trygghetsvandring',
                'verbose_name_plural': 'inbjudna till trygghetsvandringar',
                'ordering': ['id'],
            },
        ),
        migrations.AddConstraint(
            model_name='forum',
            constraint=models.CheckConstraint(condition=models.Q(('kind__in', ['council', 'working_group', 'partnership', 'network'])), name='forum_kind_valid'),
        ),
        migrations.AddConstraint(
            model_name='forummember',
            constraint=models.UniqueConstraint(fields=('forum', 'user'), name='forum_member_unique_user'),
        ),
        migrations.AddConstraint(
            model_name='forummember',
            constraint=models.CheckConstraint(condition=models.Q(('user__isnull', False), ('organisation__isnull', False), _connector='OR'), name='forum_member_user_or_org'),
        ),
        migrations.AddConstraint(
            model_name='programmedelivery',
            constraint=models.UniqueConstraint(fields=('programme', 'school', 'school_year'), name='delivery_unique_per_year'),
        ),
        migrations.AddConstraint(
            model_name='programmedelivery',
            constraint=models.CheckConstraint(condition=models.Q(('school_year__regex', '^\\d{4}/\\d{2}$')), name='delivery_year_format'),
        ),
        migrations.AddConstraint(
            model_name='walkinvitee',
            constraint=models.CheckConstraint(condition=models.Q(models.Q(('user__isnull', False), ('guest_name', '')), models.Q(('user__isnull', True), models.Q(('guest_name', ''), _negated=True)), _connector='OR'), name='walk_invitee_user_or_guest'),
        ),
        migrations.AddConstraint(
            model_name='walkinvitee',
            constraint=models.UniqueConstraint(fields=('walk', 'user'), name='walk_invitee_unique_user'),
        ),

    ]
