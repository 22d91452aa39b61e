"""Manage links become derivable: a random per-registration salt, and token_hash set to
sha256 of the derived token. Links sent before this migration stop working (their random
tokens were never stored); every later e-mail to the contact carries the new link."""

import base64
import hashlib
import secrets

from django.db import migrations, models
from django.utils.crypto import salted_hmac

import events.models.registrations

# Copied, not imported, so that this migration keeps working when the app code changes.
KEY_SALT = "events.manage-link"


def _token(pk, salt):
    digest = salted_hmac(KEY_SALT, f"{pk}:{salt}", algorithm="sha256").digest()
    return base64.urlsafe_b64encode(digest).rstrip(b"=").decode("ascii")


def give_salts(apps, schema_editor):
    Registration = apps.get_model("events", "Registration")
    for registration in Registration.objects.only("pk", "token_hash").iterator():
        registration.token_salt = secrets.token_urlsafe(16)
        if registration.token_hash is not None:  # None: purged, stays without link
            token = _token(registration.pk, registration.token_salt)
            registration.token_hash = hashlib.sha256(token.encode()).hexdigest()
        registration.save(update_fields=["token_salt", "token_hash"])


class Migration(migrations.Migration):
    dependencies = [("events", "0004_editor_permissions")]

    operations = [
        migrations.AddField(
            model_name="registration",
            name="token_salt",
            field=models.CharField(default="", editable=False, max_length=32),
            preserve_default=False,
        ),
        migrations.RunPython(give_salts, migrations.RunPython.noop),
        migrations.AlterField(
            model_name="registration",
            name="token_salt",
            field=models.CharField(
                default=events.models.registrations.new_token_salt,
                editable=False,
                max_length=32,
            ),
        ),
    ]
